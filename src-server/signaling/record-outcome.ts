// A terminal reports how its visit ended (the `outcome` message). The store keeps it
// on the visit (areas/schedule/settle-visit.ts): R18.1 — an interrupted visit is not a
// used one and is listed first for its priority reschedule. The first report wins.
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import { callSettlement, settleVisit } from '../areas/schedule/settle-visit';

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
    const status = await settleVisit(trx, ctx.engine, nowIso(ctx.clock), report.visitId, callSettlement(report.outcome, report.code, report.reason));
    if (status === null) throw new Error('会见不存在');
    return status;
  });
}
