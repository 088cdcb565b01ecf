// R13.1 retention at the central store: once a recording's period has passed (counted from its
// receipt, never under six months: ./retention), its bytes are removed from the storage (a file
// or the S3 objects, #20) and the row records when. The bytes go first, then the row: a node that
// dies in between leaves the row to the next run, whose removal finds nothing and is no error.
// Two nodes running it at once remove the same objects twice and record the time once.
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import { findExpired, markPurged } from './records';
import { mayDeleteStored, retentionCutoff } from './retention';
import type { RecordingStorage } from './storage';

/** Uploads handled per run; the next run takes the rest. */
const BATCH = 500;
/** How often the cluster looks (cheap: one indexed query when nothing is due); run by one node (../cluster/scheduled-jobs). */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export async function purgeExpiredRecordings(
  ctx: AppContext,
  storage: RecordingStorage,
  log?: FastifyBaseLogger,
): Promise<{ purged: string[] }> {
  const now = ctx.clock();
  const due = await findExpired(ctx, retentionCutoff(ctx.config.retentionDays, now).toISOString(), BATCH);
  const purged: string[] = [];
  for (const row of due) {
    // The rule itself decides, not only the query's cutoff.
    if (row.received_at === null || !mayDeleteStored(row.received_at, ctx.config.retentionDays, now)) continue;
    try {
      await storage.remove(row.id);
    } catch (err) {
      log?.error({ err, uploadId: row.id }, 'recording past retention could not be removed; next run retries');
      continue;
    }
    if (await markPurged(ctx, row.id, nowIso(ctx.clock))) purged.push(row.id);
  }
  if (purged.length > 0)
    log?.info({ count: purged.length, retentionDays: ctx.config.retentionDays }, 'recordings past retention removed');
  return { purged };
}
