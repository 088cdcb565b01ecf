// main.log's rotation: by size, files kept by count and age, a restart continues the current
// file, no line is lost or split at a boundary, and a failing disk never reaches the caller.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createLog } from '../../../src-main/electron/log';
import { createRotatingFile, logFilesIn } from '../../../src-main/log/rotating-file';
import { logLimitsOf } from '../../../src-main/config/schema';
import { openTerminal } from '../../../src-main/terminal';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-log-');
const line = (i: number): string => `{"n":${String(i).padStart(4, '0')},"pad":"${'x'.repeat(80)}"}`; // 100 bytes with its newline
const names = (dir: string): string[] => readdirSync(dir).sort();
const linesOf = (dir: string): string[] =>
  logFilesIn(dir)
    .reverse()
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean));

describe('main.log rotation', () => {
  test('rotates before a line would pass the size limit; every line whole, in order, none lost', () => {
    const dir = tempDir();
    const file = createRotatingFile(dir, { maxFileBytes: 1000, maxFiles: 5, maxAgeDays: 14 });
    for (let i = 0; i < 35; i += 1) file.write(line(i));
    expect(names(dir)).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8').length).toBe(1000);
    expect(linesOf(dir)).toEqual(Array.from({ length: 35 }, (_, i) => line(i)));
    expect(file.files().map((f) => f.slice(dir.length + 1))).toEqual(['main.log', 'main.1.log', 'main.2.log', 'main.3.log']);
  });

  test('keeps maxFiles files (the current one included): the oldest go', () => {
    const dir = tempDir();
    const file = createRotatingFile(dir, { maxFileBytes: 1000, maxFiles: 3, maxAgeDays: 14 });
    for (let i = 0; i < 60; i += 1) file.write(line(i));
    expect(names(dir)).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(linesOf(dir)).toEqual(Array.from({ length: 30 }, (_, i) => line(i + 30)));
  });

  test('rotated files older than maxAgeDays are removed (at rotation and when the limits change)', () => {
    const dir = tempDir();
    const now = new Date('2026-03-20T00:00:00Z');
    const file = createRotatingFile(dir, { maxFileBytes: 1000, maxFiles: 10, maxAgeDays: 14 }, () => now);
    for (let i = 0; i < 25; i += 1) file.write(line(i));
    expect(names(dir)).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    const old = new Date('2026-03-01T00:00:00Z');
    utimesSync(join(dir, 'main.2.log'), old, old);
    for (let i = 25; i < 35; i += 1) file.write(line(i)); // one more rotation: main.2 → main.3, too old
    expect(names(dir)).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    utimesSync(join(dir, 'main.2.log'), new Date('2026-03-10T00:00:00Z'), new Date('2026-03-10T00:00:00Z'));
    file.configure({ maxFileBytes: 1000, maxFiles: 10, maxAgeDays: 7 });
    expect(names(dir)).toEqual(['main.1.log', 'main.log']);
  });

  test('a restart continues the current file and its size; numbering carries on', () => {
    const dir = tempDir();
    const limits = { maxFileBytes: 1000, maxFiles: 5, maxAgeDays: 14 };
    const first = createRotatingFile(dir, limits);
    for (let i = 0; i < 15; i += 1) first.write(line(i));
    const second = createRotatingFile(dir, limits);
    for (let i = 15; i < 25; i += 1) second.write(line(i));
    expect(names(dir)).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8').split('\n').filter(Boolean)).toEqual(
      Array.from({ length: 10 }, (_, i) => line(i + 10)),
    );
    expect(linesOf(dir)).toEqual(Array.from({ length: 25 }, (_, i) => line(i)));
  });

  test('a line longer than the limit is written whole to a file of its own', () => {
    const dir = tempDir();
    const file = createRotatingFile(dir, { maxFileBytes: 100, maxFiles: 5, maxAgeDays: 14 });
    const long = 'y'.repeat(500);
    file.write('short');
    file.write(long);
    file.write('after');
    expect(linesOf(dir)).toEqual(['short', long, 'after']);
    expect(readFileSync(join(dir, 'main.1.log'), 'utf8')).toBe(`${long}\n`);
  });

  test('the folder removed under it: made again, the next line lands; a read-only folder never throws', () => {
    const dir = join(tempDir(), 'logs');
    const file = createRotatingFile(dir, { maxFileBytes: 1000, maxFiles: 5, maxAgeDays: 14 });
    file.write('one');
    rmSync(dir, { recursive: true, force: true });
    expect(() => file.write('two')).not.toThrow();
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('two\n');
    if (process.platform !== 'win32' && process.getuid?.() !== 0) {
      chmodSync(dir, 0o500);
      rmSync(join(dir, 'main.log'), { force: true });
      try {
        expect(() => {
          for (let i = 0; i < 30; i += 1) file.write(line(i));
        }).not.toThrow();
        expect(existsSync(join(dir, 'main.log'))).toBe(false);
      } finally {
        chmodSync(dir, 0o700);
      }
    }
  });

  test('a rotation that cannot move the old file (a folder in the way) keeps writing to main.log', () => {
    const dir = tempDir();
    const file = createRotatingFile(dir, { maxFileBytes: 200, maxFiles: 2, maxAgeDays: 14 });
    file.write(line(0));
    mkdirSync(join(dir, 'main.1.log'));
    writeFileSync(join(dir, 'main.1.log', 'held'), '');
    expect(() => file.write(line(1))).not.toThrow();
    expect(() => file.write(line(2))).not.toThrow();
    expect(readFileSync(join(dir, 'main.log'), 'utf8').split('\n').filter(Boolean)).toEqual([line(0), line(1), line(2)]);
  });

  test("the shell's log takes the configuration's limits; absent, 10 MiB, 10 files, 14 days", () => {
    expect(logLimitsOf({})).toEqual({ maxFileBytes: 10 * 1024 * 1024, maxFiles: 10, maxAgeDays: 14 });
    expect(logLimitsOf({ log: { maxFileMiB: 1, maxFiles: 2, maxAgeDays: 3 } })).toEqual({
      maxFileBytes: 1024 * 1024,
      maxFiles: 2,
      maxAgeDays: 3,
    });
    const dir = tempDir();
    const log = createLog(dir);
    log.configure({ maxFileBytes: 300, maxFiles: 2, maxAgeDays: 14 });
    for (let i = 0; i < 20; i += 1) log(`第 ${i} 行`);
    expect(names(dir)).toEqual(['main.1.log', 'main.log']);
    expect(log.dir).toBe(dir);
  });

  test("openTerminal hands the configuration's limits to the shell's log", async () => {
    const dir = tempDir();
    const configPath = join(dir, 'terminal.json');
    writeFileSync(
      configPath,
      JSON.stringify({
        terminalId: 'kmgd-sfj-room1',
        site: { id: 'kmgd-sfj', name: '昆明市官渡区司法局', kind: 'bureau' },
        room: { id: 'room1', name: '第一会见室' },
        centralStoreUrl: 'http://127.0.0.1:9',
        dataDir: 'data',
        recordingDir: 'recordings',
        retentionDays: 184,
        log: { maxFileMiB: 2, maxFiles: 4, maxAgeDays: 30 },
      }),
    );
    const seen: unknown[] = [];
    const logDir = join(dir, 'logs');
    const terminal = await openTerminal({
      configPath,
      logFiles: { dir: logDir, configure: (limits) => seen.push(limits) },
      sync: { autoStart: false },
    });
    try {
      expect(seen).toEqual([{ maxFileBytes: 2 * 1024 * 1024, maxFiles: 4, maxAgeDays: 30 }]);
    } finally {
      terminal.close();
    }
  });
});
