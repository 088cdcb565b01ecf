// Main's start of a recording must not locate ffmpeg and run `ffmpeg -version`
// every visit (2.5–7 s under load). Both are cached per process, keyed by the configured
// path and the environment, and re-done when the configuration or the binary changes.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createFfmpegTools, ffmpegTools, locateFfmpeg, startRecording, type LocateOptions } from '../../../../src-main/recording';
import { ffmpegVersion } from '../../../../src-main/recording/ffmpeg/ffmpeg-version';
import { openRecorderStore, seedVisit, TERMINAL_ID, VISIT_ID } from './helpers/store';

const root = mkdtempSync(join(tmpdir(), 'yn-fftools-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const which = (tool: string) => execFileSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).trim();

/** The real lookup and the real `-version`, counted. */
function counted() {
  const calls = { locate: [] as Array<string | undefined>, version: [] as string[] };
  const tools = createFfmpegTools({
    locate: (o: LocateOptions) => {
      calls.locate.push(o.configured?.ffmpeg);
      return locateFfmpeg(o);
    },
    version: (path: string) => {
      calls.version.push(path);
      return ffmpegVersion(path);
    },
  });
  return { tools, calls };
}

describe('recorder: ffmpeg located and version-checked once per process', () => {
  test('a second start reuses the lookup and the version; a changed configured path locates again', async () => {
    const { tools, calls } = counted();
    const a = join(root, 'a');
    const b = join(root, 'b');
    for (const dir of [a, b]) {
      execFileSync('mkdir', ['-p', dir]);
      symlinkSync(which('ffmpeg'), join(dir, 'ffmpeg'));
      symlinkSync(which('ffprobe'), join(dir, 'ffprobe'));
    }
    const first = await tools.resolve({ locate: { configured: { ffmpeg: join(a, 'ffmpeg') } } });
    expect(first.paths).toMatchObject({ ffmpeg: join(a, 'ffmpeg'), sources: { ffmpeg: 'configured' } });
    expect(first.version).toMatch(/^ffmpeg version /);
    const again = await Promise.all(
      [1, 2, 3].map(() => tools.resolve({ locate: { configured: { ffmpeg: join(a, 'ffmpeg') } } })),
    );
    expect(again.every((r) => r.paths === first.paths && r.version === first.version)).toBe(true);
    expect(calls).toEqual({ locate: [join(a, 'ffmpeg')], version: [join(a, 'ffmpeg')] });

    // The administrator points the configuration elsewhere: located and checked again.
    const moved = await tools.resolve({ locate: { configured: { ffmpeg: join(b, 'ffmpeg') } } });
    expect(moved.paths.ffmpeg).toBe(join(b, 'ffmpeg'));
    expect(calls.locate).toEqual([join(a, 'ffmpeg'), join(b, 'ffmpeg')]);
    expect(calls.version).toEqual([join(a, 'ffmpeg'), join(b, 'ffmpeg')]);

    // The configured binary disappears: not handed out from the cache; the lookup falls through.
    unlinkSync(join(b, 'ffmpeg'));
    const fallback = await tools.resolve({ locate: { configured: { ffmpeg: join(b, 'ffmpeg') } } });
    expect(fallback.paths.ffmpeg).not.toBe(join(b, 'ffmpeg'));
    expect(calls.locate).toHaveLength(3);
  });

  test('a binary replaced in place is version-checked again; a failed lookup is not cached', async () => {
    const { tools, calls } = counted();
    const dir = join(root, 'c');
    execFileSync('mkdir', ['-p', dir]);
    copyFileSync(which('ffprobe'), join(dir, 'ffprobe'));
    symlinkSync(which('ffmpeg'), join(dir, 'ffmpeg'));
    const configured = { ffmpeg: join(dir, 'ffmpeg') };
    await tools.resolve({ locate: { configured } });
    await tools.resolve({ locate: { configured } });
    expect(calls.version).toHaveLength(1);
    unlinkSync(join(dir, 'ffmpeg'));
    copyFileSync(which('ffmpeg'), join(dir, 'ffmpeg')); // an upgrade: another file at the same path
    await tools.resolve({ locate: { configured } });
    expect(calls.version).toHaveLength(2);

    const nowhere = { configured: { ffmpeg: '/gone/ffmpeg' }, env: { PATH: '/nowhere' } } as const;
    await expect(tools.resolve({ locate: nowhere })).rejects.toThrow(/找不到 ffmpeg/);
    await expect(tools.resolve({ locate: nowhere })).rejects.toThrow(/找不到 ffmpeg/);
    expect(calls.locate.filter((p) => p === '/gone/ffmpeg')).toHaveLength(2);
  });

  test('startRecording uses the process cache: the second start of the day runs neither step', async () => {
    const store = openRecorderStore(join(root, 'rec'));
    seedVisit(store.db, 'V-2025-0002');
    try {
      const opts = (visitId: string) => ({
        visitId,
        terminalId: TERMINAL_ID,
        dir: join(root, 'rec', 'recordings'),
        db: store.db,
        keyPath: join(root, 'rec', 'k.pem'),
      });
      const one = await startRecording(opts(VISIT_ID));
      const before = ffmpegTools.counts();
      const two = await startRecording(opts('V-2025-0002'));
      expect(ffmpegTools.counts()).toEqual(before);
      await Promise.all([one.stop(), two.stop()]);
    } finally {
      store.close();
    }
  }, 60_000);
});
