// A recording's archive plays back same-origin over app://, streamed with Range
// support so a <video> can seek, and only files resolvePlaybackFile allows are served.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createAppProtocolHandler } from '../../../src-main/electron/protocol';
import { parseRange } from '../../../src-main/electron/ranged-file';

const dir = mkdtempSync(path.join(tmpdir(), 'kiosk-playback-'));
const rendererRoot = path.join(dir, 'renderer');
const recordings = path.join(dir, 'recordings');
mkdirSync(rendererRoot);
mkdirSync(path.join(recordings, 'rec-1'), { recursive: true });
const archive = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
writeFileSync(path.join(recordings, 'rec-1', 'archive.webm'), archive);
writeFileSync(path.join(dir, 'secret.txt'), 'not for the renderer');
symlinkSync(path.join(dir, 'secret.txt'), path.join(recordings, 'rec-1', 'chapters.vtt'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const handler = createAppProtocolHandler(rendererRoot, () => {}, { playbackRoot: () => recordings });
const get = (p: string, headers: Record<string, string> = {}) => handler(new Request(`app://kiosk${p}`, { headers }));

describe('R13.1 playback of local recordings over app://', () => {
  test('the whole archive, with the CSP and Accept-Ranges', async () => {
    const res = await get('/recordings/rec-1/archive.webm');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/webm');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(Buffer.from(await res.arrayBuffer())).toEqual(archive);
  });

  test('a Range request gets exactly those bytes (206)', async () => {
    const res = await get('/recordings/rec-1/archive.webm', { range: 'bytes=100-199' });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(archive.subarray(100, 200));
  });

  test('a range past the end is 416', async () => {
    const res = await get('/recordings/rec-1/archive.webm', { range: 'bytes=5000-' });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
  });

  test.each([
    '/recordings/rec-1/../../secret.txt',
    '/recordings/..%2f..%2fsecret.txt/archive.webm',
    '/recordings/rec-1/chapters.vtt', // a symlink out of the folder
    '/recordings/rec-2/archive.webm',
    '/recordings/rec-1/manifest.json',
  ])('%s is not served', async (p) => {
    const res = await get(p);
    expect([403, 404]).toContain(res.status);
  });

  test('before the terminal is open, playback requests are 404', async () => {
    const closed = createAppProtocolHandler(rendererRoot, () => {}, { playbackRoot: () => undefined });
    expect((await closed(new Request('app://kiosk/recordings/rec-1/archive.webm'))).status).toBe(404);
  });
});

describe('parseRange', () => {
  test.each([
    [null, { kind: 'whole' }],
    ['bytes=0-', { kind: 'part', start: 0, end: 999 }],
    ['bytes=-100', { kind: 'part', start: 900, end: 999 }],
    ['bytes=990-2000', { kind: 'part', start: 990, end: 999 }],
    ['bytes=500-400', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['items=0-10', { kind: 'whole' }],
    ['bytes=0-1,5-6', { kind: 'whole' }],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
