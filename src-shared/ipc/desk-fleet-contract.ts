// Desk mode, the fleet (issue 18): the terminals in the clerk's scope with their latest
// heartbeat and alerts, one terminal's history, the list as CSV, a log bundle asked of a
// terminal and fetched once it arrived, and the province's builds and rollouts. Main relays
// each to the central store with the clerk's token; the store scopes (the province sees all,
// a prison or bureau its own rooms) and decides who may (administrators and supervisors read
// the fleet, administrators ask for logs, only the province's administrators roll out).
// Spread into desk-contract.ts, so the methods are desk.fleetTerminals and so on.
import { z } from 'zod';
import { deskOutcome } from '../desk/outcome';
import { FLEET_HISTORY_DAYS, fleetHistoryPointSchema, fleetTerminalSchema } from '../store-api/endpoints/fleet';
import { logEndpoints, logRequestSchema } from '../store-api/endpoints/logs';
import { buildSchema, rolloutSchema, rolloutTargetSchema } from '../store-api/endpoints/updates';
import { terminalIdSchema } from '../sync/terminal-id';
import { method, type MethodSpec } from './method';

const UUID_RULE = '须为 UUID';
const terminalArgs = z.object({ terminalId: terminalIdSchema }).strict();
const roomFilter = z.object({ roomId: z.uuid(UUID_RULE).optional() }).strict();
const page = z.object({ limit: z.number().int().min(1).max(500).optional() }).strict();

export const fleetHistorySchema = z.object({ terminalId: z.string(), points: z.array(fleetHistoryPointSchema) });
export const logBundleSchema = logEndpoints.download.response;

export const deskFleetContract = {
  /** The terminals in scope: site, room, latest heartbeat, alerts (offline, disk, clock, backlog, device, version). */
  fleetTerminals: method(roomFilter, deskOutcome(z.array(fleetTerminalSchema)), 'desk-clerk'),
  /** One terminal's history (the last heartbeat of each 10 minutes), for the small charts. */
  fleetHistory: method(
    terminalArgs.extend({ days: z.number().int().min(1).max(FLEET_HISTORY_DAYS).optional() }).strict(),
    deskOutcome(fleetHistorySchema),
    'desk-clerk',
  ),
  /** The fleet list as the store's CSV (UTF-8 with BOM), and a file name to save it under. */
  fleetCsv: method(roomFilter, deskOutcome(z.object({ filename: z.string(), csv: z.string() })), 'desk-clerk'),
  /** Asks a terminal for its logs: it packs and uploads them at its next sync round. */
  requestLogBundle: method(terminalArgs, deskOutcome(logRequestSchema), 'desk-clerk'),
  /** A terminal's log requests, newest first, with their status (requested, uploading, received). */
  logBundles: method(terminalArgs, deskOutcome(z.array(logRequestSchema)), 'desk-clerk'),
  /** A received bundle (gzip, base64), to save as a file. */
  downloadLogBundle: method(z.object({ requestId: z.uuid(UUID_RULE) }).strict(), deskOutcome(logBundleSchema), 'desk-clerk'),
  /** The province's terminal builds, newest first. */
  updateBuilds: method(page, deskOutcome(z.array(buildSchema)), 'desk-clerk'),
  /** The rollouts, newest first. */
  updateRollouts: method(page, deskOutcome(z.array(rolloutSchema)), 'desk-clerk'),
  /** Rolls a complete build out to chosen terminals, a percentage of them, or all. */
  createRollout: method(
    z.object({ buildId: z.uuid(UUID_RULE), target: rolloutTargetSchema }).strict(),
    deskOutcome(rolloutSchema),
    'desk-clerk',
  ),
} as const satisfies Record<string, MethodSpec>;
