// The fleet list: the caller's terminals (scoped) with their latest heartbeat and alerts,
// and one terminal's history points.
import { fleetAlerts } from '../../../src-shared/fleet/alerts';
import { heartbeatSchema, type Heartbeat } from '../../../src-shared/fleet/heartbeat';
import {
  fleetHistoryPointSchema,
  type FleetHistoryPoint,
  type FleetTerminal,
} from '../../../src-shared/store-api/endpoints/fleet';
import type { Scope } from '../../auth/scope';
import { scoped } from '../../auth/scope';
import type { AppContext } from '../../context';
import { inVisitingHours } from './visiting-hours';

/** The newest version a rollout offers the terminal (areas/updates); null when none reaches it. */
export type TargetVersion = (terminalId: string) => string | null;
const NO_ROLLOUT: TargetVersion = () => null;

const parsed = (body: string): Heartbeat | null => {
  try {
    const checked = heartbeatSchema.safeParse(JSON.parse(body));
    return checked.success ? checked.data : null;
  } catch {
    return null;
  }
};

export async function listFleet(
  ctx: AppContext,
  scope: Scope,
  roomId: string | undefined,
  targetVersion: TargetVersion = NO_ROLLOUT,
): Promise<FleetTerminal[]> {
  let q = ctx.db
    .selectFrom('terminals')
    .innerJoin('rooms', 'rooms.id', 'terminals.room_id')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .leftJoin('terminal_heartbeats_latest', 'terminal_heartbeats_latest.terminal_id', 'terminals.id')
    .select([
      'terminals.id',
      'terminals.name',
      'terminals.room_id',
      'terminals.revoked_at',
      'rooms.name as room_name',
      'rooms.organisation_id',
      'organisations.name as organisation_name',
      'terminal_heartbeats_latest.received_at',
      'terminal_heartbeats_latest.body',
    ])
    .where(scoped.terminals(scope));
  if (roomId !== undefined) q = q.where('terminals.room_id', '=', roomId);
  const rows = await q
    .orderBy('organisations.name')
    .orderBy('rooms.name')
    .orderBy('terminals.name')
    .orderBy('terminals.id')
    .execute();
  const now = ctx.clock();
  const visitingHours = await inVisitingHours(ctx.db, now);
  return rows.map((r) => {
    const heartbeat = r.body === null ? null : parsed(r.body);
    const latest = heartbeat !== null && r.received_at !== null ? { heartbeat, receivedAt: r.received_at } : null;
    const revoked = r.revoked_at !== null;
    return {
      id: r.id,
      name: r.name,
      roomId: r.room_id,
      roomName: r.room_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      revoked,
      lastSeenAt: r.received_at,
      heartbeat,
      // A revoked terminal is retired: nothing to alert about.
      alerts: revoked ? [] : fleetAlerts({ latest, now, visitingHours, targetVersion: targetVersion(r.id) }),
    };
  });
}

export async function terminalHistory(ctx: AppContext, terminalId: string, days: number): Promise<FleetHistoryPoint[]> {
  const since = new Date(ctx.clock().getTime() - days * 24 * 60 * 60_000).toISOString();
  const rows = await ctx.db
    .selectFrom('terminal_heartbeat_history')
    .select('point')
    .where('terminal_id', '=', terminalId)
    .where('bucket_at', '>=', since)
    .orderBy('bucket_at')
    .execute();
  return rows.flatMap((r) => {
    try {
      const p = fleetHistoryPointSchema.safeParse(JSON.parse(r.point));
      return p.success ? [p.data] : [];
    } catch {
      return [];
    }
  });
}
