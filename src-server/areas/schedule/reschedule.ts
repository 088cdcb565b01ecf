// Rescheduling a visit. R18.1: a visit interrupted by a fault or an emergency
// is rescheduled with priority and not counted: a new visit pointing at it
// (priority_reschedule_of), checked by the rules with reschedulesVisitId so
// the quota is not charged. A scheduled visit moved to another time (R9.3)
// keeps its id and gets a new updated_seq so both terminals pull the change.
import type { Decision } from '../../../src-shared/regulation';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import type { Application, VisitRow } from '../../db/schema';
import { conflict } from '../../http/api-error';
import { newId } from '../../ids';
import { decideApplication } from '../applications/decide';
import { todayInChina } from '../calendar/load-calendar';
import { assertFree, checkSlotDate, checkSlotRooms, insertVisit, lockForBooking, updateVisit } from './book-visit';
import type { Slot } from './book-visit';

export interface RescheduleInput {
  date: string;
  start: string;
  minutes: number;
  roomId?: string | undefined;
  remoteRoomId?: string | undefined;
}

export async function rescheduleVisit(
  ctx: AppContext,
  visit: VisitRow,
  application: Pick<Application, 'id' | 'inmate_id' | 'prison_id' | 'partner_id'>,
  input: RescheduleInput,
): Promise<{ visit: VisitRow; decision: Decision }> {
  const priority = visit.status === 'interrupted';
  if (!priority && visit.status !== 'scheduled') throw conflict('只有已安排或因故障中断的会见可以改期');
  const slot: Slot = { date: input.date, start: input.start, minutes: input.minutes, roomId: input.roomId ?? visit.room_id, remoteRoomId: input.remoteRoomId ?? visit.remote_room_id };
  checkSlotDate(slot, todayInChina(ctx.clock));
  await checkSlotRooms(ctx.db, slot, application.prison_id, application.partner_id);
  const now = nowIso(ctx.clock);
  return ctx.db.transaction().execute(async (trx) => {
    await lockForBooking(ctx, trx, [slot.roomId, slot.remoteRoomId], visit.inmate_id);
    if (priority) {
      const already = await trx.selectFrom('visits').select('id').where('priority_reschedule_of', '=', visit.id).where('status', '<>', 'cancelled').executeTakeFirst();
      if (already) throw conflict('该次中断的会见已经补排过（R18.1）');
    }
    const id = priority ? newId() : visit.id;
    const decision = await decideApplication(trx, application, { id, date: slot.date, start: slot.start, minutes: slot.minutes, roomId: slot.roomId, reschedulesVisitId: priority ? visit.id : null });
    if (decision.outcome === 'refused') throw conflict(decision.message, decision.refusedBy.map((r) => ({ path: r, message: decision.message })));
    await assertFree(trx, slot, visit.inmate_id, priority ? null : visit.id);
    if (priority) {
      const row = await insertVisit(trx, now, { id, applicationId: application.id, inmateId: visit.inmate_id, slot, priorityRescheduleOf: visit.id });
      return { visit: row, decision };
    }
    await updateVisit(trx, now, visit.id, { date: slot.date, start_time: slot.start, minutes: slot.minutes, room_id: slot.roomId, remote_room_id: slot.remoteRoomId });
    return { visit: await trx.selectFrom('visits').selectAll().where('id', '=', visit.id).executeTakeFirstOrThrow(), decision };
  });
}
