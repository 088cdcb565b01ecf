// A small typed wrapper around child_process.spawn for ffmpeg and ffprobe (fluent-ffmpeg is
// archived upstream): stdin with back-pressure, stderr kept in a bounded tail for
// diagnostics, and one promise for the exit however it happens (exit, signal, spawn error).
import { spawn } from 'node:child_process';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started (e.g. ENOENT). */
  readonly error?: Error;
}

export interface RunningProcess {
  readonly pid: number | undefined;
  /** Resolves once the chunk is accepted; waits for 'drain' when the pipe is full. */
  write(chunk: Uint8Array): Promise<void>;
  /** Closes stdin: ffmpeg finishes its output and exits. */
  endInput(): void;
  kill(signal?: NodeJS.Signals): void;
  readonly exited: Promise<ProcessExit>;
  /** The last bytes of stderr (bounded), for error messages and the audit log. */
  stderrTail(): string;
  stdout(): string;
}

export interface StartOptions {
  readonly cwd?: string;
  readonly stdin?: boolean;
  /** Bytes of stderr kept (the tail); ffmpeg can print for hours. */
  readonly stderrLimit?: number;
  /** Bytes of stdout kept (ffprobe's answer); 0 discards stdout. */
  readonly stdoutLimit?: number;
}

/** Keeps only the last `limit` characters: memory stays flat however long the process talks. */
function boundedTail(limit: number): { push(text: string): void; read(): string } {
  let text = '';
  return {
    push(more) {
      if (limit <= 0) return;
      text += more;
      if (text.length > limit * 2) text = text.slice(-limit);
    },
    read: () => text.slice(-limit),
  };
}

export function startProcess(command: string, args: readonly string[], options: StartOptions = {}): RunningProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const stderr = boundedTail(options.stderrLimit ?? 16 * 1024);
  const stdout = boundedTail(options.stdoutLimit ?? 0);
  child.stderr?.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  child.stdout?.setEncoding('utf8').on('data', (text: string) => stdout.push(text));
  // EPIPE when the process dies with data in flight: reported through `exited`, never thrown.
  child.stdin?.on('error', () => undefined);

  let exit: ProcessExit | null = null;
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('error', (error) => {
      exit ??= { code: null, signal: null, error };
      resolve(exit);
    });
    // 'close', not 'exit': stderr has been read to the end by then.
    child.once('close', (code, signal) => {
      exit ??= { code, signal };
      resolve(exit);
    });
  });

  return {
    pid: child.pid,
    async write(chunk) {
      const stdin = child.stdin;
      if (!stdin || exit || stdin.destroyed || stdin.writableEnded) throw new Error('进程已退出，无法写入');
      if (stdin.write(chunk)) return;
      await new Promise<void>((resolve, reject) => {
        const done = () => {
          stdin.off('drain', done);
          stdin.off('close', gone);
          resolve();
        };
        const gone = () => {
          stdin.off('drain', done);
          stdin.off('close', gone);
          reject(new Error('进程已退出，无法写入'));
        };
        stdin.on('drain', done);
        stdin.on('close', gone);
      });
    },
    endInput() {
      if (child.stdin && !child.stdin.writableEnded) child.stdin.end();
    },
    kill(signal = 'SIGTERM') {
      if (!exit) child.kill(signal);
    },
    exited,
    stderrTail: () => stderr.read(),
    stdout: () => stdout.read(),
  };
}

export interface RunResult {
  readonly exit: ProcessExit;
  readonly stdout: string;
  readonly stderrTail: string;
}

/** Runs a short command to completion (ffprobe, the concat step, `-version`), with a timeout. */
export async function runProcess(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  const proc = startProcess(command, args, { cwd: options.cwd, stdoutLimit: 1024 * 1024 });
  const timer = setTimeout(() => proc.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  try {
    const exit = await proc.exited;
    return { exit, stdout: proc.stdout(), stderrTail: proc.stderrTail() };
  } finally {
    clearTimeout(timer);
  }
}

export const describeExit = (exit: ProcessExit): string =>
  exit.error ? `无法启动：${exit.error.message}` : exit.signal ? `被信号 ${exit.signal} 终止` : `退出码 ${exit.code}`;
