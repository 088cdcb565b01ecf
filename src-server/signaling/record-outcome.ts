// A terminal reports how its visit ended (the `outcome` message). The store keeps it
// on the visit: R18.1 — an interrupted visit is not a used one and is listed first
// for its priority reschedule (areas/schedule: status 'interrupted' with no
// replacement yet = awaitingReschedule). Only a scheduled visit changes, so the first
// terminal's report wins and the other's repeat changes nothing.
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import { updateVisit } from '../areas/schedule/book-visit';

export interface OutcomeReport {
  visitId: string;
  terminalId: string;
  outcome: 'completed' | 'terminated' | 'interrupted';
  code: string;
  reason: string;
}

/** The visit's status at the store after the report. */
export async function recordOutcome(ctx: AppContext, report: OutcomeReport): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('visits')
      .select(['status'])
      .where('id', '=', report.visitId)
      .$if(ctx.engine === 'postgres', (q) => q.forUpdate())
      .executeTakeFirst();
    if (!row) throw new Error('会见不存在');
    if (row.status !== 'scheduled') return row.status;
    await updateVisit(trx, nowIso(ctx.clock), report.visitId, { status: report.outcome });
    // As the desk's outcome form records it: the reason code (R18.1 for an interruption) and the words.
    const code = report.outcome === 'interrupted' ? 'R18.1' : report.outcome === 'terminated' ? report.code : null;
    await trx.updateTable('visits').set({ outcome_code: code, outcome_reason: code === null ? null : report.reason || null }).where('id', '=', report.visitId).execute();
    return report.outcome;
  });
}
