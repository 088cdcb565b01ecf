// The signaling protocol on GET /api/signal/:visitId,
// upgraded to a WebSocket. Pure zod, no server imports: the terminal's main
// process needs the same schemas, so both sides import this file (src-shared).
//
// Auth: the terminal's bearer token, either `Authorization: Bearer <token>`
// (main process) or, where headers cannot be set (browsers), the offered
// subprotocols `[SIGNAL_SUBPROTOCOL, 'bearer.<token>']`. The server always
// answers with SIGNAL_SUBPROTOCOL and never echoes the token.
// Only the two terminals of the visit's two rooms may join; anyone else is
// closed with one of the CLOSE codes below and a zh-CN reason.
import { z } from 'zod';
import { jsonLimitProblem } from '../json-limits';
import type { JsonProblem } from '../json-limits';
import { peerEnvelopeSchema } from './peer-envelope';
import { observerActMessageSchema, observerPresenceSchema, observerSignalSchema } from './observer-terminal';
import type { ObserverActMessage, ObserverPresence, ObserverSignal } from './observer-terminal';

export const SIGNAL_SUBPROTOCOL = 'visitation.signal.v1';
export const BEARER_SUBPROTOCOL_PREFIX = 'bearer.';

/** Which side of the visit a socket speaks for (as in sync: the inmate's room or the visitors' room). */
export const signalSideSchema = z.enum(['inmate', 'visitor']);
export type SignalSide = z.infer<typeof signalSideSchema>;

/** Close codes (4000–4999 are the application's). */
export const CLOSE = {
  /** Normal close (the client's own, or after 'bye' if the client chooses). */
  NORMAL: 1000,
  /** The server is shutting down: reconnect later. */
  GOING_AWAY: 1001,
  /** Binary frame: the protocol is JSON text. */
  UNSUPPORTED_DATA: 1003,
  /** A message larger than the limit (ws closes with this itself). */
  TOO_BIG: 1009,
  /** The peer cannot keep up (its send buffer is full). */
  TRY_AGAIN_LATER: 1013,
  BAD_REQUEST: 4400,
  UNAUTHENTICATED: 4401,
  /** Not a terminal, or a terminal of neither room of the visit. */
  FORBIDDEN: 4403,
  /** No such visit. */
  NOT_FOUND: 4404,
  /** The same side connected again (a reconnect): this older socket is replaced. */
  REPLACED: 4409,
  /** The terminal was revoked, or the account disabled, while connected: do not reconnect. */
  REVOKED: 4410,
  /** The server failed handling this socket's message: this socket alone is closed (reconnect). */
  INTERNAL: 4500,
  /** Issue #20: this store node is draining (SIGTERM): reconnect at once, the load balancer sends you to another. */
  NODE_DRAINING: 4503,
} as const;

/**
 * Checked on every parsed message, before any schema or JSON.stringify walks it: the deepest
 * real message (a transceiver request) nests 7 levels, the largest holds a few dozen values.
 */
export const MESSAGE_LIMITS = { maxDepth: 10, maxNodes: 1000 } as const;

export const messageLimitProblem = (value: unknown): JsonProblem | null => jsonLimitProblem(value, MESSAGE_LIMITS);

const pingId = z.union([
  z.string().max(64),
  z
    .number()
    .int()
    .min(-(2 ** 53))
    .max(2 ** 53),
]);

/**
 * What a terminal sends. `signal` carries the peer envelope (./peer-envelope): a WebRTC
 * signal as simple-peer emits it, or a supervision control message; nothing else is relayed.
 */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('signal'), data: peerEnvelopeSchema }).strict(),
  z.object({ type: z.literal('ready') }).strict(),
  z.object({ type: z.literal('bye') }).strict(),
  z.object({ type: z.literal('ping'), id: pingId.optional() }).strict(),
  /**
   * How the visit ended at this terminal: the store records it on the visit
   * (R18.1: `interrupted` is not a used visit and awaits its priority reschedule) and
   * answers `outcome-recorded`. Only a scheduled visit changes; a repeat is answered too.
   */
  z
    .object({
      type: z.literal('outcome'),
      outcome: z.enum(['completed', 'terminated', 'interrupted']),
      code: z.string().min(1).max(20),
      reason: z.string().max(500),
    })
    .strict(),
  /** Issue #19: the terminal's WebRTC signal to one observer of the monitoring centre (./observer-terminal). */
  observerSignalSchema,
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** STUN/TURN servers as RTCPeerConnection takes them (the store's configuration). */
export const iceServerSchema = z
  .object({
    urls: z.union([z.string().min(1).max(300), z.array(z.string().min(1).max(300)).min(1).max(8)]),
    username: z.string().max(200).optional(),
    credential: z.string().max(200).optional(),
  })
  .strict();
export type IceServer = z.infer<typeof iceServerSchema>;

/** What the store tells a joining terminal about connecting the media. */
export const iceConfigSchema = z.object({
  iceServers: z.array(iceServerSchema).max(8),
  /** 'relay' sends all media through the TURN servers (sites behind strict firewalls). */
  iceTransportPolicy: z.enum(['all', 'relay']),
});
export type IceConfig = z.infer<typeof iceConfigSchema>;

/** A visit status at the store that means the visit is over (no call may resume). */
export const FINAL_VISIT_STATUSES = ['completed', 'forfeited', 'interrupted', 'terminated', 'cancelled'] as const;

/** What the server sends. */
export type ServerMessage =
  /**
   * First message after joining. `ice` (optional, newer stores): the store's STUN/TURN
   * configuration; `visitStatus`: the visit's status at the store (e.g. 'interrupted' when
   * the other terminal ended it while this one was away).
   */
  | { type: 'welcome'; visitId: string; side: SignalSide; peerPresent: boolean; ice?: IceConfig; visitStatus?: string }
  /** The store recorded this terminal's `outcome` message: the visit's status there now. */
  | { type: 'outcome-recorded'; status: string }
  /** The other side joined (rejoined: it replaced a socket the server still held) or left. */
  | { type: 'presence'; side: SignalSide; state: 'joined' | 'left'; rejoined?: boolean }
  /** Relayed from the other side, in the order it sent them. */
  | { type: 'signal'; from: SignalSide; data: unknown }
  | { type: 'ready'; from: SignalSide }
  | { type: 'bye'; from: SignalSide }
  /** Answer to an application-level ping (the server's own WebSocket pings keep the socket alive). */
  | { type: 'pong'; id?: string | number; at: string }
  /** A message was refused or could not be delivered; the socket stays open. */
  | { type: 'error'; code: 'BAD_MESSAGE' | 'PEER_ABSENT' | 'OUTCOME_FAILED'; message: string }
  /** Issue #19: an observer of the monitoring centre came or went, signals, or acts (./observer-terminal). */
  | ObserverPresence
  | ObserverSignal
  | ObserverActMessage;

/** Messages relayed to the peer (the server stamps `from`). */
export type RelayedMessage = Extract<ServerMessage, { type: 'signal' | 'ready' | 'bye' }>;

/**
 * What a terminal accepts from the store (the terminal checks every message with it, so
 * a hostile store or peer cannot hand main anything else). Extra keys of a newer store are
 * dropped, not refused; a relayed `signal` must be a peer envelope.
 */
export const serverMessageSchema: z.ZodType<ServerMessage> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    visitId: z.string().max(64),
    side: signalSideSchema,
    peerPresent: z.boolean(),
    // An invalid ICE configuration is dropped (the terminal's own, if any, stays), not the welcome.
    ice: iceConfigSchema.optional().catch(undefined),
    visitStatus: z.string().max(40).optional(),
  }),
  z.object({ type: z.literal('outcome-recorded'), status: z.string().max(40) }),
  z.object({
    type: z.literal('presence'),
    side: signalSideSchema,
    state: z.enum(['joined', 'left']),
    rejoined: z.boolean().optional(),
  }),
  z.object({ type: z.literal('signal'), from: signalSideSchema, data: peerEnvelopeSchema }),
  z.object({ type: z.literal('ready'), from: signalSideSchema }),
  z.object({ type: z.literal('bye'), from: signalSideSchema }),
  z.object({ type: z.literal('pong'), id: pingId.optional(), at: z.string().max(40) }),
  z.object({
    type: z.literal('error'),
    code: z.enum(['BAD_MESSAGE', 'PEER_ABSENT', 'OUTCOME_FAILED']),
    message: z.string().max(500),
  }),
  observerPresenceSchema,
  observerSignalSchema,
  observerActMessageSchema,
]) as z.ZodType<ServerMessage>;
