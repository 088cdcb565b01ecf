// The monitoring centre (issue #19, R13.1, R29.1): the live visits a supervisor may
// watch, scoped like everything else (the province all, a prison or bureau its own).
// Joining one is the WebSocket at /api/observe/:visitId (../../signaling/observer-protocol).
import { z } from 'zod';
import type { StoreEndpoint } from '../endpoint';

export const liveVisitSchema = z.object({
  visitId: z.string(),
  /** The inmate's (prison) room and the visitors' room, with their organisations. */
  room: z.object({ name: z.string(), organisation: z.string() }),
  remoteRoom: z.object({ name: z.string(), organisation: z.string() }),
  inmateName: z.string(),
  visitors: z.array(z.string()),
  /** The terminals on the relay now: both means the call can run. */
  sides: z.array(z.enum(['inmate', 'visitor'])),
  /** When both terminals were first on the relay (this store node's view); null before. */
  startedAt: z.string().nullable(),
  minutes: z.number().int(),
  /** Booked minutes less the time since startedAt (a pause at the terminals is not seen here). */
  remainingMs: z.number().int().nonnegative().nullable(),
  /** Warnings relayed during the visit (the terminals' own and observers'). */
  warnings: z.number().int().nonnegative(),
  /** 'good': both terminals on the relay; 'one-side': the other is away (reconnecting). */
  link: z.enum(['good', 'one-side']),
  observers: z.number().int().nonnegative(),
});
export type LiveVisit = z.infer<typeof liveVisitSchema>;

export const monitorEndpoints = {
  /** Supervisors and wardens only; the visits with a room in the caller's scope. */
  liveVisits: {
    method: 'GET',
    path: '/api/monitor/visits',
    response: z.object({ visits: z.array(liveVisitSchema) }),
  },
} as const satisfies Record<string, StoreEndpoint>;
