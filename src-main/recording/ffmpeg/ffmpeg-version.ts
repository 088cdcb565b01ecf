// `ffmpeg -version`'s first line, for the manifest: which build wrote the files.
import { runProcess } from './child-process';

export async function ffmpegVersion(ffmpeg: string): Promise<string> {
  const result = await runProcess(ffmpeg, ['-hide_banner', '-version'], { timeoutMs: 15_000 });
  const first = result.stdout.split('\n')[0]?.trim();
  return first && result.exit.code === 0 ? first : 'unknown';
}
