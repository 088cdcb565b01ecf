// R13.1's retention applied to proof scans (issue #25 item 2): the same rule as the
// recordings (src-server/recordings/retention.ts: the configured period, never under the
// minimum, counted from receipt), the same shape of run (recordings/purge-expired.ts). The
// row stays (who attached what, when) and only the bytes go.
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { mayDeleteStored, retentionCutoff } from '../../recordings/retention';
import { findExpiredProofs, markProofPurged } from './proof-scans';

const BATCH = 500;

export async function purgeExpiredProofs(ctx: AppContext, log?: FastifyBaseLogger): Promise<{ purged: string[] }> {
  const now = ctx.clock();
  const due = await findExpiredProofs(ctx, retentionCutoff(ctx.config.retentionDays, now).toISOString(), BATCH);
  const purged: string[] = [];
  for (const row of due) {
    // The rule itself decides, not only the query's cutoff.
    if (!mayDeleteStored(row.uploaded_at, ctx.config.retentionDays, now)) continue;
    if (await markProofPurged(ctx, row.id, nowIso(ctx.clock))) purged.push(row.id);
  }
  if (purged.length > 0)
    log?.info({ count: purged.length, retentionDays: ctx.config.retentionDays }, 'proof scans past retention removed');
  return { purged };
}
