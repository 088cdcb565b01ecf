// How a visit is shown over the API.
import { z } from 'zod';
import { minutesOfDay } from '../../../src-shared/calendar';
import type { VisitRow } from '../../db/schema';

export const VISIT_STATUSES = ['scheduled', 'completed', 'forfeited', 'interrupted', 'terminated', 'cancelled'] as const;

export const visitRecordSchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    inmateId: z.string(),
    roomId: z.string(),
    remoteRoomId: z.string(),
    date: z.string(),
    start: z.string(),
    end: z.string(),
    minutes: z.number(),
    status: z.enum(VISIT_STATUSES),
    priorityRescheduleOf: z.string().nullable(),
    /** R18.1: interrupted and not yet rescheduled; listed first. */
    awaitingReschedule: z.boolean(),
    updatedSeq: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Visit' });
export type VisitRecord = z.infer<typeof visitRecordSchema>;

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
    updatedSeq: Number(row.updated_seq),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
