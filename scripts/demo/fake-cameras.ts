// Each demo terminal's own fake camera (Chromium --use-file-for-fake-video-capture):
// the prison's test pattern and the bureau's green card, made with the real ffmpeg.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** `fps`: the cameras' frame rate (15 by default: the demo's and bench:network's). */
export function makeFakeCameras(dir: string, fps = 15): { prison: string; bureau: string } {
  const prison = join(dir, 'prison-camera.y4m');
  const bureau = join(dir, 'bureau-camera.y4m');
  const run = (args: string[]) =>
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'pipe' });
  try {
    run(['-f', 'lavfi', '-i', `testsrc=size=640x360:rate=${fps}`, '-t', '2', '-pix_fmt', 'yuv420p', prison]);
    run(['-f', 'lavfi', '-i', `color=c=0x1f6f3f:size=640x360:rate=${fps}`, '-t', '2', '-pix_fmt', 'yuv420p', bureau]);
  } catch (error) {
    throw new Error(
      `无法用 ffmpeg 生成模拟摄像头画面（请安装 ffmpeg）cannot make the fake cameras: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return { prison, bureau };
}
