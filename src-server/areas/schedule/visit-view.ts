// How a visit is shown over the API.
import type { VisitRecord } from '../../../src-shared/desk/records';
import { minutesOfDay } from '../../../src-shared/calendar';
import type { VisitRow } from '../../db/schema';

// The shape is shared with the desk (src-shared/desk/records).
export { VISIT_STATUSES, visitRecordSchema } from '../../../src-shared/desk/records';
export type { VisitRecord } from '../../../src-shared/desk/records';

export function clockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function endTime(start: string, minutes: number): string {
  return clockTime(minutesOfDay(start) + minutes);
}

/** `rescheduled`: ids of interrupted visits that already have their replacement. */
export function toVisitRecord(row: VisitRow, rescheduled: ReadonlySet<string>): VisitRecord {
  const minutes = Number(row.minutes);
  return {
    id: row.id,
    applicationId: row.application_id,
    inmateId: row.inmate_id,
    roomId: row.room_id,
    remoteRoomId: row.remote_room_id,
    date: row.date,
    start: row.start_time,
    end: endTime(row.start_time, minutes),
    minutes,
    status: row.status,
    priorityRescheduleOf: row.priority_reschedule_of,
    awaitingReschedule: row.status === 'interrupted' && !rescheduled.has(row.id),
    outcomeCode: row.outcome_code ?? null,
    outcomeReason: row.outcome_reason ?? null,
    updatedSeq: Number(row.updated_seq),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
