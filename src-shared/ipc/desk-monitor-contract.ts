// Desk mode's monitoring centre (issue #19, R13.1, R29.1): the live visits in the clerk's
// scope, and observing up to WALL_SIZE of them at once. Main holds the observer sockets
// (the renderer has no credential); the desk window's peers get the terminals' WebRTC
// signals as `desk.observer` events and send theirs through observerSignal. The store
// decides who may observe what (supervisors, wardens, administrators, each in scope).
import { z } from 'zod';
import { deskOutcome } from '../desk/outcome';
import { iceConfigSchema, signalSideSchema } from '../signaling/protocol';
import { observerActionSchema, observerServerMessageSchema } from '../signaling/observer-protocol';
import { rtcSignalSchema } from '../signaling/rtc-signal';
import { liveVisitSchema } from '../store-api/endpoints/monitor';
import { method } from './method';

/** A wall of at most 9 tiles: more would cost the terminals and the desk too much. */
export const WALL_SIZE = 9;

const visitId = z.uuid('会见编号格式错误');

export const observeResultSchema = z.object({
  observerId: z.string(),
  sides: z.array(signalSideSchema),
  ice: iceConfigSchema,
});

export const deskMonitorContract = {
  /** The live visits in the clerk's scope, with room, inmate, visitors, remaining time, link and warnings. */
  liveVisits: method(z.undefined(), deskOutcome(z.array(liveVisitSchema)), 'desk-clerk'),
  /** Joins a visit as an observer; both terminals show it and start a low-bitrate stream to this desk. */
  observe: method(z.object({ visitId }).strict(), deskOutcome(observeResultSchema), 'desk-clerk'),
  /** The desk window's WebRTC answer or candidate for one side's stream. */
  observerSignal: method(
    z.object({ visitId, to: signalSideSchema, data: rtcSignalSchema }).strict(),
    deskOutcome(z.null()),
    'desk-clerk',
  ),
  /** R16.1 warning or R16.1/R17.1 termination of an observed visit, attributed to this clerk on both terminals. */
  observerAct: method(
    z.object({ visitId, act: observerActionSchema }).strict(),
    deskOutcome(z.object({ delivered: z.array(signalSideSchema) })),
    'desk-clerk',
  ),
  /** Stops observing; both terminals drop the stream and audit the departure. */
  unobserve: method(z.object({ visitId }).strict(), deskOutcome(z.null()), 'desk-clerk'),
};

/** main → desk window: what the store sent one observer socket (or `closed` with the store's reason). */
export const deskObserverEventSchema = z.object({
  visitId: z.string(),
  message: z.union([observerServerMessageSchema, z.object({ type: z.literal('closed'), code: z.number(), reason: z.string() })]),
});
export type DeskObserverEvent = z.infer<typeof deskObserverEventSchema>;
