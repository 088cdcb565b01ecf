// Main's end of the central store's signaling room for one visit (design.md: the
// renderer holds no credentials; main owns the WebSocket). Reconnects with
// exponential back-off and rejoins the same room (the store replaces the old socket);
// refusals that cannot heal (4401/4403/4404/4400, 4410 revoked) stop it; a draining store
// node (4503, #20) is left at once, with no back-off (the load balancer sends the next
// connection to another node). Every message
// is checked against the shared schemas (depth and size first, then zod) and dropped
// if it fails, never passed on; a throw while handling one closes this socket (it
// reconnects) and is reported, it never reaches main's event loop.
import { WebSocket } from 'ws';
import { backoffDelay, type Backoff } from '../../src-shared/retry/backoff';
import { CLOSE, messageLimitProblem, SIGNAL_SUBPROTOCOL, serverMessageSchema } from '../../src-shared/signaling/protocol';
import type { ClientMessage, ServerMessage } from '../../src-shared/signaling/protocol';

export interface SignalingEndpoint {
  /** The central store's base URL, e.g. http://127.0.0.1:8787. */
  url: string;
  /** The terminal's bearer token. */
  token: string;
}

/** Something the store (or the peer through it) sent that was dropped, or a handler that failed. */
export interface SignalingProblem {
  kind: 'dropped' | 'handler-failed';
  detail: string;
}

export interface SignalingClientOptions {
  endpoint: SignalingEndpoint;
  visitId: string;
  onMessage(message: ServerMessage): void;
  /** Connected (true, after the welcome) or lost (false); `fatal` when it will not retry. */
  onConnection(up: boolean, detail: { code?: number; reason?: string; fatal: boolean }): void;
  /** Reported once per socket for dropped messages (a hostile store could send thousands), always for a failure. */
  onProblem?(problem: SignalingProblem): void;
  backoff?: Backoff;
}

/** The store relays at most 64 KiB from the peer; anything far larger is not from a store. */
const MAX_SERVER_MESSAGE_BYTES = 256 * 1024;

/** After a draining node's close, the next try within this (spread, so a node's terminals do not all knock at once). */
export const DRAIN_RECONNECT_SPREAD_MS = 100;

const FATAL = new Set<number>([CLOSE.BAD_REQUEST, CLOSE.UNAUTHENTICATED, CLOSE.FORBIDDEN, CLOSE.NOT_FOUND, CLOSE.REVOKED]);

/** The message as main may use it, or why it was dropped. */
function parseServerMessage(raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ServerMessage | string {
  if (isBinary) return 'binary frame';
  let value: unknown;
  try {
    value = JSON.parse(
      Buffer.isBuffer(raw)
        ? raw.toString('utf8')
        : Array.isArray(raw)
          ? Buffer.concat(raw).toString('utf8')
          : Buffer.from(raw).toString('utf8'),
    );
  } catch {
    return 'not JSON';
  }
  const problem = messageLimitProblem(value);
  if (problem !== null) return `${problem.path.join('.')}: ${problem.message}`;
  const parsed = serverMessageSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`.slice(0, 200);
  }
  return parsed.data;
}

export class SignalingClient {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly o: SignalingClientOptions) {
    this.backoff = o.backoff ?? { initialMs: 250, maxMs: 5_000 };
  }

  get connected(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  send(message: ClientMessage): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    try {
      this.ws.send(JSON.stringify(message));
      return true;
    } catch (err) {
      this.report({ kind: 'handler-failed', detail: `send: ${String(err)}`.slice(0, 300) });
      return false;
    }
  }

  /** Says goodbye and closes for good. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws?.readyState === WebSocket.OPEN) {
      ws.send(JSON.stringify({ type: 'bye' }));
      ws.close(CLOSE.NORMAL, 'bye');
    } else if (ws?.readyState === WebSocket.CONNECTING) {
      ws.terminate();
    }
  }

  private connect(): void {
    if (this.stopped) return;
    const url = `${this.o.endpoint.url.replace(/^http/, 'ws').replace(/\/$/, '')}/api/signal/${encodeURIComponent(this.o.visitId)}`;
    const ws = new WebSocket(url, [SIGNAL_SUBPROTOCOL], {
      headers: { authorization: `Bearer ${this.o.endpoint.token}` },
      handshakeTimeout: 5_000,
      maxPayload: MAX_SERVER_MESSAGE_BYTES,
    });
    this.ws = ws;
    let dropped = 0;
    ws.on('message', (raw, isBinary) => {
      if (this.ws !== ws) return;
      try {
        const message = parseServerMessage(raw, isBinary);
        if (typeof message === 'string') {
          dropped += 1;
          if (dropped === 1) this.report({ kind: 'dropped', detail: message });
          return;
        }
        if (message.type === 'welcome') {
          this.attempt = 0;
          this.o.onConnection(true, { fatal: false });
        }
        this.o.onMessage(message);
      } catch (err) {
        // This socket is closed and rejoined; main goes on.
        this.report({ kind: 'handler-failed', detail: String(err).slice(0, 300) });
        try {
          ws.close(CLOSE.INTERNAL, 'handler failed');
        } catch {
          ws.terminate();
        }
      }
    });
    ws.on('error', () => undefined);
    ws.on('close', (code, reasonBuffer) => this.closed(ws, code, reasonBuffer));
  }

  private report(problem: SignalingProblem): void {
    try {
      this.o.onProblem?.(problem);
    } catch {
      // The reporter itself failed: nothing more to do without a logger here.
    }
  }

  private closed(ws: WebSocket, code: number, reasonBuffer: Buffer): void {
    if (this.ws !== ws) return;
    this.ws = null;
    const fatal = FATAL.has(code);
    try {
      this.o.onConnection(false, { code, reason: reasonBuffer.toString().slice(0, 123), fatal: fatal || this.stopped });
    } catch (err) {
      this.report({ kind: 'handler-failed', detail: `connection: ${String(err)}`.slice(0, 300) });
    }
    if (fatal || this.stopped) return;
    // The node is going, not failing: start the back-off afresh and knock again now.
    if (code === CLOSE.NODE_DRAINING) this.attempt = 0;
    const delay =
      code === CLOSE.NODE_DRAINING
        ? Math.round(Math.random() * DRAIN_RECONNECT_SPREAD_MS)
        : backoffDelay(this.attempt++, this.backoff);
    this.retryTimer = setTimeout(() => this.connect(), delay);
    this.retryTimer.unref();
  }
}
