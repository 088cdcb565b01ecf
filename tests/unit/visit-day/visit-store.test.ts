// The visit's status moves only along the one table of visit-store.ts, on a real local store
// (openStore: real SQLite file, real migrations, the visits table's CHECK constraints).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStore } from '../../../src-main/store/open-store';
import {
  getVisit,
  listVisitsForDay,
  transitionVisit,
  upsertScheduledVisit,
  VISIT_TRANSITIONS,
  VisitTransitionError,
  type StoredVisitStatus,
} from '../../../src-main/visit-day/visit-store';

const STATUSES = Object.keys(VISIT_TRANSITIONS) as StoredVisitStatus[];
const AT = '2026-03-02T01:00:00.000Z';
const LATER = '2026-03-02T02:00:00.000Z';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function store() {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-visit-store-'));
  const opened = openStore({ path: join(dir, 'terminal.db'), now: () => new Date(AT) });
  cleanup.push(() => {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return opened.db;
}

/** A visit put straight into `status` (the table's CHECK still applies), as history would leave it. */
function visitIn(db: ReturnType<typeof store>, visitId: string, status: StoredVisitStatus): void {
  upsertScheduledVisit(
    db,
    { visitId, date: '2026-03-02', startTime: '10:00', minutes: 30, inmateName: '李四', visitorCount: 1 },
    AT,
  );
  db.prepare('UPDATE visits SET status = ? WHERE visit_id = ?').run(status, visitId);
}

const rowOf = (db: ReturnType<typeof store>, visitId: string) =>
  db.prepare('SELECT * FROM visits WHERE visit_id = ?').get(visitId);

describe('the visit store: one table of status transitions', () => {
  test('every allowed transition moves the visit and stamps the time', () => {
    const db = store();
    let n = 0;
    for (const from of STATUSES) {
      for (const to of VISIT_TRANSITIONS[from]) {
        const visitId = `V-${++n}`;
        visitIn(db, visitId, from);
        expect(transitionVisit(db, visitId, [from], to, LATER), `${from} → ${to}`).toBe(true);
        expect(getVisit(db, visitId)?.status).toBe(to);
        expect((rowOf(db, visitId) as { updated_at: string }).updated_at).toBe(LATER);
      }
    }
    // Check-in, the call and R10.1 between them: 6 + 5 + 3 moves.
    expect(n).toBe(14);
  });

  test('a move the table refuses throws VisitTransitionError and changes nothing', () => {
    const db = store();
    const refused: Array<[StoredVisitStatus, StoredVisitStatus]> = [
      ['completed', 'in-progress'],
      ['terminated', 'scheduled'],
      ['interrupted', 'completed'],
      ['forfeited', 'checking-in'],
      ['forfeited', 'in-progress'],
      ['in-progress', 'scheduled'],
      ['in-progress', 'forfeited'],
      ['checking-in', 'scheduled'],
      ['scheduled', 'scheduled'],
      ['in-progress', 'in-progress'],
    ];
    for (const [from, to] of refused) {
      expect(VISIT_TRANSITIONS[from]).not.toContain(to);
      const visitId = `V-${from}-${to}`;
      visitIn(db, visitId, from);
      const before = rowOf(db, visitId);
      let thrown: unknown;
      try {
        transitionVisit(db, visitId, [from], to, LATER);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `${from} → ${to}`).toBeInstanceOf(VisitTransitionError);
      expect(thrown).toMatchObject({ code: 'CONFLICT', visitId, from, to });
      expect(rowOf(db, visitId)).toEqual(before);
    }
    // One illegal source among legal ones refuses the whole request.
    visitIn(db, 'V-mixed', 'scheduled');
    expect(() => transitionVisit(db, 'V-mixed', ['scheduled', 'completed'], 'in-progress', LATER)).toThrow(VisitTransitionError);
    expect(getVisit(db, 'V-mixed')?.status).toBe('scheduled');
  });

  test('a visit not in one of the given statuses, or no visit at all, is left alone', () => {
    const db = store();
    visitIn(db, 'V-1', 'checking-in');
    const before = rowOf(db, 'V-1');
    // A second visitor's check-in: the visit is already checking in.
    expect(transitionVisit(db, 'V-1', ['scheduled'], 'checking-in', LATER)).toBe(false);
    expect(rowOf(db, 'V-1')).toEqual(before);
    expect(transitionVisit(db, 'V-none', ['scheduled'], 'checking-in', LATER)).toBe(false);
    expect(getVisit(db, 'V-none')).toBeUndefined();
  });

  test("a snapshot upsert keeps a known visit's status; the day lists in start order", () => {
    const db = store();
    visitIn(db, 'V-b', 'in-progress');
    upsertScheduledVisit(
      db,
      { visitId: 'V-b', date: '2026-03-02', startTime: '09:00', minutes: 45, inmateName: '王五', visitorCount: 2 },
      LATER,
    );
    upsertScheduledVisit(
      db,
      { visitId: 'V-a', date: '2026-03-02', startTime: '11:00', minutes: 30, inmateName: '赵六', visitorCount: 1 },
      LATER,
    );
    upsertScheduledVisit(
      db,
      { visitId: 'V-c', date: '2026-03-03', startTime: '08:00', minutes: 30, inmateName: '钱七', visitorCount: 1 },
      LATER,
    );
    expect(listVisitsForDay(db, '2026-03-02')).toEqual([
      {
        visitId: 'V-b',
        date: '2026-03-02',
        startTime: '09:00',
        minutes: 45,
        inmateName: '王五',
        visitorCount: 2,
        status: 'in-progress',
      },
      {
        visitId: 'V-a',
        date: '2026-03-02',
        startTime: '11:00',
        minutes: 30,
        inmateName: '赵六',
        visitorCount: 1,
        status: 'scheduled',
      },
    ]);
  });
});
