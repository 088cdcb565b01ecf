// How a visit ended, kept on the visit at the store. Two roads lead here: a terminal's
// `outcome` message on the signaling socket, and the same end in the terminal's audit chain
// when it arrives by sync (the road that still works after the terminal restarted before the
// store acknowledged). Only a scheduled visit changes: the first report wins, a repeat or a
// late copy changes nothing. R18.1: an interrupted visit is not a used one and awaits its
// priority reschedule; R10.1: a forfeit.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Engine } from '../../db/connect';
import { updateVisit } from './book-visit';

export type VisitEnd = 'completed' | 'terminated' | 'interrupted' | 'forfeited';

export interface Settlement {
  readonly status: VisitEnd;
  /** The reason's code as the desk's outcome form records it (R18.1, R10.1, R17.1(n)), or null. */
  readonly code: string | null;
  readonly reason: string | null;
}

/**
 * The visit's status after the report, or null when there is no such visit. With `fromRoom`
 * (a report read from a terminal's chain), only a terminal of one of the visit's two rooms
 * may settle it; another room's word changes nothing.
 */
export async function settleVisit(trx: Kysely<Database>, engine: Engine, now: string, visitId: string, end: Settlement, fromRoom?: string): Promise<string | null> {
  const row = await trx
    .selectFrom('visits')
    .select(['status', 'room_id', 'remote_room_id'])
    .where('id', '=', visitId)
    .$if(engine === 'postgres', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return null;
  const outsider = fromRoom !== undefined && row.room_id !== fromRoom && row.remote_room_id !== fromRoom;
  if (row.status !== 'scheduled' || outsider) return row.status;
  await updateVisit(trx, now, visitId, { status: end.status, outcome_code: end.code, outcome_reason: end.code === null ? null : end.reason || null });
  return end.status;
}

/** The settlement a terminal's reported end stands for (the code only where the desk records one). */
export function callSettlement(outcome: 'completed' | 'terminated' | 'interrupted', code: string, reason: string): Settlement {
  const kept = outcome === 'interrupted' ? 'R18.1' : outcome === 'terminated' ? code : null;
  return { status: outcome, code: kept, reason };
}
