// R13.1 / R12.1: the ffmpeg found is checked once before it records: a build that runs, 5.1 or
// newer where its version says so, with every muxer, demuxer and option the recorder passes.
// Fake builds (shell scripts) stand for what a kiosk may have; Debian's ffmpeg must pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  checkFfmpegBuild,
  createFfmpegTools,
  FfmpegUnsuitableError,
  inspectFfmpegBuild,
  startRecording,
} from '../../../../src-main/recording';
import { missingOptions, parseFfmpegVersion, parseFormats } from '../../../../src-main/recording/ffmpeg/ffmpeg-check';
import { which, writeFakeFfmpeg } from './helpers/fake-ffmpeg';
import { openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const root = mkdtempSync(join(tmpdir(), 'yn-ffcheck-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('recorder: the ffmpeg build is checked before it records', () => {
  test('the version line: a release number is judged, a git build is left to the option check', () => {
    expect(parseFfmpegVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026')).toEqual({ major: 5, minor: 1 });
    expect(parseFfmpegVersion('ffmpeg version n6.1.1 Copyright')).toEqual({ major: 6, minor: 1 });
    expect(parseFfmpegVersion('ffmpeg version 4.4.2-0ubuntu0.22.04.1')).toEqual({ major: 4, minor: 4 });
    expect(parseFfmpegVersion('ffmpeg version N-113000-g0123456789')).toBeNull();
    const formats = parseFormats(
      'File formats:\n D. = Demuxing supported\n .E = Muxing supported\n --\n D  concat          Virtual concatenation script\n DE ffmetadata      FFmpeg metadata in text\n  E webm            WebM\n D  matroska,webm   Matroska / WebM\n',
    );
    expect([...formats.muxers]).toEqual(['ffmetadata', 'webm']);
    expect([...formats.demuxers]).toEqual(['concat', 'ffmetadata', 'matroska', 'webm']);
    const webm = { kind: 'muxer', name: 'webm', options: ['cues_to_front'] } as const;
    expect(missingOptions(webm, 'Muxer webm [WebM]:\n  -cues_to_front     <boolean>    E....')).toEqual([]);
    expect(missingOptions(webm, 'Muxer webm [WebM]:\n  -reserve_index_space <int>')).toEqual([
      'webm 封装器不支持 -cues_to_front 选项',
    ]);
  });

  test("Debian's ffmpeg passes: every muxer and option the recorder uses is there", async () => {
    const report = await inspectFfmpegBuild(which('ffmpeg'));
    expect(report.problems).toEqual([]);
    expect(report.version).toMatch(/^ffmpeg version \d/);
    await expect(checkFfmpegBuild(which('ffmpeg'))).resolves.toBe(report.version);
  });

  test("an old build (4.4) fails on its version and on the archive step's -cues_to_front, saying what to do", async () => {
    const old = writeFakeFfmpeg(join(root, 'old'), 'old');
    const report = await inspectFfmpegBuild(old);
    expect(report.version).toMatch(/^ffmpeg version 4\.4\.2/);
    expect(report.problems).toEqual(['版本 4.4 过旧，需要 5.1 或更新', 'webm 封装器不支持 -cues_to_front 选项']);
    const error = await checkFfmpegBuild(old).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FfmpegUnsuitableError);
    expect((error as Error).message).toMatch(/不能用于录像（R13\.1）.*请安装 ffmpeg 5\.1 或更新版本.*ffmpegPath.*FFMPEG_PATH/);
  });

  test('a build without the segment muxer, or one that does not run, fails too', async () => {
    expect((await inspectFfmpegBuild(writeFakeFfmpeg(join(root, 'noseg'), 'no-segment'))).problems).toEqual([
      '缺少 segment 封装器',
    ]);
    expect(await inspectFfmpegBuild(writeFakeFfmpeg(join(root, 'broken'), 'broken'))).toEqual({
      version: 'unknown',
      problems: ['无法运行（退出码 1）'],
    });
    expect((await inspectFfmpegBuild(join(root, 'gone', 'ffmpeg'))).problems[0]).toMatch(/^无法运行（无法启动：/);
  });

  test('the check runs once per build and process; a failed one is asked again (the administrator may fix it)', async () => {
    const dir = join(root, 'cache');
    const old = writeFakeFfmpeg(dir, 'old');
    const tools = createFfmpegTools();
    const locate = { configured: { ffmpeg: old } };
    await expect(tools.resolve({ locate })).rejects.toBeInstanceOf(FfmpegUnsuitableError);
    await expect(tools.resolve({ locate })).rejects.toBeInstanceOf(FfmpegUnsuitableError);
    expect(tools.counts().versionChecks).toBe(2);
    const good = await tools.resolve({ locate: { configured: { ffmpeg: which('ffmpeg') } } });
    await tools.resolve({ locate: { configured: { ffmpeg: which('ffmpeg') } } });
    expect(good.version).toMatch(/^ffmpeg version/);
    expect(tools.counts().versionChecks).toBe(3);
  });

  test('startRecording with an old ffmpeg fails before anything is recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yn-ffcheck-rec-'));
    const store = openRecorderStore(dir);
    try {
      const old = writeFakeFfmpeg(join(dir, 'bin'), 'old');
      await expect(
        startRecording({
          visitId: VISIT_ID,
          terminalId: TERMINAL_ID,
          dir,
          db: store.db,
          keyPath: join(dir, 'k.pem'),
          locate: { configured: { ffmpeg: old } },
        }),
      ).rejects.toThrow(/cues_to_front/);
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM recordings').get()).toEqual({ n: 0 });
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
