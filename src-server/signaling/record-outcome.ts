// A terminal reports how its visit ended (the `outcome` message). The store keeps it
// on the visit (areas/schedule/settle-visit.ts): R18.1 — an interrupted visit is not a
// used one and is listed first for its priority reschedule. The first report wins.
// The report is believed inside the visit's window only, and `completed` / `interrupted`
// only when both terminals' signals crossed the relay (./relay-witness) or the terminal's
// chain already shows the call started; otherwise it is refused (OutcomeRefused, its message
// goes back to the terminal) and raised as an alarm. The terminal's chain carries the same
// end and settles the visit by sync once it shows the start.
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import { callSettlement, settleVisit, type RefusalCode } from '../areas/schedule/settle-visit';
import { chainShowsCallStarted } from '../areas/sync/call-started';

export interface OutcomeReport {
  visitId: string;
  terminalId: string;
  roomId: string;
  outcome: 'completed' | 'terminated' | 'interrupted';
  code: string;
  reason: string;
  /** Both sides' signals crossed this store's relay for the visit. */
  relayedBothWays: boolean;
}

/** A report the store does not believe; the message (zh-CN) is the terminal's answer. */
export class OutcomeRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** The visit's status at the store after the report; throws OutcomeRefused when refused. */
export async function recordOutcome(ctx: AppContext, report: OutcomeReport): Promise<string> {
  const now = nowIso(ctx.clock);
  const answer = await ctx.db.transaction().execute(async (trx) =>
    settleVisit(trx, ctx.engine, now, report.visitId, callSettlement(report.outcome, report.code, report.reason), {
      terminalId: report.terminalId,
      roomId: report.roomId,
      via: 'signaling',
      at: now,
      callStarted: async () =>
        report.relayedBothWays || chainShowsCallStarted(trx, ctx.engine, report.terminalId, report.visitId),
    }),
  );
  if (answer === null) throw new Error('会见不存在');
  // Thrown after the commit: the alarm stays.
  if (answer.refusal !== null)
    throw new OutcomeRefused(answer.refusal.code, `中心库拒绝登记会见结果（${answer.refusal.code}）：${answer.refusal.message}`);
  return answer.status;
}
