// Booking a slot: both rooms and the inmate, never twice.
// Runs inside the caller's transaction: on PostgreSQL the two rooms' and the
// inmate's rows are locked first (FOR UPDATE, in id order), so two bookings
// touching any of them run one after the other and the overlap check below
// sees the other's visit; SQLite runs one transaction at a time anyway. The
// unique partial indexes of migration 0004 back this up for equal starts.
import type { Kysely } from 'kysely';
import { minutesOfDay } from '../../../src-shared/calendar';
import type { AppContext } from '../../context';
import type { Database, VisitRow, VisitStatus } from '../../db/schema';
import { conflict, invalidField } from '../../http/api-error';
import type { Issue } from '../../http/api-error';
import { newId } from '../../ids';
import { nextChangeSeq } from '../sync/change-seq';

export interface Slot {
  date: string;
  start: string;
  minutes: number;
  /** The prison (ward) room. */
  roomId: string;
  /** The bureau/office room, or the other prison's room (R7.1). */
  remoteRoomId: string;
}

/** Visits in these states hold their slot; cancelled and interrupted (R18.1) ones free it. */
export const HOLDING: readonly VisitStatus[] = ['scheduled', 'completed', 'forfeited', 'terminated'];

export async function lockForBooking(ctx: AppContext, trx: Kysely<Database>, roomIds: string[], inmateId: string): Promise<void> {
  if (ctx.engine !== 'postgres') return;
  await trx
    .selectFrom('rooms')
    .select('id')
    .where('id', 'in', [...new Set(roomIds)].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
  await trx.selectFrom('inmates').select('id').where('id', '=', inmateId).forUpdate().execute();
}

const overlaps = (a: { start: string; minutes: number }, b: { start_time: string; minutes: number }) => {
  const aStart = minutesOfDay(a.start);
  const bStart = minutesOfDay(b.start_time);
  return aStart < bStart + Number(b.minutes) && bStart < aStart + a.minutes;
};

/** Visits of the date that hold a slot overlapping `slot` in either room or for the inmate. */
export async function findClashes(
  trx: Kysely<Database>,
  slot: Slot,
  inmateId: string,
  excludeVisitId: string | null,
): Promise<Issue[]> {
  const rooms = [slot.roomId, slot.remoteRoomId];
  let q = trx
    .selectFrom('visits')
    .selectAll()
    .where('date', '=', slot.date)
    .where('status', 'in', HOLDING)
    .where((eb) => eb.or([eb('room_id', 'in', rooms), eb('remote_room_id', 'in', rooms), eb('inmate_id', '=', inmateId)]));
  if (excludeVisitId !== null) q = q.where('id', '<>', excludeVisitId);
  const clashing = (await q.execute()).filter((v) => overlaps(slot, v));
  const issues: Issue[] = [];
  const uses = (v: VisitRow, room: string) => v.room_id === room || v.remote_room_id === room;
  if (clashing.some((v) => uses(v, slot.roomId))) issues.push({ path: 'body.roomId', message: '监狱会见室该时段已有安排' });
  if (clashing.some((v) => uses(v, slot.remoteRoomId)))
    issues.push({ path: 'body.remoteRoomId', message: '对方会见室该时段已有安排' });
  if (clashing.some((v) => v.inmate_id === inmateId)) issues.push({ path: 'body.start', message: '该罪犯该时段已有会见安排' });
  return issues;
}

export async function assertFree(
  trx: Kysely<Database>,
  slot: Slot,
  inmateId: string,
  excludeVisitId: string | null,
): Promise<void> {
  const issues = await findClashes(trx, slot, inmateId, excludeVisitId);
  if (issues.length > 0) throw conflict(`该时段不能安排：${issues.map((i) => i.message).join('；')}`, issues);
}

/** A visit is booked for today or later, never in the past. */
export function checkSlotDate(slot: Slot, today: string): void {
  if (slot.date < today) throw invalidField('body.date', `会见日期不能早于今天（${today}）`);
}

/**
 * The slot's rooms are where this application's visit can run: the prison
 * room at the inmate's prison (or a ward of it), the other room at the
 * relatives' side (the bureau or one of its offices, or the relative's prison, R7.1).
 */
export async function checkSlotRooms(db: Kysely<Database>, slot: Slot, prisonId: string, partnerId: string): Promise<void> {
  const room = await db
    .selectFrom('rooms')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .select(['organisations.id', 'organisations.parent_id'])
    .where('rooms.id', '=', slot.roomId)
    .executeTakeFirst();
  if (!room || (room.id !== prisonId && room.parent_id !== prisonId))
    throw invalidField('body.roomId', '须为罪犯所在监狱（监区）的会见室');
  const remote = await db
    .selectFrom('rooms')
    .innerJoin('organisations', 'organisations.id', 'rooms.organisation_id')
    .select(['organisations.id', 'organisations.parent_id'])
    .where('rooms.id', '=', slot.remoteRoomId)
    .executeTakeFirst();
  if (!remote || (remote.id !== partnerId && remote.parent_id !== partnerId))
    throw invalidField('body.remoteRoomId', '须为受理申请的司法局（司法所）或对方监狱的会见室');
}

export async function insertVisit(
  trx: Kysely<Database>,
  now: string,
  v: { id?: string; applicationId: string; inmateId: string; slot: Slot; priorityRescheduleOf: string | null },
): Promise<VisitRow> {
  const row: VisitRow = {
    id: v.id ?? newId(),
    application_id: v.applicationId,
    inmate_id: v.inmateId,
    room_id: v.slot.roomId,
    remote_room_id: v.slot.remoteRoomId,
    date: v.slot.date,
    start_time: v.slot.start,
    minutes: v.slot.minutes,
    status: 'scheduled',
    priority_reschedule_of: v.priorityRescheduleOf,
    outcome_code: null,
    outcome_reason: null,
    updated_seq: await nextChangeSeq(trx),
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('visits').values(row).execute();
  return row;
}

/** Any change a terminal should see bumps updated_seq in the same transaction (areas/sync/visit-feed.ts). */
export async function updateVisit(
  trx: Kysely<Database>,
  now: string,
  id: string,
  set: Partial<
    Pick<
      VisitRow,
      'status' | 'date' | 'start_time' | 'minutes' | 'room_id' | 'remote_room_id' | 'outcome_code' | 'outcome_reason'
    >
  >,
): Promise<void> {
  await trx
    .updateTable('visits')
    .set({ ...set, updated_seq: await nextChangeSeq(trx), updated_at: now })
    .where('id', '=', id)
    .execute();
}
