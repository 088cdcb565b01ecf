// How a visit ended, kept on the visit at the store. Two roads lead here: a terminal's
// `outcome` message on the signaling socket, and the same end in the terminal's audit chain
// when it arrives by sync (the road that still works after the terminal restarted before the
// store acknowledged). Only a scheduled visit changes: the first report wins, a repeat or a
// late copy changes nothing. R18.1: an interrupted visit is not a used one and awaits its
// priority reschedule; R10.1: a forfeit.
//
// A terminal's word is believed only where it can be true: from a terminal of one of the
// visit's two rooms, inside the visit's window (a little before the start, for check-in and
// clock skew, to some hours after the booked end, for a late start, pauses, the reconnect
// grace time and a re-sent report), and for `completed` / `interrupted` (the latter grants a
// reschedule outside the month's quota) only once the call is known to have started. Any
// other report is refused and raised as an alarm for the province (areas/alarms).
import type { Kysely } from 'kysely';
import { chinaInstant } from '../../../src-shared/calendar/china-time';
import type { Database } from '../../db/schema';
import type { Engine } from '../../db/connect';
import { raiseAlarm } from '../alarms/raise-alarm';
import { updateVisit } from './book-visit';

export type VisitEnd = 'completed' | 'terminated' | 'interrupted' | 'forfeited';

export interface Settlement {
  readonly status: VisitEnd;
  /** The reason's code as the desk's outcome form records it (R18.1, R10.1, R17.1(n)), or null. */
  readonly code: string | null;
  readonly reason: string | null;
}

/**
 * How far before the booked start a report is believed: check-in opens 30 minutes before the
 * start (the day snapshot's default) and the call may begin once both sides are in.
 */
export const OUTCOME_EARLY_MS = 30 * 60_000;
/** How long after the booked end a report is believed (late start, pauses, grace time, re-sending). */
export const OUTCOME_LATE_MS = 3 * 60 * 60_000;

export interface OutcomeReport {
  readonly terminalId: string;
  /** The reporting terminal's room. */
  readonly roomId: string;
  readonly via: 'signaling' | 'sync';
  /** When the terminal says the end happened: the chain entry's time (sync), or the store's now (signaling). */
  readonly at: string;
  /** Whether the call is known to have started (asked only for completed / interrupted). */
  callStarted(): Promise<boolean>;
}

export type RefusalCode = 'NOT_A_ROOM_OF_VISIT' | 'OUTSIDE_VISIT_WINDOW' | 'CALL_NOT_STARTED';

export type SettleAnswer =
  | { readonly status: string; readonly refusal: null }
  | { readonly status: string; readonly refusal: { readonly code: RefusalCode; readonly message: string } };

/** The booked start as an instant: visits are booked in China Standard Time. */
const startOf = (date: string, startTime: string): number => chinaInstant(date, startTime).getTime();

/** The instants between which an outcome of the visit is believed. */
export function outcomeWindow(visit: { date: string; start_time: string; minutes: number }): { opens: number; closes: number } {
  const start = startOf(visit.date, visit.start_time);
  return { opens: start - OUTCOME_EARLY_MS, closes: start + Number(visit.minutes) * 60_000 + OUTCOME_LATE_MS };
}

const LABELS: Record<VisitEnd, string> = {
  completed: '会见完成',
  terminated: '会见中止',
  interrupted: '会见中断',
  forfeited: '视为放弃',
};

/**
 * The visit's status after the report and, when refused, why; null when there is no such
 * visit. A refusal is written as an alarm in the same transaction.
 */
export async function settleVisit(
  trx: Kysely<Database>,
  engine: Engine,
  now: string,
  visitId: string,
  end: Settlement,
  report: OutcomeReport,
): Promise<SettleAnswer | null> {
  const row = await trx
    .selectFrom('visits')
    .select(['status', 'room_id', 'remote_room_id', 'date', 'start_time', 'minutes'])
    .where('id', '=', visitId)
    .$if(engine === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return null;
  const refuse = async (code: RefusalCode, message: string): Promise<SettleAnswer> => {
    await raiseAlarm(trx, now, {
      kind: 'visit-outcome-refused',
      code,
      message: `${LABELS[end.status]}的上报被拒绝：${message}`,
      terminalId: report.terminalId,
      visitId,
      detail: {
        outcome: end.status,
        via: report.via,
        reportedAt: report.at,
        visitDate: row.date,
        visitStart: row.start_time,
        minutes: Number(row.minutes),
      },
    });
    return { status: row.status, refusal: { code, message } };
  };

  if (row.room_id !== report.roomId && row.remote_room_id !== report.roomId)
    return refuse('NOT_A_ROOM_OF_VISIT', '上报的终端不属于该会见的会见室');
  if (row.status !== 'scheduled') return { status: row.status, refusal: null };

  const { opens, closes } = outcomeWindow(row);
  const at = Date.parse(report.at);
  const nowMs = Date.parse(now);
  if (!(nowMs >= opens && at >= opens && at <= closes)) {
    return refuse(
      'OUTSIDE_VISIT_WINDOW',
      `会见安排在 ${row.date} ${row.start_time}（${Number(row.minutes)} 分钟），不在该会见的时段内`,
    );
  }
  if ((end.status === 'completed' || end.status === 'interrupted') && !(await report.callStarted())) {
    return refuse('CALL_NOT_STARTED', '该会见的通话尚未开始，不能登记为完成或中断');
  }
  await updateVisit(trx, now, visitId, {
    status: end.status,
    outcome_code: end.code,
    outcome_reason: end.code === null ? null : end.reason || null,
  });
  return { status: end.status, refusal: null };
}

/** The settlement a terminal's reported end stands for (the code only where the desk records one). */
export function callSettlement(outcome: 'completed' | 'terminated' | 'interrupted', code: string, reason: string): Settlement {
  const kept = outcome === 'interrupted' ? 'R18.1' : outcome === 'terminated' ? code : null;
  return { status: outcome, code: kept, reason };
}
