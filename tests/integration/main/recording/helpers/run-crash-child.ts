// Runs helpers/crash-child.ts (a terminal recording part of a visit in a child process)
// until its first segment is sealed; the test then kills it like a kill -9 of the terminal.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));

export interface CrashChild {
  readonly ffmpegPid: number;
  readonly recordingId: string;
  /** Bytes of the input the child wrote to its recording before reporting. */
  readonly written: number;
  /** SIGKILL of the child alone (its ffmpeg lives on, orphaned, unless the test kills it). */
  kill(): Promise<void>;
}

export function runChildUntilSealed(root: string, fraction = '0.6'): Promise<CrashChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, fraction], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (more: string) => {
      text += more;
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) {
        const report = JSON.parse(line) as { ffmpegPid: number; recordingId: string; written: number };
        resolve({
          ...report,
          kill: async () => {
            child.kill('SIGKILL');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}
