// What the terminals' signaling sockets carry about the monitoring centre's observers
// (issue #19; the observer's own socket: ./observer-protocol). Kept apart from it so that
// ./protocol can include these without an import cycle. Pure zod.
import { z } from 'zod';
import { OTHER_REASON, TERMINATION_REASON_CODES, WARNING_REASON_CODES } from '../regulation/reason-codes';
import { rtcSignalSchema } from './rtc-signal';

/** An observer socket's id, given by the store (a UUID). */
export const observerIdSchema = z.uuid();

/** The officer as both terminals show and audit them. */
export const observerOfficerSchema = z
  .object({
    staffId: z.string().max(64),
    name: z.string().max(60),
    organisation: z.string().max(100),
  })
  .strict();
export type ObserverOfficer = z.infer<typeof observerOfficerSchema>;

/** R16.1 codes (warn), R16.1/R17.1 codes (terminate), or "other" with a written reason (R22.1). */
export const observerActionSchema = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('warn'),
      code: z.enum([...WARNING_REASON_CODES, OTHER_REASON]),
      text: z.string().trim().max(200).optional(),
    })
    .strict(),
  z
    .object({
      action: z.literal('terminate'),
      code: z.enum([...WARNING_REASON_CODES, ...TERMINATION_REASON_CODES, OTHER_REASON]),
      text: z.string().trim().max(200).optional(),
    })
    .strict(),
]);
export type ObserverAction = z.infer<typeof observerActionSchema>;

/** "other" needs a written reason of at least two characters (R22.1). */
export const observerActionProblem = (a: ObserverAction): string | null =>
  a.code === OTHER_REASON && (a.text ?? '').trim().length < 2 ? '选择“其他”时须写明理由（R22.1）' : null;

/** store → terminal: an observer came or went (shown on the console, audited in the chain). */
export const observerPresenceSchema = z
  .object({
    type: z.literal('observer'),
    observerId: z.string().max(64),
    state: z.enum(['joined', 'left']),
    by: observerOfficerSchema,
  })
  .strict();

/** store → terminal, and terminal → store: one WebRTC signal between a terminal and one observer. */
export const observerSignalSchema = z
  .object({ type: z.literal('observer-signal'), observerId: z.string().max(64), data: rtcSignalSchema })
  .strict();

/** store → terminal: an observer's warning or termination, to carry out and attribute to that officer. */
export const observerActMessageSchema = z
  .object({
    type: z.literal('observer-act'),
    observerId: z.string().max(64),
    act: observerActionSchema,
    by: observerOfficerSchema,
    at: z.string().max(40),
  })
  .strict();

export type ObserverPresence = z.infer<typeof observerPresenceSchema>;
export type ObserverSignal = z.infer<typeof observerSignalSchema>;
export type ObserverActMessage = z.infer<typeof observerActMessageSchema>;
