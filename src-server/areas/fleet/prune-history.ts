// The fleet's retention: 30 days of heartbeat history. Each terminal's is pruned as it
// reports (ingest-heartbeat.ts); this pass, run hourly by the fleet area, also clears what
// terminals that stopped reporting left behind.
import type { Kysely } from 'kysely';
import { FLEET_HISTORY_DAYS } from '../../../src-shared/store-api/endpoints/fleet';
import type { Database } from '../../db/schema';

export const PRUNE_INTERVAL_MS = 60 * 60_000;

export const historyCutoff = (now: Date): string => new Date(now.getTime() - FLEET_HISTORY_DAYS * 24 * 60 * 60_000).toISOString();

/** Deletes history older than 30 days; the number of points deleted. */
export async function pruneHeartbeatHistory(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('terminal_heartbeat_history').where('bucket_at', '<', historyCutoff(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
}
