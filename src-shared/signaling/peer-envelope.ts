// What one terminal's main sends the other inside the signaling relay's `signal.data`
// (the store relays only what passes this schema, and the receiving main checks it again): the renderer's WebRTC signal for one peer-connection
// generation, or a supervision control message, so that an action taken at one site
// is shown, audited and applied at the other (R24.1–R26.1).
import { z } from 'zod';
import { rtcSignalSchema } from './rtc-signal';

const by = z.object({ name: z.string().max(60), site: z.string().max(100) }).strict();
const at = z.string().max(40);

export const peerControlSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('warn'), code: z.string().max(20), text: z.string().max(300), by, at }).strict(),
  z.object({ type: z.literal('terminate'), code: z.string().max(20), text: z.string().max(300), by, at }).strict(),
  z
    .object({ type: z.literal('extend'), minutes: z.number().int().min(1).max(60), approvalRef: z.string().max(100), by, at })
    .strict(),
  z.object({ type: z.literal('incident'), note: z.string().max(500), by, at }).strict(),
  /** The sender's countdown reached zero, or its grace time ran out (R18.1). */
  z.object({ type: z.literal('ended'), outcome: z.enum(['completed', 'interrupted']), at }).strict(),
  /** The initiator builds a new peer connection of this generation (after a drop). */
  z.object({ type: z.literal('renegotiate'), generation: z.number().int().positive().max(1_000_000) }).strict(),
  /**
   * R18.1: the sender's window lost its peer connection (reloaded, or the terminal restarted)
   * and is listening again; the initiator builds a new one. `elapsedMs`: the sender's
   * countdown, so a restarted terminal can take the survivor's figure.
   */
  z
    .object({
      type: z.literal('reattach'),
      elapsedMs: z.number().nonnegative().optional(),
      /** R25.1: nobody is logged in at the restarted sender yet: the visit stands still on both sides. */
      adminsAway: z.literal(true).optional(),
    })
    .strict(),
  /** R25.1: two administrators logged in again at the restarted sender; `gapMs`: how long it stood still there. */
  z.object({ type: z.literal('admins-back'), gapMs: z.number().int().nonnegative().max(86_400_000), at }).strict(),
  /** The survivor's countdown, answered to a restarted terminal's reattach. */
  z.object({ type: z.literal('clock'), elapsedMs: z.number().nonnegative(), allowedMs: z.number().nonnegative() }).strict(),
  /** R24.1: an administrator muted one side's microphone for `seconds`. */
  z
    .object({ type: z.literal('mute'), side: z.enum(['inmate', 'visitor']), seconds: z.number().int().min(1).max(600), by, at })
    .strict(),
  /** R24.1: an administrator paused the visit, or resumed it. */
  z.object({ type: z.literal('hold'), by, at }).strict(),
  z.object({ type: z.literal('release'), by, at }).strict(),
]);

export const peerEnvelopeSchema = z.discriminatedUnion('kind', [
  /** The renderer's WebRTC signal for one peer-connection generation: only what a WebRTC peer really sends. */
  z.object({ kind: z.literal('rtc'), generation: z.number().int().nonnegative().max(1_000_000), data: rtcSignalSchema }).strict(),
  z.object({ kind: z.literal('control'), control: peerControlSchema }).strict(),
]);

export type PeerControl = z.infer<typeof peerControlSchema>;
export type PeerEnvelope = z.infer<typeof peerEnvelopeSchema>;
