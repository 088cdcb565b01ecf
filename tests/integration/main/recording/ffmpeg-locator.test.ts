// design.md "Recorder": ffmpeg is found as configured path → FFMPEG_PATH →
// ffmpeg-static (when its binary is present) → PATH; none found is a clear zh-CN error.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FfmpegNotFoundError, loadStaticPackage, locateFfmpeg, startRecording } from '../../../../src-main/recording';
import { openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const exists =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const noStatic = async () => null;

describe('recorder: locating ffmpeg', () => {
  test('a configured path wins, and ffprobe defaults to its sibling', async () => {
    const found = await locateFfmpeg({
      configured: { ffmpeg: '/opt/ff/ffmpeg' },
      env: { FFMPEG_PATH: '/env/ffmpeg', PATH: '/usr/bin' },
      loadStaticPackage: async (tool) => `/static/${tool}`,
      isExecutable: exists('/opt/ff/ffmpeg', '/opt/ff/ffprobe', '/env/ffmpeg', '/static/ffmpeg', '/usr/bin/ffmpeg'),
    });
    expect(found).toEqual({
      ffmpeg: '/opt/ff/ffmpeg',
      ffprobe: '/opt/ff/ffprobe',
      sources: { ffmpeg: 'configured', ffprobe: 'configured' },
    });
  });

  test('then FFMPEG_PATH, then ffmpeg-static when its binary exists, then PATH', async () => {
    const env = { FFMPEG_PATH: '/env/ffmpeg', FFPROBE_PATH: '/env/ffprobe', PATH: '/a:/usr/bin' };
    const statics = async (tool: string) => `/static/${tool}`;
    expect(
      (await locateFfmpeg({ env, loadStaticPackage: statics, isExecutable: exists('/env/ffmpeg', '/env/ffprobe') })).sources,
    ).toEqual({ ffmpeg: 'env', ffprobe: 'env' });
    const viaStatic = await locateFfmpeg({
      env: { PATH: '/usr/bin' },
      loadStaticPackage: statics,
      isExecutable: exists('/static/ffmpeg', '/usr/bin/ffprobe'),
    });
    expect(viaStatic).toEqual({
      ffmpeg: '/static/ffmpeg',
      ffprobe: '/usr/bin/ffprobe',
      sources: { ffmpeg: 'static-package', ffprobe: 'path' },
    });
    // A configured or FFMPEG_PATH binary that is missing falls through, and is reported if nothing is found.
    const viaPath = await locateFfmpeg({
      configured: { ffmpeg: '/gone/ffmpeg' },
      env: { PATH: '/a:/usr/bin' },
      loadStaticPackage: noStatic,
      isExecutable: exists('/usr/bin/ffmpeg', '/usr/bin/ffprobe'),
    });
    expect(viaPath.ffmpeg).toBe('/usr/bin/ffmpeg');
  });

  test('ffmpeg-static is optional: absent here, the guarded import yields null', async () => {
    expect(await loadStaticPackage('ffmpeg')).toBeNull();
    expect(await loadStaticPackage('ffprobe')).toBeNull();
    // On this Debian machine the real lookup ends on PATH.
    expect((await locateFfmpeg({ env: { PATH: process.env.PATH ?? '' } })).sources.ffmpeg).toBe('path');
  });

  test('nothing found: a zh-CN error naming what was tried and how to fix it', async () => {
    const attempt = locateFfmpeg({
      configured: { ffmpeg: '/gone/ffmpeg' },
      env: { PATH: '/nowhere' },
      loadStaticPackage: noStatic,
      isExecutable: () => false,
    });
    await expect(attempt).rejects.toBeInstanceOf(FfmpegNotFoundError);
    await expect(attempt).rejects.toThrow(
      /找不到 ffmpeg，无法录像.*配置的路径 \/gone\/ffmpeg.*ffmpeg-static（未安装）.*系统 PATH.*FFMPEG_PATH/,
    );
  });

  test('startRecording without ffmpeg fails before anything is recorded', async () => {
    const root = mkdtempSync(join(tmpdir(), 'yn-recorder-noff-'));
    const store = openRecorderStore(root);
    try {
      await expect(
        startRecording({
          visitId: VISIT_ID,
          terminalId: TERMINAL_ID,
          dir: root,
          db: store.db,
          keyPath: join(root, 'k.pem'),
          locate: { env: { PATH: '' }, loadStaticPackage: noStatic },
        }),
      ).rejects.toThrow(FfmpegNotFoundError);
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM recordings').get()).toEqual({ n: 0 });
    } finally {
      store.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
