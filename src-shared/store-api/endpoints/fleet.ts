// The fleet: terminals report heartbeats; staff list their terminals with the latest
// heartbeat and alerts, one terminal's 30 days of history, and the list as CSV. Scoped like
// everything else: the province sees all, a prison or bureau its own rooms.
import { z } from 'zod';
import { FLEET_ALERT_KINDS } from '../../fleet/alerts';
import { heartbeatAckSchema, heartbeatSchema, HEARTBEAT_VISIT_STATES } from '../../fleet/heartbeat';
import { terminalIdSchema } from '../../sync/terminal-id';
import type { StoreEndpoint } from '../endpoint';

export const FLEET_HISTORY_DAYS = 30;

const alertSchema = z.object({ kind: z.enum(FLEET_ALERT_KINDS), message: z.string() });

export const fleetTerminalSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    roomId: z.string(),
    roomName: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    revoked: z.boolean(),
    /** When the store received the latest heartbeat; null when none came. */
    lastSeenAt: z.string().nullable(),
    heartbeat: heartbeatSchema.nullable(),
    alerts: z.array(alertSchema),
  })
  .meta({ id: 'FleetTerminal' });
export type FleetTerminal = z.infer<typeof fleetTerminalSchema>;

/** One point of a terminal's history (the last heartbeat of each 10 minutes), for small charts. */
export const fleetHistoryPointSchema = z.object({
  at: z.string(),
  freeBytes: z.number().nullable(),
  recordingMinutes: z.number().nullable(),
  clockOffsetMs: z.number().nullable(),
  backlogEvents: z.number(),
  backlogBytes: z.number(),
  visitState: z.enum(HEARTBEAT_VISIT_STATES),
  failedDevices: z.array(z.string()),
  errorCount: z.number(),
  version: z.string(),
});
export type FleetHistoryPoint = z.infer<typeof fleetHistoryPointSchema>;

const listQuery = z.object({ roomId: z.uuid('须为 UUID').optional() });

export const fleetEndpoints = {
  /** Idempotent: the same heartbeat id again is a no-op (duplicate: true). */
  heartbeat: { method: 'POST', path: '/api/fleet/heartbeats', body: heartbeatSchema, response: heartbeatAckSchema },
  list: { method: 'GET', path: '/api/fleet/terminals', query: listQuery, response: z.array(fleetTerminalSchema) },
  history: {
    method: 'GET',
    path: '/api/fleet/terminals/:id/history',
    params: z.object({ id: terminalIdSchema }),
    query: z.object({ days: z.coerce.number().int().min(1).max(FLEET_HISTORY_DAYS).default(FLEET_HISTORY_DAYS) }),
    response: z.object({ terminalId: z.string(), points: z.array(fleetHistoryPointSchema) }),
  },
  /** UTF-8 with a byte-order mark (Excel opens it), with a file name in Content-Disposition. */
  csv: { method: 'GET', path: '/api/fleet/terminals.csv', query: listQuery, response: z.string().describe('text/csv') },
} as const satisfies Record<string, StoreEndpoint>;
