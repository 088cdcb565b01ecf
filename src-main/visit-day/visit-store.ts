// The one owner of the local `visits` table: every read and write of a visit's row goes
// through here, and a status changes only along VISIT_TRANSITIONS. Check-in, the R10.1
// forfeit, the day snapshot and the call all ask this module; none writes the row itself.
import type { Database } from 'better-sqlite3';
import { ServiceError } from '../../src-shared/ipc/result';
import type { z } from 'zod';
import type { visitStatusSchema } from '../../src-shared/ipc/contract';

/** What the row holds; 'cancelled' is derived from the details (./visit-details), never stored. */
export type StoredVisitStatus = Exclude<z.infer<typeof visitStatusSchema>, 'cancelled'>;

/**
 * Where a status may go. Check-in opens a visit; the call starts and ends it (a call may end
 * before its media ever connected); R10.1 forfeits one nobody checked in for. An ended
 * visit is history: nothing leaves completed, terminated, interrupted or forfeited.
 */
export const VISIT_TRANSITIONS: Readonly<Record<StoredVisitStatus, readonly StoredVisitStatus[]>> = {
  scheduled: ['checking-in', 'in-progress', 'completed', 'terminated', 'interrupted', 'forfeited'],
  'checking-in': ['in-progress', 'completed', 'terminated', 'interrupted', 'forfeited'],
  'in-progress': ['completed', 'terminated', 'interrupted'],
  completed: [],
  terminated: [],
  interrupted: [],
  forfeited: [],
};

/** The statuses in which nothing has happened yet at this terminal (a late snapshot may still change them). */
export const OPEN_VISIT_STATUSES = ['scheduled', 'checking-in'] as const satisfies readonly StoredVisitStatus[];

/** A caller asked for a move the table does not allow; nothing was written. */
export class VisitTransitionError extends ServiceError {
  constructor(
    readonly visitId: string,
    readonly from: StoredVisitStatus,
    readonly to: StoredVisitStatus,
  ) {
    super('CONFLICT', `会见 ${visitId} 的状态不能从 ${from} 变为 ${to}`);
  }
}

export interface VisitRecord {
  visitId: string;
  date: string;
  startTime: string;
  minutes: number;
  inmateName: string;
  visitorCount: number;
  status: StoredVisitStatus;
}

interface Row {
  visit_id: string;
  date: string;
  start_time: string;
  minutes: number;
  inmate_name: string;
  visitor_count: number;
  status: StoredVisitStatus;
}

const COLUMNS = 'visit_id, date, start_time, minutes, inmate_name, visitor_count, status';
const toRecord = (r: Row): VisitRecord => ({
  visitId: r.visit_id,
  date: r.date,
  startTime: r.start_time,
  minutes: r.minutes,
  inmateName: r.inmate_name,
  visitorCount: r.visitor_count,
  status: r.status,
});

export function getVisit(db: Database, visitId: string): VisitRecord | undefined {
  const row = db.prepare<[string], Row>(`SELECT ${COLUMNS} FROM visits WHERE visit_id = ?`).get(visitId);
  return row ? toRecord(row) : undefined;
}

export const visitExists = (db: Database, visitId: string): boolean =>
  db.prepare('SELECT 1 FROM visits WHERE visit_id = ?').get(visitId) !== undefined;

/** The day's visits in the order of the day (start time, then id). */
export function listVisitsForDay(db: Database, date: string): VisitRecord[] {
  return db
    .prepare<[string], Row>(`SELECT ${COLUMNS} FROM visits WHERE date = ? ORDER BY start_time, visit_id`)
    .all(date)
    .map(toRecord);
}

/** The day's visits still open here (see OPEN_VISIT_STATUSES), by id. */
export const openVisitIds = (db: Database, date: string): string[] =>
  db
    .prepare<[string], { visit_id: string }>(
      "SELECT visit_id FROM visits WHERE date = ? AND status IN ('scheduled', 'checking-in') ORDER BY visit_id",
    )
    .all(date)
    .map((r) => r.visit_id);

/** R10.1's candidates: visits still open here, with an imported roster, that nobody has checked in for yet. */
export function openPlannedVisitsWithoutCheckin(db: Database): VisitRecord[] {
  return db
    .prepare<[], Row>(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `v.${c}`)
        .join(', ')} FROM visits v JOIN visit_plans p ON p.visit_id = v.visit_id
       WHERE v.status IN ('scheduled', 'checking-in')
         AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.visit_id = v.visit_id)`,
    )
    .all()
    .map(toRecord);
}

/**
 * Moves the visit to `to` if its status is one of `from`; true when it moved. A visit in
 * another status (or none) is left alone, as a conditional write; asking for a move the
 * table refuses throws VisitTransitionError before anything is written. Call inside the
 * step's transaction.
 */
export function transitionVisit(
  db: Database,
  visitId: string,
  from: readonly StoredVisitStatus[],
  to: StoredVisitStatus,
  at: string,
): boolean {
  const illegal = from.find((f) => !VISIT_TRANSITIONS[f].includes(to));
  if (illegal !== undefined) throw new VisitTransitionError(visitId, illegal, to);
  if (from.length === 0) return false;
  const marks = from.map(() => '?').join(', ');
  return (
    db
      .prepare(`UPDATE visits SET status = ?, updated_at = ? WHERE visit_id = ? AND status IN (${marks})`)
      .run(to, at, visitId, ...from).changes > 0
  );
}

/** The visit's raw details JSON (./visit-details owns its shape), or undefined without a visit. */
export const readVisitDetailsJson = (db: Database, visitId: string): string | undefined =>
  db.prepare<[string], { details: string }>('SELECT details FROM visits WHERE visit_id = ?').get(visitId)?.details;

export function writeVisitDetailsJson(db: Database, visitId: string, details: string, at: string): void {
  db.prepare('UPDATE visits SET details = ?, updated_at = ? WHERE visit_id = ?').run(details, at, visitId);
}

export interface ScheduledVisit {
  visitId: string;
  date: string;
  startTime: string;
  minutes: number;
  inmateName: string;
  visitorCount: number;
}

/**
 * The day snapshot's write: a new visit arrives scheduled; a known one takes the store's
 * time, length, inmate and head count but keeps its status and details.
 */
export function upsertScheduledVisit(db: Database, visit: ScheduledVisit, at: string): void {
  db.prepare(
    `INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
     VALUES (@visitId, @date, @startTime, @minutes, @inmateName, @visitorCount, 'scheduled', '{}', @at)
     ON CONFLICT (visit_id) DO UPDATE SET date = excluded.date, start_time = excluded.start_time, minutes = excluded.minutes,
       inmate_name = excluded.inmate_name, visitor_count = excluded.visitor_count, updated_at = excluded.updated_at`,
  ).run({ ...visit, at });
}
