// A terminal's heartbeat into the store: the latest per terminal and one history point per
// 10 minutes. Idempotent: the same heartbeat id again changes nothing, and an older one
// arriving after a newer (a resend that crossed) does not replace it. Opening a new
// 10-minute bucket also prunes that terminal's history beyond 30 days.
import type { Kysely } from 'kysely';
import type { Heartbeat } from '../../../src-shared/fleet/heartbeat';
import { HEARTBEAT_DEVICES } from '../../../src-shared/fleet/heartbeat';
import type { FleetHistoryPoint } from '../../../src-shared/store-api/endpoints/fleet';
import type { Database } from '../../db/schema';
import { historyCutoff } from './prune-history';

export const HISTORY_BUCKET_MS = 10 * 60_000;

export const bucketOf = (at: Date): string =>
  new Date(Math.floor(at.getTime() / HISTORY_BUCKET_MS) * HISTORY_BUCKET_MS).toISOString();

export function historyPoint(hb: Heartbeat, receivedAt: string): FleetHistoryPoint {
  return {
    at: receivedAt,
    freeBytes: hb.disk.freeBytes,
    recordingMinutes: hb.disk.recordingMinutes,
    clockOffsetMs: hb.clock.offsetMs,
    backlogEvents: hb.backlog.events,
    backlogBytes: hb.backlog.bytes,
    visitState: hb.visit.state,
    failedDevices: HEARTBEAT_DEVICES.filter((d) => hb.devices[d]?.ok === false),
    errorCount: hb.errors.length,
    version: hb.version,
  };
}

/** true: stored; false: a duplicate or an older heartbeat, nothing changed. */
export async function ingestHeartbeat(db: Kysely<Database>, terminalId: string, hb: Heartbeat, now: Date): Promise<boolean> {
  const receivedAt = now.toISOString();
  const bucket = bucketOf(now);
  return db.transaction().execute(async (trx) => {
    const latest = await trx
      .selectFrom('terminal_heartbeats_latest')
      .select(['heartbeat_id', 'sent_at', 'received_at'])
      .where('terminal_id', '=', terminalId)
      .executeTakeFirst();
    // Compared as instants: ISO text of two precisions ('…00Z', '…00.000Z') does not sort as time.
    if (latest && (latest.heartbeat_id === hb.id || Date.parse(latest.sent_at) > Date.parse(hb.sentAt))) return false;
    const body = JSON.stringify(hb);
    await trx
      .insertInto('terminal_heartbeats_latest')
      .values({ terminal_id: terminalId, heartbeat_id: hb.id, sent_at: hb.sentAt, received_at: receivedAt, body })
      .onConflict((oc) =>
        oc.column('terminal_id').doUpdateSet({ heartbeat_id: hb.id, sent_at: hb.sentAt, received_at: receivedAt, body }),
      )
      .execute();
    const point = JSON.stringify(historyPoint(hb, receivedAt));
    await trx
      .insertInto('terminal_heartbeat_history')
      .values({ terminal_id: terminalId, bucket_at: bucket, heartbeat_id: hb.id, received_at: receivedAt, point })
      .onConflict((oc) =>
        oc.columns(['terminal_id', 'bucket_at']).doUpdateSet({ heartbeat_id: hb.id, received_at: receivedAt, point }),
      )
      .execute();
    if (!latest || bucketOf(new Date(latest.received_at)) !== bucket) {
      await trx
        .deleteFrom('terminal_heartbeat_history')
        .where('terminal_id', '=', terminalId)
        .where('bucket_at', '<', historyCutoff(now))
        .execute();
    }
    return true;
  });
}
