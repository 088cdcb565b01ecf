// R13.1: recordings are kept for the configured period (RETENTION_DAYS, never
// below MIN_RETENTION_DAYS), counted from when the store received them. There
// is no deletion route; whatever deletes later must ask this first. A visit under legal hold
// keeps its recordings whatever their age (issue #19 item 3).
import { MIN_RETENTION_DAYS } from '../../src-shared/retention/minimum';
import type { AppContext } from '../context';

const DAY_MS = 24 * 60 * 60 * 1000;

/** True once the full period has passed since receivedAt (ISO-8601). A shorter setting counts as the minimum. */
export function mayDeleteStored(receivedAt: string, retentionDays: number, now: Date): boolean {
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received)) return false;
  const days = Math.max(Number.isFinite(retentionDays) ? retentionDays : MIN_RETENTION_DAYS, MIN_RETENTION_DAYS);
  return now.getTime() - received >= days * DAY_MS;
}

/** A visit under legal hold (areas/recordings-search/legal-hold.ts) keeps its recordings past any period. */
export function mayDeleteRecording(receivedAt: string, retentionDays: number, now: Date, legalHold: boolean): boolean {
  return !legalHold && mayDeleteStored(receivedAt, retentionDays, now);
}

/**
 * The confirmed recordings whose period has passed and whose visit is not held: what a
 * deletion job may remove (none runs yet; whatever does must take its list from here).
 */
export async function recordingsDueForDeletion(
  ctx: AppContext,
  now: Date,
): Promise<Array<{ id: string; visitId: string; receivedAt: string }>> {
  const rows = await ctx.db
    .selectFrom('recordings_received')
    .leftJoin('recording_legal_holds', 'recording_legal_holds.visit_id', 'recordings_received.visit_id')
    .select([
      'recordings_received.id',
      'recordings_received.visit_id',
      'recordings_received.received_at',
      'recording_legal_holds.held_at',
    ])
    .where('recordings_received.status', '=', 'confirmed')
    .execute();
  return rows
    .filter((r) => r.received_at !== null && mayDeleteRecording(r.received_at, ctx.config.retentionDays, now, r.held_at !== null))
    .map((r) => ({ id: r.id, visitId: r.visit_id, receivedAt: r.received_at ?? '' }));
}
