// The monitoring centre's observer on the signaling relay (issue #19, R13.1, R29.1):
// a supervisor's desk joins a live visit at GET /api/observe/:visitId (a WebSocket,
// subprotocol SIGNAL_SUBPROTOCOL, the staff token as `bearer.<token>`). Each terminal of
// the visit then builds one extra, low-bitrate, send-only peer connection to it (the
// terminal initiates; no media server). The observer may warn or terminate with a coded
// reason (R16.1, R17.1, R22.1): the store relays it to BOTH terminals with the officer's
// identity, and each carries it out through its own call machine and audit chain.
// Pure zod: the store, the terminal's main and the desk renderer all import it.
import { z } from 'zod';
import { iceConfigSchema, signalSideSchema, type IceConfig, type SignalSide } from './protocol';
import { rtcSignalSchema, type RtcSignal } from './rtc-signal';
import { observerActionSchema, type ObserverAction } from './observer-terminal';

export * from './observer-terminal';

export const OBSERVE_PATH_PREFIX = '/api/observe/';

/**
 * Staff roles that may observe a visit in their scope: the province's supervisors, a prison's
 * warden, and the administrators who supervise visits (R24.1) — a prison's or a bureau's,
 * each only within its scope (the store's scope rule decides which visits).
 */
export const OBSERVER_ROLES = ['supervisor', 'warden', 'administrator'] as const;

/** Low bitrate per observer stream: a wall of 9 tiles must not cost the visit its own picture. */
export const OBSERVER_STREAM = { width: 320, height: 180, frameRate: 10, maxBitrateBps: 150_000 } as const;

// ── The observer's socket ────────────────────────────────────────────────────

/** What an observer sends. */
export const observerClientMessageSchema = z.discriminatedUnion('type', [
  /** A WebRTC answer or candidate for the peer connection from one side's terminal. */
  z.object({ type: z.literal('signal'), to: signalSideSchema, data: rtcSignalSchema }).strict(),
  z.object({ type: z.literal('act'), act: observerActionSchema }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ObserverClientMessage = z.infer<typeof observerClientMessageSchema>;

/** What the store sends an observer. */
export type ObserverServerMessage =
  | { type: 'welcome'; visitId: string; observerId: string; sides: SignalSide[]; ice: IceConfig }
  | { type: 'presence'; side: SignalSide; state: 'joined' | 'left' }
  | { type: 'signal'; from: SignalSide; data: RtcSignal }
  /** The action went to these terminals (both, unless one was away). */
  | { type: 'acted'; action: ObserverAction['action']; code: string; delivered: SignalSide[] }
  | { type: 'pong'; at: string }
  | { type: 'error'; code: 'BAD_MESSAGE' | 'NOT_DELIVERED'; message: string };

export const observerServerMessageSchema: z.ZodType<ObserverServerMessage> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    visitId: z.string().max(64),
    observerId: z.string().max(64),
    sides: z.array(signalSideSchema).max(2),
    ice: iceConfigSchema,
  }),
  z.object({ type: z.literal('presence'), side: signalSideSchema, state: z.enum(['joined', 'left']) }),
  z.object({ type: z.literal('signal'), from: signalSideSchema, data: rtcSignalSchema }),
  z.object({
    type: z.literal('acted'),
    action: z.enum(['warn', 'terminate']),
    code: z.string().max(20),
    delivered: z.array(signalSideSchema).max(2),
  }),
  z.object({ type: z.literal('pong'), at: z.string().max(40) }),
  z.object({ type: z.literal('error'), code: z.enum(['BAD_MESSAGE', 'NOT_DELIVERED']), message: z.string().max(500) }),
]) as z.ZodType<ObserverServerMessage>;
