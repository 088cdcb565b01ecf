// The installer carries its own ffmpeg in <resources>/ffmpeg/: the locator tries it right after
// the configured ffmpegPath and before FFMPEG_PATH, ffmpeg-static and the PATH (design.md "Recorder").
import { describe, expect, test } from 'vitest';
import { locateFfmpeg } from '../../../../src-main/recording';
import { ffmpegLocateOptions } from '../../../../src-main/recording';

const exists =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const statics = async (tool: string) => `/static/${tool}`;
const everywhere = [
  '/opt/ff/ffmpeg',
  '/opt/ff/ffprobe',
  '/app/resources/ffmpeg/ffmpeg',
  '/app/resources/ffmpeg/ffprobe',
  '/env/ffmpeg',
  '/env/ffprobe',
  '/static/ffmpeg',
  '/static/ffprobe',
  '/usr/bin/ffmpeg',
  '/usr/bin/ffprobe',
];
const env = { FFMPEG_PATH: '/env/ffmpeg', FFPROBE_PATH: '/env/ffprobe', PATH: '/usr/bin' };

describe("recorder: the installer's own ffmpeg", () => {
  test('the configured ffmpegPath first, then the copy beside the app, then the environment', async () => {
    const base = { env, loadStaticPackage: statics, isExecutable: exists(...everywhere) };
    expect(
      (await locateFfmpeg({ ...base, ...ffmpegLocateOptions({ ffmpegPath: '/opt/ff/ffmpeg' }, '/app/resources') })).sources,
    ).toEqual({ ffmpeg: 'configured', ffprobe: 'configured' });
    expect(await locateFfmpeg({ ...base, ...ffmpegLocateOptions({}, '/app/resources') })).toEqual({
      ffmpeg: '/app/resources/ffmpeg/ffmpeg',
      ffprobe: '/app/resources/ffmpeg/ffprobe',
      sources: { ffmpeg: 'bundled', ffprobe: 'bundled' },
    });
    // In development there is no resources folder: the environment is next.
    expect((await locateFfmpeg({ ...base, ...ffmpegLocateOptions({}) })).sources.ffmpeg).toBe('env');
  });

  test('on Windows the copy is ffmpeg.exe; a missing copy is named among what was tried', async () => {
    const found = await locateFfmpeg({
      platform: 'win32',
      resourcesPath: 'C:/kiosk/resources',
      env: { PATH: '' },
      loadStaticPackage: async () => null,
      isExecutable: exists('C:/kiosk/resources/ffmpeg/ffmpeg.exe', 'C:/kiosk/resources/ffmpeg/ffprobe.exe'),
    });
    expect(found.sources).toEqual({ ffmpeg: 'bundled', ffprobe: 'bundled' });
    expect(found.ffmpeg).toMatch(/ffmpeg\.exe$/);
    await expect(
      locateFfmpeg({
        resourcesPath: '/app/resources',
        env: { PATH: '' },
        loadStaticPackage: async () => null,
        isExecutable: () => false,
      }),
    ).rejects.toThrow(/安装包附带的 \/app\/resources\/ffmpeg\/ffmpeg（不存在或不可执行）/);
  });
});
