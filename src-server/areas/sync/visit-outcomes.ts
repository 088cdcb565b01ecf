// How visits ended, as the terminals' audit chains say when they arrive by sync, kept on
// the visits in the same transaction (areas/schedule/settle-visit.ts):
//  - R10.1: the relatives' terminal decides a forfeit (nobody checked in by the start) and
//    records visit.forfeited; the prison's terminal then learns it from its visit feed, the
//    overview counts it, and it is not a used visit.
//  - R18.1: a call's end (call.completed / call.terminated / call.interrupted) normally
//    reaches the store at once as the signaling `outcome` message. A terminal that restarted
//    before the store acknowledged it never sends that message again; its chain still
//    carries the end, so the visit is settled when the chain arrives.
// Only a scheduled visit changes (the first report wins), only on the word of a terminal in
// one of the visit's two rooms, only when the entry's time is inside the visit's window, and a
// completed or interrupted call only when the same chain shows the call started before it
// (settleVisit); anything else stays in the chain, changes nothing and raises an alarm.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Engine } from '../../db/connect';
import { callSettlement, settleVisit, type Settlement } from '../schedule/settle-visit';
import { chainShowsCallStarted } from './call-started';

interface StoredEvent {
  readonly chain_id: string;
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly payload: string;
}

const CALL_ENDS = new Map<string, 'completed' | 'terminated' | 'interrupted'>([
  ['call.completed', 'completed'],
  ['call.terminated', 'terminated'],
  ['call.interrupted', 'interrupted'],
]);
const FORFEIT: Settlement = { status: 'forfeited', code: 'R10.1', reason: '会见开始时会见人未到场签到，视为放弃' };

/** The visit and the end an audit entry reports, or null for any other entry. */
function reportedEnd(e: StoredEvent): { visitId: string; end: Settlement; entry: StoredEvent } | null {
  const callEnd = CALL_ENDS.get(e.kind);
  if (e.kind !== 'visit.forfeited' && !callEnd) return null;
  let payload: { visitId?: unknown; code?: unknown; reason?: unknown };
  try {
    payload = JSON.parse(e.payload) as typeof payload;
  } catch {
    return null;
  }
  if (typeof payload.visitId !== 'string') return null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const end = callEnd ? callSettlement(callEnd, text(payload.code).slice(0, 20), text(payload.reason).slice(0, 500)) : FORFEIT;
  return { visitId: payload.visitId, end, entry: e };
}

export async function applyVisitOutcomes(
  trx: Kysely<Database>,
  engine: Engine,
  terminalId: string,
  events: readonly StoredEvent[],
  now: string,
): Promise<void> {
  const reports = events.map(reportedEnd).filter((r) => r !== null);
  if (reports.length === 0) return;
  const terminal = await trx.selectFrom('terminals').select('room_id').where('id', '=', terminalId).executeTakeFirst();
  if (!terminal) return;
  for (const { visitId, end, entry } of reports) {
    await settleVisit(trx, engine, now, visitId, end, {
      terminalId,
      roomId: terminal.room_id,
      via: 'sync',
      at: entry.at,
      callStarted: () => chainShowsCallStarted(trx, engine, terminalId, visitId, { chainId: entry.chain_id, seq: entry.seq }),
    });
  }
}
