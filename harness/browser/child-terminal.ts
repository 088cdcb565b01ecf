// The parent side of terminal-process.ts: a terminal whose main services run in a child Node
// process, shown in a browser context of the caller's Chromium. window.kiosk reaches the
// child through page.exposeBinding → IPC → createDispatcher, and main's events come back the
// same way, so the renderer cannot tell it from openTerminals (terminals.ts).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EVENT_CHANNEL_PREFIX, CHANNEL_PREFIX } from '../../src-shared/ipc/contract';
import type { IpcResult } from '../../src-shared/ipc/result';
import { bridgeScript } from './page-bundle';
import type { ChildTerminalArgs, FromChild, HeapSpaces, ToChild } from './terminal-process';

export interface ChildTerminal {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly context: BrowserContext;
  readonly page: Page;
  /** A kiosk IPC call as the renderer makes it ('checkin.manual' or 'kiosk:checkin.manual'). */
  invoke(channel: string, args?: unknown): Promise<IpcResult<unknown>>;
  onEvent(listener: (event: string, payload: unknown) => void): void;
  /** The child's process.memoryUsage() and V8's heap spaces, every memoryEveryMs. */
  onMemory(listener: (memory: NodeJS.MemoryUsage, atMs: number, spaces: HeapSpaces) => void): void;
  close(): Promise<void>;
}

export interface ChildTerminalSpec extends ChildTerminalArgs {
  viewport?: { width: number; height: number };
  /** Extra init scripts after the bridge (e.g. recordingScript()). */
  initScripts?: string[];
  /** Extra Node flags for the child (e.g. V8 heap sizing, to compare). */
  nodeFlags?: string[];
  /** Each call the window makes, as it reaches this process (a bench's timeline marks). */
  onInvoke?: (channel: string, args: unknown) => void;
}

const ENTRY = fileURLToPath(new URL('./terminal-process.ts', import.meta.url));

export async function openChildTerminal(browser: Browser, spec: ChildTerminalSpec): Promise<ChildTerminal> {
  const { viewport, initScripts, nodeFlags, onInvoke, ...args } = spec;
  // 'advanced': the recorder's chunks (Uint8Array) cross as bytes, not as JSON.
  const child = fork(ENTRY, [JSON.stringify(args)], {
    execArgv: ['--import', 'tsx', ...(args.memoryEveryMs ? ['--expose-gc'] : []), ...(nodeFlags ?? [])],
    serialization: 'advanced',
    // Main's logger writes JSON lines on stderr: kept (the tail) for a failure's message only.
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  const pending = new Map<number, (r: IpcResult<unknown>) => void>();
  const events: Array<(event: string, payload: unknown) => void> = [];
  const memories: Array<(memory: NodeJS.MemoryUsage, atMs: number, spaces: HeapSpaces) => void> = [];
  let closed: () => void = () => undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`终端子进程退出 terminal child exited (${String(code)}): ${stderr}`)));
    child.on('message', (m: FromChild) => {
      if ('ready' in m) resolve(m.pid);
      else if ('id' in m) {
        pending.get(m.id)?.(m.result as IpcResult<unknown>);
        pending.delete(m.id);
      } else if ('event' in m) for (const l of events) l(m.event, m.payload);
      else if ('memory' in m) for (const l of memories) l(m.memory, m.atMs, m.spaces);
      else closed();
    });
  });
  const pid = await ready;
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
  await context.exposeBinding('__kioskInvoke', (_source, channel: string, callArgs: unknown) => {
    onInvoke?.(channel, callArgs);
    return invoke(channel, callArgs);
  });
  await context.addInitScript({ content: await bridgeScript() });
  for (const content of initScripts ?? []) await context.addInitScript({ content });
  const page = await context.newPage();
  events.push((event, payload) => {
    void page
      .evaluate(
        ([channel, data]) =>
          (window as unknown as { __kioskEmit?: (c: string, p: unknown) => void }).__kioskEmit?.(channel, data),
        [`${EVENT_CHANNEL_PREFIX}${event}`, payload] as const,
      )
      .catch(() => undefined);
  });
  return {
    process: child,
    pid,
    context,
    page,
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
