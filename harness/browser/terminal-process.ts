// A terminal's main services (openTerminal + the dispatcher) in their own Node process, as
// in the shell, so a bench can read main's CPU and memory apart from the Playwright client
// that drives the page (issue #22 items 1 and 5). Started by openChildTerminal
// (child-terminal.ts) with fork: IPC carries dispatch calls, main's events and, every
// memoryEveryMs, this process's process.memoryUsage(). argv[2]: ChildTerminalArgs as JSON.
// With `serve`, this process also serves the renderer and the window's calls come straight
// over a WebSocket on its origin (page/socket-bridge.ts), as Electron's main serves app://
// and takes its IPC: no Playwright client between the window and main.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { WebSocketServer, type WebSocket } from 'ws';
import { createDispatcher } from '../../src-main/ipc/dispatch';
import { openTerminal } from '../../src-main/terminal';
import { EVENT_CHANNEL_PREFIX } from '../../src-shared/ipc/contract';
import { decodeMessage, encodeMessage } from './page/socket-codec';
import { serveRenderer } from './static-server';

export interface ChildTerminalArgs {
  configPath: string;
  dataDir: string;
  /** The terminal's clock runs this far from the machine's (e.g. to a visit's slot). */
  clockOffsetMs?: number;
  /** The store's signaling endpoint for calls. */
  signaling?: { url: string; token: string; tickMs?: number };
  /** Report memory this often (0: never). */
  memoryEveryMs?: number;
  /** Serve the built renderer here under this CSP, with the window's calls over the socket bridge. */
  serve?: { rendererDir: string; csp: string };
  /** Tell the parent of the window's calls on these channels over the socket bridge (a bench's marks). */
  reportInvokes?: readonly string[];
}

/** V8's heap spaces: bytes committed (size) and in use, by space name. */
export type HeapSpaces = Record<string, { size: number; used: number }>;

export type ToChild = { id: number; channel: string; args: unknown } | { close: true };
/** `at`: epoch ms in this process (performance.timeOrigin + now), when main took it or sent it. */
export type FromChild =
  | { ready: true; pid: number; rendererUrl?: string; bridgePath?: string }
  | { id: number; result: unknown }
  | { event: string; payload: unknown; at: number }
  | { invoked: string; args: unknown; at: number }
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
const epochNow = () => performance.timeOrigin + performance.now();
const sockets = new Set<WebSocket>();
terminal.onEvent((event, payload) => {
  send({ event, payload, at: epochNow() });
  if (sockets.size === 0) return;
  const frame = encodeMessage({ event: `${EVENT_CHANNEL_PREFIX}${event}`, payload });
  for (const socket of sockets) socket.send(frame);
});

/** The window's calls over the socket bridge: one message in, its result out, as ipcMain.handle does. */
async function serveWindow(serve: NonNullable<ChildTerminalArgs['serve']>) {
  const bridgePath = `/__kiosk-bridge/${randomUUID()}`;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      let call: { id: number; channel: string; args: unknown };
      try {
        call = decodeMessage(isBinary ? new Uint8Array(data) : data.toString('utf8')) as typeof call;
      } catch {
        return socket.close(1003, 'bad frame');
      }
      if (args.reportInvokes?.includes(call.channel)) send({ invoked: call.channel, args: call.args, at: epochNow() });
      // The page's window.kiosk (buildKioskApi) names every channel in full, as the preload does.
      void dispatch(call.channel, call.args).then((result) => socket.send(encodeMessage({ id: call.id, result })));
    });
  });
  const server = await serveRenderer(serve.rendererDir, serve.csp, {
    upgrade: (request, socket, head) => {
      if (request.url !== bridgePath) return void socket.destroy();
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
  });
  const close = async () => {
    for (const socket of sockets) socket.terminate();
    wss.close();
    await server.close();
  };
  return { rendererUrl: server.url, bridgePath, close };
}
const served = args.serve ? await serveWindow(args.serve) : null;
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
    void terminal.recordings.stopAll().finally(async () => {
      await served?.close();
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
send({
  ready: true,
  pid: process.pid,
  ...(served ? { rendererUrl: served.rendererUrl, bridgePath: served.bridgePath } : {}),
});
