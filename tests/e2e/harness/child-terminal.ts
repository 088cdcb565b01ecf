// Test-side handle of a terminal running in a child process (terminal-child.ts): start it,
// forward a page's window.kiosk to it, find its ffmpeg, kill it with SIGKILL.
import type { BrowserContext } from 'playwright-core';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { deserialize, serialize } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { bridgeScript } from '../../../harness/browser/page-bundle';
import type { SignalingEndpoint } from '../../../src-main/call/signaling-client';
import type { OpenTerminalOptions } from '../../../src-main/terminal-types';
import { CHANNEL_PREFIX } from '../../../src-shared/ipc/contract';
import type { IpcResult } from '../../../src-shared/ipc/result';
import type { KioskServices } from '../../../src-shared/ipc/types';

const CHILD = fileURLToPath(new URL('./terminal-child.ts', import.meta.url));

/** What terminal-child.ts takes besides the config and data folder (JSON, so no functions). */
export interface ChildOptions {
  /** The terminal's clock runs this far ahead of the real one (e.g. to a visit's start). */
  nowOffsetMs?: number;
  call?: Omit<NonNullable<OpenTerminalOptions['call']>, 'signaling'> & { signaling?: SignalingEndpoint };
}

export interface ChildTerminal {
  readonly process: ChildProcess;
  readonly pid: number;
  readonly url: string;
  /** Main events the child printed, in order. */
  readonly events: Array<{ event: string; payload: Record<string, unknown> }>;
  invoke(channel: string, args: unknown): Promise<unknown>;
  /** Waits for the start-up recovery and returns what it sealed. */
  recovery(): Promise<
    Array<{
      recordingId: string;
      state: string;
      segmentsBefore: number;
      segmentsRecovered: number;
      spoolProblem: string | null;
      /** The killed terminal's ffmpeg that was still running at this start (R13.1), and how recovery waited for it. */
      orphanedFfmpeg: { pid: number; outcome: string; waitedMs: number } | null;
    }>
  >;
  /** Pids of the child's ffmpeg processes (the recorder's). */
  ffmpegPids(): number[];
  /** Makes window.kiosk of every page of `context` call this terminal. */
  attach(context: BrowserContext): Promise<void>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
  /** Main's events from now on (e.g. to forward them to a page); returns the unsubscribe. */
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  /** main's services as the renderer reaches them (IPC results unwrapped; a failure throws). */
  readonly services: KioskServices;
}

export async function startChildTerminal(configPath: string, dataDir: string, optionsPath?: string): Promise<ChildTerminal> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, configPath, dataDir, ...(optionsPath ? [optionsPath] : [])], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: ChildTerminal['events'] = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    let buffered = '';
    let first = true;
    child.once('exit', (code, signal) => reject(new Error(`terminal child exited before ready (${String(code ?? signal)})`)));
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      buffered += text;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          if (first && typeof parsed.port === 'number') {
            first = false;
            resolve(parsed as { port: number; pid: number });
          } else if (typeof parsed.event === 'string') {
            events.push(parsed as ChildTerminal['events'][number]);
            for (const l of listeners) l(parsed.event, parsed.payload);
          }
        } catch {
          // a log line, not ours
        }
      }
    });
  });
  const url = `http://127.0.0.1:${ready.port}`;
  const invoke = async (channel: string, args: unknown): Promise<unknown> => {
    const res = await fetch(`${url}/invoke`, { method: 'POST', body: serialize({ channel, args }) });
    if (!res.ok) throw new Error(`terminal child: HTTP ${res.status} ${await res.text()}`);
    return deserialize(Buffer.from(await res.arrayBuffer()));
  };
  const script = await bridgeScript();
  return {
    process: child,
    pid: ready.pid,
    url,
    events,
    invoke,
    recovery: async () => (await (await fetch(`${url}/recovery`)).json()) as Awaited<ReturnType<ChildTerminal['recovery']>>,
    ffmpegPids() {
      try {
        const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(ready.pid)], { encoding: 'utf8' });
        return out
          .split('\n')
          .map((l) => l.trim().split(/\s+/))
          .filter((f) => f[1] === 'ffmpeg')
          .map((f) => Number(f[0]));
      } catch {
        return []; // ps exits 1 when there is no child
      }
    },
    async attach(context) {
      await context.exposeBinding('__kioskInvoke', (_source, channel: string, args: unknown) => invoke(channel, args));
      await context.addInitScript({ content: script });
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    services: servicesOver(invoke),
  };
}

/** main's services over the child's HTTP bridge: services.ns.method(args) → invoke('kiosk:ns.method'). */
function servicesOver(invoke: (channel: string, args: unknown) => Promise<unknown>): KioskServices {
  return new Proxy(
    {},
    {
      get: (_t, ns) =>
        new Proxy(
          {},
          {
            get: (_n, name) => async (args: unknown) => {
              const result = (await invoke(`${CHANNEL_PREFIX}${String(ns)}.${String(name)}`, args)) as IpcResult<unknown>;
              if (!result.ok) throw new Error(`${String(ns)}.${String(name)}: ${result.error.message}`);
              return result.value;
            },
          },
        ),
    },
  ) as KioskServices;
}
