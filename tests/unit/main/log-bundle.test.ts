// The log bundle support receives: main.log and its rotated files with a manifest (terminal,
// files, sizes, SHA-256), gzipped; read back byte for byte; capped, oldest files left out first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { packLogBundle, unpackLogBundle } from '../../../src-main/log/bundle';
import { createRotatingFile } from '../../../src-main/log/rotating-file';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-bundle-');
const sha = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');
const at = new Date('2026-03-02T02:00:00Z');
const REQUEST = '0b5a3c1e-9a55-4c49-9d0f-6a1f7e1d2c3b';

describe('log bundle', () => {
  test('packs the current and rotated files with a manifest, and reads back the same bytes', async () => {
    const dir = tempDir();
    const log = createRotatingFile(dir, { maxFileBytes: 2000, maxFiles: 5, maxAgeDays: 14 });
    for (let i = 0; i < 50; i += 1) log.write(JSON.stringify({ i, msg: `第 ${i} 行` }));
    writeFileSync(join(dir, 'unrelated.txt'), 'not a log');
    const packed = await packLogBundle({ dir, terminalId: 'T-01', requestId: REQUEST, createdAt: at });
    expect(packed.sha256).toBe(sha(packed.bytes));
    const { manifest, files } = await unpackLogBundle(packed.bytes);
    expect(manifest).toMatchObject({
      format: 'kiosk-log-bundle/1',
      terminalId: 'T-01',
      requestId: REQUEST,
      createdAt: at.toISOString(),
      omitted: [],
    });
    expect(manifest.files.map((f) => f.name)).toEqual(log.files().map((f) => f.slice(dir.length + 1)));
    expect(manifest.files.map((f) => f.name)).not.toContain('unrelated.txt');
    for (const f of manifest.files) {
      const disk = readFileSync(join(dir, f.name));
      expect(files.get(f.name)?.equals(disk)).toBe(true);
      expect(f).toEqual({ name: f.name, bytes: disk.length, sha256: sha(disk) });
    }
  });

  test('an empty folder packs an empty bundle', async () => {
    const packed = await packLogBundle({ dir: tempDir(), terminalId: 'T-01', requestId: REQUEST, createdAt: at });
    expect((await unpackLogBundle(packed.bytes)).manifest.files).toEqual([]);
  });

  test('over the cap, the oldest files are left out and named; a single file keeps its newest lines', async () => {
    const dir = tempDir();
    // Random text does not compress: the sizes stay near what is written.
    const noise = (n: number): string => randomBytes(n).toString('base64');
    writeFileSync(join(dir, 'main.log'), `${noise(3000)}\n`);
    writeFileSync(join(dir, 'main.1.log'), `${noise(3000)}\n`);
    writeFileSync(join(dir, 'main.2.log'), `${noise(3000)}\n`);
    const packed = await packLogBundle({ dir, terminalId: 'T-01', requestId: REQUEST, createdAt: at, maxBytes: 9000 });
    expect(packed.bytes.length).toBeLessThanOrEqual(9000);
    const { manifest } = await unpackLogBundle(packed.bytes);
    expect(manifest.files.map((f) => f.name)).toEqual(['main.log', 'main.1.log']);
    expect(manifest.omitted).toEqual(['main.2.log']);

    const lines = Array.from({ length: 200 }, (_, i) => `${i} ${noise(60)}`);
    writeFileSync(join(dir, 'main.log'), `${lines.join('\n')}\n`);
    const one = await packLogBundle({ dir, terminalId: 'T-01', requestId: REQUEST, createdAt: at, maxBytes: 9000 });
    const read = await unpackLogBundle(one.bytes);
    expect(one.bytes.length).toBeLessThanOrEqual(9000);
    const kept = read.files.get('main.log')?.toString('utf8') ?? '';
    expect(kept.endsWith(`${lines.at(-1) ?? ''}\n`)).toBe(true);
    expect(lines).toContain(kept.split('\n')[0]);
  });

  test('the input cap reads the newest files only', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.log'), 'a'.repeat(600));
    writeFileSync(join(dir, 'main.1.log'), 'b'.repeat(600));
    const packed = await packLogBundle({ dir, terminalId: 'T-01', requestId: REQUEST, createdAt: at, maxInputBytes: 1000 });
    expect((await unpackLogBundle(packed.bytes)).manifest).toMatchObject({
      files: [{ name: 'main.log', bytes: 600 }],
      omitted: ['main.1.log'],
    });
  });

  test('a damaged bundle is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.log'), 'line one\nline two\n');
    const packed = await packLogBundle({ dir, terminalId: 'T-01', requestId: REQUEST, createdAt: at });
    const raw = gunzipSync(packed.bytes);
    raw[raw.length - 3] = 0x58;
    await expect(unpackLogBundle(gzipSync(raw))).rejects.toThrow('SHA-256 不符');
    await expect(unpackLogBundle(gzipSync(Buffer.from('{"format":"other"}\n')))).rejects.toThrow('格式不符');
  });
});
