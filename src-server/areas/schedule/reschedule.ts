// Rescheduling a visit. R18.1: a visit interrupted by a fault or an emergency
// is rescheduled with priority and not counted: a new visit pointing at it
// (priority_reschedule_of), checked by the rules with reschedulesVisitId so
// the quota is not charged. A scheduled visit moved to another time (R9.3)
// keeps its id and gets a new updated_seq so both terminals pull the change.
import { reviewStepDueDate } from '../../../src-shared/calendar';
import type { Decision } from '../../../src-shared/regulation';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import type { Application, Database, VisitRow } from '../../db/schema';
import { conflict } from '../../http/api-error';
import { newId } from '../../ids';
import { decideApplication } from '../applications/decide';
import { loadCalendar, todayInChina } from '../calendar/load-calendar';
import { queueFamilyNotices } from '../notifications/outbox';
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
  application: Pick<Application, 'id' | 'inmate_id' | 'prison_id' | 'partner_id' | 'languages'>,
  input: RescheduleInput,
): Promise<{ visit: VisitRow; decision: Decision }> {
  const priority = visit.status === 'interrupted';
  if (!priority && visit.status !== 'scheduled') throw conflict('只有已安排或因故障中断的会见可以改期');
  const slot: Slot = {
    date: input.date,
    start: input.start,
    minutes: input.minutes,
    roomId: input.roomId ?? visit.room_id,
    remoteRoomId: input.remoteRoomId ?? visit.remote_room_id,
  };
  checkSlotDate(slot, todayInChina(ctx.clock));
  await checkSlotRooms(ctx.db, slot, application.prison_id, application.partner_id);
  const now = nowIso(ctx.clock);
  const today = todayInChina(ctx.clock);
  // R9.3: computed before anything is written, so an uncovered calendar year refuses the change whole.
  const changeDue = priority ? null : reviewStepDueDate(await loadCalendar(ctx.db), 'prison-reports-change', today);
  return ctx.db.transaction().execute(async (trx) => {
    await lockForBooking(ctx, trx, [slot.roomId, slot.remoteRoomId], visit.inmate_id);
    if (priority) {
      const already = await trx
        .selectFrom('visits')
        .select('id')
        .where('priority_reschedule_of', '=', visit.id)
        .where('status', '<>', 'cancelled')
        .executeTakeFirst();
      if (already) throw conflict('该次中断的会见已经补排过（R18.1）');
    }
    const id = priority ? newId() : visit.id;
    const decision = await decideApplication(trx, application, {
      id,
      date: slot.date,
      start: slot.start,
      minutes: slot.minutes,
      roomId: slot.roomId,
      reschedulesVisitId: priority ? visit.id : null,
    });
    if (decision.outcome === 'refused')
      throw conflict(
        decision.message,
        decision.refusedBy.map((r) => ({ path: r, message: decision.message })),
      );
    await assertFree(trx, slot, visit.inmate_id, priority ? null : visit.id);
    if (priority) {
      const row = await insertVisit(trx, now, {
        id,
        applicationId: application.id,
        inmateId: visit.inmate_id,
        slot,
        priorityRescheduleOf: visit.id,
      });
      return { visit: row, decision };
    }
    await updateVisit(trx, now, visit.id, {
      date: slot.date,
      start_time: slot.start,
      minutes: slot.minutes,
      room_id: slot.roomId,
      remote_room_id: slot.remoteRoomId,
    });
    await openChangeNotification(trx, application, visit, slot, today, changeDue, now, ctx.config.statusPageUrl);
    return { visit: await trx.selectFrom('visits').selectAll().where('id', '=', visit.id).executeTakeFirstOrThrow(), decision };
  });
}

/**
 * R9.3: a scheduled visit moved to another time is passed to the relatives'
 * side within 2 working days: the bureau (or its office) gets a notification
 * step in its queue, due then, recording the old and new time; its notify
 * action closes it. If a step is still open (the first notification not yet
 * done), that step carries the new time and nothing is added.
 */
async function openChangeNotification(
  trx: Kysely<Database>,
  application: Pick<Application, 'id' | 'partner_id'>,
  before: VisitRow,
  slot: Slot,
  today: string,
  dueOn: string | null,
  now: string,
  statusPageUrl: string | undefined,
): Promise<void> {
  if (dueOn === null) return;
  const notice = { now, createdBy: null, statusPageUrl, cause: 'rescheduled' as const };
  const open = await trx
    .selectFrom('review_steps')
    .select(['id', 'application_id', 'kind', 'due_on', 'requirement_ids'])
    .where('application_id', '=', application.id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  // Issue #25 item 8: the relatives hear of the new time by text too, in this transaction (an
  // open step telling them carries the change; otherwise the new R9.3 step below does).
  if (open) {
    await queueFamilyNotices(trx, open, notice);
    return;
  }
  const last = await trx
    .selectFrom('review_steps')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('application_id', '=', application.id)
    .executeTakeFirst();
  const stepId = newId();
  const requirementIds = JSON.stringify(['R9.3']);
  await trx
    .insertInto('review_steps')
    .values({
      id: stepId,
      application_id: application.id,
      position: Number(last?.position ?? 0) + 1,
      kind: 'bureau-notifies-relative',
      organisation_id: application.partner_id,
      received_on: today,
      due_on: dueOn,
      done_at: null,
      outcome: null,
      reason: null,
      requirement_ids: requirementIds,
      detail: JSON.stringify({
        change: { from: { date: before.date, start: before.start_time }, to: { date: slot.date, start: slot.start } },
      }),
      actor_id: null,
      created_at: now,
    })
    .execute();
  await trx
    .updateTable('applications')
    .set({ status: 'bureau-notification', updated_at: now })
    .where('id', '=', application.id)
    .execute();
  await queueFamilyNotices(
    trx,
    {
      id: stepId,
      application_id: application.id,
      kind: 'bureau-notifies-relative',
      due_on: dueOn,
      requirement_ids: requirementIds,
    },
    notice,
  );
}
