// The parent side of terminal-process.ts: a terminal whose main services run in a child Node
// process, shown in a browser context of the caller's Chromium. window.kiosk reaches the
// child through page.exposeBinding → IPC → createDispatcher, and main's events come back the
// same way, so the renderer cannot tell it from openTerminals (terminals.ts). With `serve`,
// the child serves the renderer itself and the window talks to it over a WebSocket on that
// origin (page/socket-bridge.ts): the parent is out of the window's path, as in the shell.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHANNEL_PREFIX } from '../../src-shared/ipc/contract';
import type { IpcResult } from '../../src-shared/ipc/result';
import { emitToPage } from './emit-to-page';
import { bridgeScript, socketBridgeScript } from './page-bundle';
import type { ChildTerminalArgs, FromChild, HeapSpaces, ToChild } from './terminal-process';

export interface ChildTerminal {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly context: BrowserContext;
  readonly page: Page;
  /** With `serve`: the renderer as the child serves it (open `${rendererUrl}/index.html`). */
  readonly rendererUrl: string | null;
  /** A kiosk IPC call as the renderer makes it ('checkin.manual' or 'kiosk:checkin.manual'). */
  invoke(channel: string, args?: unknown): Promise<IpcResult<unknown>>;
  /** Main's events; `at`: epoch ms when main sent it (in the child). */
  onEvent(listener: (event: string, payload: unknown, at: number) => void): void;
  /** The child's process.memoryUsage() and V8's heap spaces, every memoryEveryMs. */
  onMemory(listener: (memory: NodeJS.MemoryUsage, atMs: number, spaces: HeapSpaces) => void): void;
  close(): Promise<void>;
}

export interface ChildTerminalSpec extends Omit<ChildTerminalArgs, 'reportInvokes'> {
  viewport?: { width: number; height: number };
  /** Extra init scripts after the bridge (e.g. recordingScript()). */
  initScripts?: string[];
  /** Extra Node flags for the child (e.g. V8 heap sizing, to compare). */
  nodeFlags?: string[];
  /** The window's calls on `channels` (in full: 'kiosk:call.signal'), for a bench's timeline marks; `at`: epoch
   *  ms when main's process took it. Only these cross back to this process (not the recorder's chunks). */
  onInvoke?: { channels: readonly string[]; listener: (channel: string, args: unknown, at: number) => void };
}

const ENTRY = fileURLToPath(new URL('./terminal-process.ts', import.meta.url));

export async function openChildTerminal(browser: Browser, spec: ChildTerminalSpec): Promise<ChildTerminal> {
  const { viewport, initScripts, nodeFlags, onInvoke, ...args } = spec;
  // 'advanced': the recorder's chunks (Uint8Array) cross as bytes, not as JSON.
  const child = fork(ENTRY, [JSON.stringify({ ...args, ...(onInvoke ? { reportInvokes: onInvoke.channels } : {}) })], {
    execArgv: ['--import', 'tsx', ...(args.memoryEveryMs ? ['--expose-gc'] : []), ...(nodeFlags ?? [])],
    serialization: 'advanced',
    // Main's logger writes JSON lines on stderr: kept (the tail) for a failure's message only.
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const pending = new Map<number, (r: IpcResult<unknown>) => void>();
  const events: Array<(event: string, payload: unknown, at: number) => void> = [];
  const memories: Array<(memory: NodeJS.MemoryUsage, atMs: number, spaces: HeapSpaces) => void> = [];
  let closed: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<Extract<FromChild, { ready: true }>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`终端子进程退出 terminal child exited (${String(code)}): ${stderr}`)));
    child.on('message', (m: FromChild) => {
      if ('ready' in m) resolve(m);
      else if ('id' in m) {
        pending.get(m.id)?.(m.result as IpcResult<unknown>);
        pending.delete(m.id);
      } else if ('event' in m) for (const l of events) l(m.event, m.payload, m.at);
      else if ('invoked' in m) onInvoke?.listener(m.invoked, m.args, m.at);
      else if ('memory' in m) for (const l of memories) l(m.memory, m.atMs, m.spaces);
      else closed();
    });
  });
  const { pid, rendererUrl, bridgePath } = await ready;
  let nextId = 0;
  const invoke = (channel: string, callArgs?: unknown) =>
    new Promise<IpcResult<unknown>>((resolve) => {
      const id = ++nextId;
      pending.set(id, resolve);
      const full = channel.startsWith(CHANNEL_PREFIX) ? channel : `${CHANNEL_PREFIX}${channel}`;
      child.send({ id, channel: full, args: callArgs } satisfies ToChild);
    });
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1280, height: 720 },
    permissions: ['camera', 'microphone'],
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  if (bridgePath === undefined)
    await context.exposeBinding('__kioskInvoke', (_source, channel: string, callArgs: unknown) => {
      if (onInvoke?.channels.includes(channel)) onInvoke.listener(channel, callArgs, performance.timeOrigin + performance.now());
      return invoke(channel, callArgs);
    });
  await context.addInitScript({ content: await bridgeScript() });
  if (bridgePath !== undefined) {
    await context.addInitScript({ content: `window.__kioskBridgePath = ${JSON.stringify(bridgePath)};` });
    await context.addInitScript({ content: await socketBridgeScript() });
  }
  for (const content of initScripts ?? []) await context.addInitScript({ content });
  const page = await context.newPage();
  // Over the socket bridge main's events reach the window directly.
  if (bridgePath === undefined) events.push((event, payload) => emitToPage(page, event, payload));
  return {
    process: child,
    pid,
    context,
    page,
    rendererUrl: rendererUrl ?? null,
    invoke,
    onEvent: (l) => events.push(l),
    onMemory: (l) => memories.push(l),
    async close() {
      await context.close().catch(() => undefined);
      if (child.connected) {
        const done = new Promise<void>((resolve) => (closed = resolve));
        child.send({ close: true } satisfies ToChild);
        const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await Promise.race([done, exited]);
        clearTimeout(timer);
      }
      await exited;
    },
  };
}
