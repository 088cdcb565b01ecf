// R10.1: the relatives' terminal decides a forfeit (nobody checked in by the start) and records
// it in its audit chain (visit.forfeited). When that entry arrives, the store marks the visit
// forfeited too, in the same transaction: the prison's terminal then learns it from its visit
// feed, the overview counts it, and it is not a used visit. Only a scheduled visit changes,
// and only on the word of a terminal in one of the visit's two rooms.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { updateVisit } from '../schedule/book-visit';

interface StoredEvent {
  readonly kind: string;
  readonly payload: string;
}

export async function applyVisitOutcomes(trx: Kysely<Database>, terminalId: string, events: readonly StoredEvent[], now: string): Promise<void> {
  const forfeits = events.filter((e) => e.kind === 'visit.forfeited');
  if (forfeits.length === 0) return;
  const terminal = await trx.selectFrom('terminals').select('room_id').where('id', '=', terminalId).executeTakeFirst();
  if (!terminal) return;
  for (const e of forfeits) {
    let visitId: unknown;
    try {
      visitId = (JSON.parse(e.payload) as { visitId?: unknown }).visitId;
    } catch {
      continue;
    }
    if (typeof visitId !== 'string') continue;
    const visit = await trx.selectFrom('visits').select(['status', 'room_id', 'remote_room_id']).where('id', '=', visitId).executeTakeFirst();
    if (!visit || visit.status !== 'scheduled') continue;
    if (visit.room_id !== terminal.room_id && visit.remote_room_id !== terminal.room_id) continue;
    await updateVisit(trx, now, visitId, { status: 'forfeited' });
    await trx.updateTable('visits').set({ outcome_code: 'R10.1', outcome_reason: '会见开始时会见人未到场签到，视为放弃' }).where('id', '=', visitId).execute();
  }
}
