// Starts ./impair-proxy-child (the proxy in its own Node process, through tsx) and drives it
// over IPC: the same proxy as ./impair-proxy, with timers no other work delays.
import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ImpairProxyOptions } from './impair-proxy';
import type { LinkCounters, LinkSettings } from './link-impairment';

export interface ImpairProxyProcess {
  readonly host: string;
  readonly port: number;
  set(settings: LinkSettings): Promise<void>;
  counters(): Promise<{ client: string; up: LinkCounters; down: LinkCounters }[]>;
  close(): Promise<void>;
}

type Reply = { id: number; counters?: { client: string; up: LinkCounters; down: LinkCounters }[] };

export async function startImpairProxyProcess(options: ImpairProxyOptions): Promise<ImpairProxyProcess> {
  const entry = fileURLToPath(new URL('./impair-proxy-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', entry, JSON.stringify(options)], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  // The network is not on the terminals' machine: its timers should not wait behind the two
  // Chromiums and whatever else runs here (a late timer is jitter no profile asked for, and
  // the congestion control reads it as a queue). Raising the priority needs root; else as is.
  raisePriority(child.pid);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ host: string; port: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`损伤代理未启动 impairment proxy not ready: ${stderr}`)), 30_000);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m as { host: string; port: number });
    });
    void exited.then(() => reject(new Error(`损伤代理已退出 impairment proxy exited: ${stderr}`)));
  });
  let next = 0;
  const waiting = new Map<number, (r: Reply) => void>();
  child.on('message', (m) => {
    const r = m as Reply;
    waiting.get(r.id)?.(r);
    waiting.delete(r.id);
  });
  const ask = (message: Record<string, unknown>) =>
    new Promise<Reply>((resolve, reject) => {
      if (!child.connected) return reject(new Error('损伤代理已退出 impairment proxy gone'));
      next += 1;
      waiting.set(next, resolve);
      child.send({ ...message, id: next });
    });
  return {
    host: ready.host,
    port: ready.port,
    async set(settings) {
      await ask({ type: 'set', settings });
    },
    async counters() {
      return (await ask({ type: 'counters' })).counters ?? [];
    },
    async close() {
      if (child.exitCode === null && child.connected) {
        const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
        await ask({ type: 'close' }).catch(() => undefined);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Best effort: a higher scheduling priority for `pid` (a nice of -10), where allowed. */
export function raisePriority(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    setPriority(pid, -10);
  } catch {
    // Not root: the proxy runs at normal priority (its counters say how late its timers were).
  }
}
