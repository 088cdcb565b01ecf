// Main's end of the central store's signaling room for one visit (design.md: the
// renderer holds no credentials; main owns the WebSocket). Reconnects with
// exponential back-off and rejoins the same room (the store replaces the old socket);
// refusals that cannot heal (4401/4403/4404/4400) stop it. Messages that fail the
// shared zod schema are dropped, never passed on.
import { WebSocket } from 'ws';
import { z } from 'zod';
import { CLOSE, iceConfigSchema, SIGNAL_SUBPROTOCOL, signalSideSchema } from '../../src-shared/signaling/protocol';
import type { ClientMessage, ServerMessage } from '../../src-shared/signaling/protocol';

export interface SignalingEndpoint {
  /** The central store's base URL, e.g. http://127.0.0.1:8787. */
  url: string;
  /** The terminal's bearer token. */
  token: string;
}

export interface SignalingClientOptions {
  endpoint: SignalingEndpoint;
  visitId: string;
  onMessage(message: ServerMessage): void;
  /** Connected (true, after the welcome) or lost (false); `fatal` when it will not retry. */
  onConnection(up: boolean, detail: { code?: number; reason?: string; fatal: boolean }): void;
  backoff?: { initialMs: number; maxMs: number };
}

const FATAL = new Set<number>([CLOSE.BAD_REQUEST, CLOSE.UNAUTHENTICATED, CLOSE.FORBIDDEN, CLOSE.NOT_FOUND]);

const serverMessageSchema: z.ZodType<ServerMessage> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'), visitId: z.string(), side: signalSideSchema, peerPresent: z.boolean(),
    // An invalid ICE configuration is dropped (the terminal's own, if any, stays), not the welcome.
    ice: iceConfigSchema.optional().catch(undefined), visitStatus: z.string().max(40).optional(),
  }),
  z.object({ type: z.literal('outcome-recorded'), status: z.string().max(40) }),
  z.object({ type: z.literal('presence'), side: signalSideSchema, state: z.enum(['joined', 'left']), rejoined: z.boolean().optional() }),
  z.object({ type: z.literal('signal'), from: signalSideSchema, data: z.unknown() }),
  z.object({ type: z.literal('ready'), from: signalSideSchema }),
  z.object({ type: z.literal('bye'), from: signalSideSchema }),
  z.object({ type: z.literal('pong'), id: z.union([z.string(), z.number()]).optional(), at: z.string() }),
  z.object({ type: z.literal('error'), code: z.enum(['BAD_MESSAGE', 'PEER_ABSENT', 'OUTCOME_FAILED']), message: z.string() }),
]) as z.ZodType<ServerMessage>;

export class SignalingClient {
  private ws: WebSocket | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly backoff: { initialMs: number; maxMs: number };

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
    this.ws.send(JSON.stringify(message));
    return true;
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
    const ws = new WebSocket(url, [SIGNAL_SUBPROTOCOL], { headers: { authorization: `Bearer ${this.o.endpoint.token}` }, handshakeTimeout: 5_000 });
    this.ws = ws;
    ws.on('message', (raw, isBinary) => {
      if (isBinary || this.ws !== ws) return;
      let value: unknown;
      try {
        value = JSON.parse(raw.toString());
      } catch {
        return;
      }
      const parsed = serverMessageSchema.safeParse(value);
      if (!parsed.success) return;
      if (parsed.data.type === 'welcome') {
        this.attempt = 0;
        this.o.onConnection(true, { fatal: false });
      }
      this.o.onMessage(parsed.data);
    });
    ws.on('error', () => undefined);
    ws.on('close', (code, reasonBuffer) => {
      if (this.ws !== ws) return;
      this.ws = null;
      const reason = reasonBuffer.toString();
      const fatal = FATAL.has(code);
      this.o.onConnection(false, { code, reason, fatal: fatal || this.stopped });
      if (fatal || this.stopped) return;
      const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** this.attempt);
      this.attempt += 1;
      this.retryTimer = setTimeout(() => this.connect(), delay);
      this.retryTimer.unref();
    });
  }
}
