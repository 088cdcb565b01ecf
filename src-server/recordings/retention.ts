// R13.1: recordings are kept for the configured period (RETENTION_DAYS, never
// below MIN_RETENTION_DAYS), counted from when the store received them. There
// is no deletion route; the retention run (./purge-expired) asks this first. A visit under legal hold
// keeps its recordings whatever their age (issue #19 item 3).
import { MIN_RETENTION_DAYS } from '../../src-shared/retention/minimum';
import type { AppContext } from '../context';
import { findExpired } from './records';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The latest receipt time whose period has passed at now. A shorter setting counts as the minimum. */
export function retentionCutoff(retentionDays: number, now: Date): Date {
  const days = Math.max(Number.isFinite(retentionDays) ? retentionDays : MIN_RETENTION_DAYS, MIN_RETENTION_DAYS);
  return new Date(now.getTime() - days * DAY_MS);
}

/** True once the full period has passed since receivedAt (ISO-8601). */
export function mayDeleteStored(receivedAt: string, retentionDays: number, now: Date): boolean {
  const received = Date.parse(receivedAt);
  if (Number.isNaN(received)) return false;
  return received <= retentionCutoff(retentionDays, now).getTime();
}

/** A visit under legal hold (areas/recordings-search/legal-hold.ts) keeps its recordings past any period. */
export function mayDeleteRecording(receivedAt: string, retentionDays: number, now: Date, legalHold: boolean): boolean {
  return !legalHold && mayDeleteStored(receivedAt, retentionDays, now);
}

/**
 * The confirmed recordings whose period has passed and whose visit is not held: what the
 * retention run (./purge-expired) removes next; the same query, so the list and the run agree.
 */
export async function recordingsDueForDeletion(
  ctx: AppContext,
  now: Date,
): Promise<Array<{ id: string; visitId: string; receivedAt: string }>> {
  const rows = await findExpired(ctx, retentionCutoff(ctx.config.retentionDays, now).toISOString(), 10_000);
  return rows
    .filter((r) => r.received_at !== null && mayDeleteRecording(r.received_at, ctx.config.retentionDays, now, false))
    .map((r) => ({ id: r.id, visitId: r.visit_id, receivedAt: r.received_at ?? '' }));
}
