// R12.1: the equipment check's recorder line, before the visitors sit down: the ffmpeg the
// visit's recording would use, located and checked through the process cache (ffmpeg-tools.ts),
// so a check that passes also spares the visit's start the lookup. The detail is short: the
// equipment check adds what to do.
import { FfmpegNotFoundError } from '../errors';
import { FfmpegUnsuitableError } from './ffmpeg-check';
import type { FfmpegPaths, LocateOptions } from './ffmpeg-locator';
import { ffmpegTools, type FfmpegTools } from './ffmpeg-tools';

export interface RecorderToolsCheck {
  readonly ok: boolean;
  /** zh-CN: the version and path, or what is wrong. */
  readonly detail: string;
}

export async function checkRecorderFfmpeg(
  options: { ffmpeg?: FfmpegPaths; locate?: LocateOptions },
  tools: FfmpegTools = ffmpegTools,
): Promise<RecorderToolsCheck> {
  try {
    const { paths, version } = await tools.resolve(options);
    return { ok: true, detail: `${version}（${paths.ffmpeg}）` };
  } catch (error) {
    if (error instanceof FfmpegNotFoundError)
      return { ok: false, detail: `找不到 ${error.tool}（已尝试：${error.tried.join('；')}）` };
    if (error instanceof FfmpegUnsuitableError) return { ok: false, detail: `${error.problems.join('；')}（${error.path}）` };
    return { ok: false, detail: `无法检查 ffmpeg：${error instanceof Error ? error.message : String(error)}` };
  }
}
