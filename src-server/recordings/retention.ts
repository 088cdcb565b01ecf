// R13.1: recordings are kept for the configured period (RETENTION_DAYS, never
// below MIN_RETENTION_DAYS), counted from when the store received them. There
// is no deletion route; whatever deletes later must ask this first.
import { MIN_RETENTION_DAYS } from '../../src-shared/retention/minimum';

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
