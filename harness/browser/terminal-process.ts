// A terminal's main services (openTerminal + the dispatcher) in their own Node process, as
// in the shell, so a bench can read main's CPU and memory apart from the Playwright client
// that drives the page (issue #22 items 1 and 5). Started by openChildTerminal
// (child-terminal.ts) with fork: IPC carries dispatch calls, main's events and, every
// memoryEveryMs, this process's process.memoryUsage(). argv[2]: ChildTerminalArgs as JSON.
import v8 from 'node:v8';
import { createDispatcher } from '../../src-main/ipc/dispatch';
import { openTerminal } from '../../src-main/terminal';

export interface ChildTerminalArgs {
  configPath: string;
  dataDir: string;
  /** The terminal's clock runs this far from the machine's (e.g. to a visit's slot). */
  clockOffsetMs?: number;
  /** The store's signaling endpoint for calls. */
  signaling?: { url: string; token: string; tickMs?: number };
  /** Report memory this often (0: never). */
  memoryEveryMs?: number;
}

/** V8's heap spaces: bytes committed (size) and in use, by space name. */
export type HeapSpaces = Record<string, { size: number; used: number }>;

export type ToChild = { id: number; channel: string; args: unknown } | { close: true };
export type FromChild =
  | { ready: true; pid: number }
  | { id: number; result: unknown }
  | { event: string; payload: unknown }
  | { memory: NodeJS.MemoryUsage; spaces: HeapSpaces; atMs: number }
  | { closed: true };

const args = JSON.parse(process.argv[2] ?? '{}') as ChildTerminalArgs;
const send = (m: FromChild) => process.send?.(m);
const offset = args.clockOffsetMs ?? 0;
const terminal = await openTerminal({
  configPath: args.configPath,
  dataDir: args.dataDir,
  sync: { autoStart: false },
  ...(offset ? { now: () => new Date(Date.now() + offset), storeClock: false } : {}),
  ...(args.signaling
    ? {
        call: {
          signaling: () => ({ url: args.signaling?.url ?? '', token: args.signaling?.token ?? '' }),
          iceServers: [],
          ...(args.signaling.tickMs ? { tickMs: args.signaling.tickMs } : {}),
        },
      }
    : {}),
});
const dispatch = createDispatcher(terminal, {
  onInternalError: (channel, error) =>
    process.stderr.write(`[terminal-process] internal error on ${channel}: ${String(error)}\n`),
});
terminal.onEvent((event, payload) => send({ event, payload }));
const t0 = Date.now();
// With --expose-gc (openChildTerminal passes it when memory is asked for), a full collection
// first: the heap reported is what is kept alive, not garbage V8 has not yet collected.
const gc = (globalThis as { gc?: () => void }).gc;
const memoryTimer = args.memoryEveryMs
  ? setInterval(() => {
      gc?.();
      const spaces: HeapSpaces = {};
      for (const sp of v8.getHeapSpaceStatistics()) spaces[sp.space_name] = { size: sp.space_size, used: sp.space_used_size };
      send({ memory: process.memoryUsage(), spaces, atMs: Date.now() - t0 });
    }, args.memoryEveryMs)
  : null;
process.on('message', (m: ToChild) => {
  if ('close' in m) {
    if (memoryTimer) clearInterval(memoryTimer);
    void terminal.recordings.stopAll().finally(() => {
      terminal.close();
      send({ closed: true });
      process.disconnect();
    });
    return;
  }
  void dispatch(m.channel, m.args).then((result) => send({ id: m.id, result }));
});
// The parent gone (bench killed): nothing left to serve.
process.on('disconnect', () => process.exit(0));
send({ ready: true, pid: process.pid });
