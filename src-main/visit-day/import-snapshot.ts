// Stores the day's snapshot locally: what check-in and offline login
// read. The sync worker (GET /api/sync/visits) will call this same function; tests and
// the demo call it with a fixture. A bad snapshot is refused whole and changes nothing.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { ServiceError } from '../../src-shared/ipc/result';
import { daySnapshotSchema, isSpecialVisitor, type DaySnapshot } from './snapshot-schema';
import { readDetails, setDetail, type SpecialDeclared } from './visit-details';
import { recordStep } from './record-step';
import { getVisit, OPEN_VISIT_STATUSES, openVisitIds, transitionVisit, upsertScheduledVisit } from './visit-store';

export interface ImportTarget {
  readonly terminalId: string;
  readonly siteId: string;
  readonly roomId: string;
  readonly now: Date;
}

export interface ImportOutcome {
  readonly visits: number;
  readonly staff: number;
  /** Visits marked cancelled by this import. */
  readonly cancelled: number;
}

export class SnapshotError extends ServiceError {
  constructor(
    message: string,
    readonly issues: readonly string[] = [],
  ) {
    super('INVALID_ARGUMENT', issues.length > 0 ? `${message}：${issues.join('；')}` : message);
  }
}

const describeIssues = (error: z.ZodError): string[] =>
  error.issues.slice(0, 10).map((i) => `${i.path.map(String).join('.') || '(快照)'} ${i.message}`);

export function parseDaySnapshot(input: unknown): DaySnapshot {
  const parsed = daySnapshotSchema.safeParse(input);
  if (!parsed.success) throw new SnapshotError('当日会见快照格式不正确，未做任何更改', describeIssues(parsed.error));
  return parsed.data;
}

export function importDaySnapshot(db: Database, input: unknown, target: ImportTarget): ImportOutcome {
  const snapshot = parseDaySnapshot(input);
  // R27.1: a visit belongs to one room's terminal; staff log in only at their own site (R25.1).
  if (snapshot.siteId !== target.siteId) throw new SnapshotError(`快照属于场所 ${snapshot.siteId}，不是本场所 ${target.siteId}`);
  if (snapshot.roomId !== target.roomId)
    throw new SnapshotError(`快照属于会见室 ${snapshot.roomId}，不是本会见室 ${target.roomId}`);
  const foreignVisit = snapshot.visits.find((v) => v.roomId !== target.roomId || v.date !== snapshot.date);
  if (foreignVisit) throw new SnapshotError(`会见 ${foreignVisit.visitId} 不属于本会见室当日安排`);
  const foreignStaff = snapshot.staff.find((s) => s.siteId !== target.siteId);
  if (foreignStaff) throw new SnapshotError(`工作人员 ${foreignStaff.staffId} 不属于本场所`);

  const at = target.now.toISOString();
  const cancelled = cancelledVisits(db, snapshot);
  const forfeited = forfeitedElsewhere(db, snapshot);
  recordStep(
    db,
    target.terminalId,
    {
      kind: 'visitDay.imported',
      actor: 'system',
      payload: {
        date: snapshot.date,
        generatedAt: snapshot.generatedAt,
        visitIds: snapshot.visits.filter((v) => v.status === 'scheduled').map((v) => v.visitId),
        cancelledVisitIds: cancelled,
        forfeitedVisitIds: forfeited,
        staffCount: snapshot.staff.length,
      },
    },
    target.now,
    () => {
      writeSnapshot(db, snapshot, at);
      for (const visitId of cancelled) setDetail(db, visitId, 'cancelled', { at, reason: '中心库已取消本次会见安排' }, at);
      // R10.1: the relatives did not check in at their terminal; not a used visit.
      for (const visitId of forfeited) transitionVisit(db, visitId, OPEN_VISIT_STATUSES, 'forfeited', at);
    },
  );
  return { visits: snapshot.visits.length, staff: snapshot.staff.length, cancelled: cancelled.length };
}

/** Visits of the snapshot's day, not yet started here, that the store cancelled or no longer lists. */
function cancelledVisits(db: Database, snapshot: DaySnapshot): string[] {
  const listed = new Map(snapshot.visits.map((v) => [v.visitId, v.status]));
  return openVisitIds(db, snapshot.date).filter(
    (id) => listed.get(id) !== 'scheduled' && listed.get(id) !== 'forfeited' && readDetails(db, id).cancelled === undefined,
  );
}

/** R10.1: visits still open here that the other terminal of the visit declared forfeited. */
function forfeitedElsewhere(db: Database, snapshot: DaySnapshot): string[] {
  const listed = new Map(snapshot.visits.map((v) => [v.visitId, v.status]));
  return openVisitIds(db, snapshot.date).filter((id) => listed.get(id) === 'forfeited');
}

function writeSnapshot(db: Database, snapshot: DaySnapshot, at: string): void {
  // Lock-out counters survive a refresh of the hashes; a staff member missing from the
  // snapshot is deactivated, not deleted (the audit log names them).
  db.prepare('UPDATE staff_credentials SET active = 0, updated_at = ? WHERE site_id = ?').run(at, snapshot.siteId);
  const staff = db.prepare(
    `INSERT INTO staff_credentials (staff_id, site_id, username, name, password_hash, active, updated_at)
     VALUES (@staffId, @siteId, @username, @name, @passwordHash, @active, @at)
     ON CONFLICT (staff_id) DO UPDATE SET username = excluded.username, name = excluded.name,
       password_hash = excluded.password_hash, active = excluded.active, updated_at = excluded.updated_at`,
  );
  for (const s of snapshot.staff) staff.run({ ...s, active: s.active ? 1 : 0, at });

  const upsertPlan = db.prepare(
    `INSERT INTO visit_plans (visit_id, inmate_id, languages, max_visitors, checkin_opens_min, imported_at)
     VALUES (@visitId, @inmateId, @languages, @maxVisitors, @opens, @at)
     ON CONFLICT (visit_id) DO UPDATE SET inmate_id = excluded.inmate_id, languages = excluded.languages,
       max_visitors = excluded.max_visitors, checkin_opens_min = excluded.checkin_opens_min, imported_at = excluded.imported_at`,
  );
  const clearVisitors = db.prepare('DELETE FROM approved_visitors WHERE visit_id = ?');
  const addVisitor = db.prepare(
    'INSERT INTO approved_visitors (visit_id, visitor_id, name, document_number, relationship) VALUES (?, ?, ?, ?, ?)',
  );
  for (const v of snapshot.visits) {
    const status = getVisit(db, v.visitId)?.status;
    // A visit that has started, ended or been forfeited here is history: a late snapshot must not reopen it.
    if (status !== undefined && status !== 'scheduled' && status !== 'checking-in') continue;
    // A cancelled or forfeited visit never seen here is not worth a row; one seen is marked above.
    if (v.status === 'cancelled' || v.status === 'forfeited') continue;
    upsertScheduledVisit(
      db,
      {
        visitId: v.visitId,
        date: v.date,
        startTime: v.startTime,
        minutes: v.minutes,
        inmateName: v.inmate.name,
        visitorCount: v.visitors.length,
      },
      at,
    );
    upsertPlan.run({
      visitId: v.visitId,
      inmateId: v.inmate.inmateId,
      languages: JSON.stringify(v.languages),
      maxVisitors: v.maxVisitors,
      opens: snapshot.checkinOpensMinutesBefore,
      at,
    });
    clearVisitors.run(v.visitId);
    const special: Record<string, SpecialDeclared> = {};
    for (const p of v.visitors) {
      // R34.1: a special visitor's relationship column names the kind (special:lawyer).
      addVisitor.run(
        v.visitId,
        p.visitorId,
        p.name,
        p.documentNumber,
        isSpecialVisitor(p) ? `special:${p.special.kind}` : p.relationship,
      );
      if (isSpecialVisitor(p)) special[p.documentNumber] = p.special;
    }
    setDetail(db, v.visitId, 'special', Object.keys(special).length > 0 ? special : undefined, at);
    // Listed again as scheduled: a cancellation seen earlier no longer stands.
    setDetail(db, v.visitId, 'cancelled', undefined, at);
  }
}
