// Runs a TypeScript entry in a child Node process (through tsx) and waits for its first
// JSON line on stdout; SIGKILL is the crash the fault tests need.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child<T> {
  readonly process: ChildProcess;
  /** The first JSON line the child printed. */
  readonly ready: T;
  /** Every later JSON line, as it comes. */
  onLine(listener: (line: unknown) => void): void;
  kill(): Promise<void>;
  /** Resolves with the exit code when the child ends by itself. */
  readonly exited: Promise<number | null>;
}

export async function startChild<T>(entry: string, args: readonly string[], timeoutMs = 60_000): Promise<Child<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listeners: Array<(line: unknown) => void> = [];
  if (!child.stdout) throw new Error('child without stdout');
  const lines = createInterface({ input: child.stdout });
  const ready = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child ${entry} not ready after ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    let first = true;
    lines.on('line', (line) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return; // not ours (a library's log line)
      }
      if (first) {
        first = false;
        clearTimeout(timer);
        resolve(parsed as T);
      } else for (const l of listeners) l(parsed);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      if (first) reject(new Error(`child ${entry} exited ${code}: ${stderr}`));
    });
  });
  return {
    process: child,
    ready,
    onLine: (l) => listeners.push(l),
    exited,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
