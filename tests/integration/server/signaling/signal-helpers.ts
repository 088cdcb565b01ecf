// The real central store with test signaling settings (short heartbeat), and a
// small WebSocket client that records what arrives.
import { WebSocket } from 'ws';
import { buildServer } from '../../../../src-server/server';
import type { ServerOptions } from '../../../../src-server/server';
import type { SignalingOptions } from '../../../../src-server/signaling/routes';
import { SIGNAL_SUBPROTOCOL } from '../../../../src-shared/signaling/protocol';
import type { ServerMessage } from '../../../../src-shared/signaling/protocol';
import { TestClock } from '../../../../harness/store/clock';
import { createFreshDatabase } from '../../../../harness/store/databases';
import type { FreshDatabase, TestEngine } from '../../../../harness/store/databases';
import { testConfig } from '../../../../harness/store/store';
import type { CallOptions, Reply, TestStore } from '../../../../harness/store/store';

/** With `now`, the store runs on that clock (the e2e terminals' clock) instead of the hand-moved TestClock. */
export async function startSignalingStore(engine: TestEngine, signaling: SignalingOptions, now?: () => Date): Promise<TestStore> {
  const fresh = await createFreshDatabase(engine);
  const node = await startSignalingNode(fresh, signaling, now);
  return {
    ...node,
    async stop() {
      await node.stop();
      await fresh.drop();
    },
  };
}

/** Issue #20: one store node on a database it may share with other nodes; stop() closes the node only. */
export async function startSignalingNode(
  fresh: FreshDatabase,
  signaling: SignalingOptions,
  now?: () => Date,
  more: Pick<ServerOptions, 'jobs'> = {},
): Promise<TestStore> {
  const engine: TestEngine = fresh.database.engine;
  const clock = new TestClock();
  const app = await buildServer(testConfig(fresh), { ...more, clock: now ?? clock.now, announce: () => undefined, signaling });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const call = async <T>(method: string, path: string, options: CallOptions = {}): Promise<Reply<T>> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${address}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };
  const login = async (username: string, password: string) =>
    (await call<{ token: string }>('POST', '/api/auth/login', { body: { username, password } })).body.token;
  return {
    engine,
    url: address,
    app,
    clock,
    fresh,
    call,
    login,
    async stop() {
      await app.close();
    },
  };
}

export interface Closed {
  code: number;
  reason: string;
}

export interface TestPeer {
  ws: WebSocket;
  messages: ServerMessage[];
  closed: Promise<Closed>;
  /** Waits for the next message matching `match` (that has not been taken yet). */
  next(match: (m: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  send(message: unknown): void;
}

export interface ConnectOptions {
  token?: string;
  /** How the token travels: the Authorization header (main process) or a subprotocol (browsers). */
  via?: 'header' | 'protocol';
  autoPong?: boolean;
  /** Issue #19: join as the monitoring centre's observer (/api/observe/:visitId) instead of as a terminal. */
  observe?: boolean;
}

export function connectPeer(baseUrl: string, visitId: string, options: ConnectOptions = {}): TestPeer {
  const url = `${baseUrl.replace(/^http/, 'ws')}/api/${options.observe === true ? 'observe' : 'signal'}/${visitId}`;
  const protocols = [SIGNAL_SUBPROTOCOL];
  const headers: Record<string, string> = {};
  if (options.token !== undefined && options.via === 'protocol') protocols.push(`bearer.${options.token}`);
  else if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  const ws = new WebSocket(url, protocols, { headers, autoPong: options.autoPong ?? true });
  const messages: ServerMessage[] = [];
  const taken = new Set<number>();
  let wake: (() => void) | null = null;
  ws.on('message', (data) => {
    messages.push(JSON.parse(data.toString()) as ServerMessage);
    wake?.();
  });
  ws.on('error', () => undefined);
  const closed = new Promise<Closed>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  const next = async (match: (m: ServerMessage) => boolean, timeoutMs = 3000): Promise<ServerMessage> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = messages.findIndex((m, i) => !taken.has(i) && match(m));
      const found = messages[index];
      if (found !== undefined) {
        taken.add(index);
        return found;
      }
      if (Date.now() > deadline)
        throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages.slice(-5))}`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 20);
      });
    }
  };
  return {
    ws,
    messages,
    closed,
    next,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
  };
}

/** A trickle-ICE candidate as simple-peer emits it, wrapped as main sends it; `i` is its foundation. */
export const candidateSignal = (i: number, generation = 1) => ({
  kind: 'rtc',
  generation,
  data: {
    type: 'candidate',
    candidate: {
      candidate: `candidate:${i} 1 udp 2122260223 192.0.2.1 ${50000 + (i % 10000)} typ host`,
      sdpMid: '0',
      sdpMLineIndex: 0,
    },
  },
});

/** An SDP offer as simple-peer emits it, wrapped as main sends it; `i` is its session id. */
export const offerSignal = (i: number, generation = 1) => ({
  kind: 'rtc',
  generation,
  data: { type: 'offer', sdp: `v=0\r\no=- ${i} 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n` },
});

/** The `i` of a relayed candidateSignal / offerSignal. */
export function signalIndex(data: unknown): number {
  const text = JSON.stringify(data);
  const found = /candidate:(\d+) |o=- (\d+) /.exec(text);
  return Number(found?.[1] ?? found?.[2] ?? Number.NaN);
}
