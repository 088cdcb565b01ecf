// visit.*: the day's visits at this terminal, as the idle screen lists them: it needs no
// login (the waiting room sees it), so the inmate's name leaves main masked to the surname;
// and today's visits and a visit's readiness from the visit day.
import type { Database } from 'better-sqlite3';
import { ServiceError } from '../../src-shared/ipc/result';
import { maskName } from '../../src-shared/privacy/mask-name';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { VisitDay } from './visit-day';
import { listVisitsForDay } from './visit-store';

/** The contract checks the shape; this checks the day exists (no 2025-02-30). */
export function assertRealDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new ServiceError('INVALID_ARGUMENT', `日期不存在：${date}`);
  }
}

export const createVisitService = (db: Database, day: VisitDay): KioskServices['visit'] => ({
  listForDay: ({ date }) => {
    assertRealDate(date);
    return listVisitsForDay(db, date).map((visit) => ({ ...visit, inmateName: maskName(visit.inmateName) }));
  },
  today: () => day.today(),
  readiness: ({ visitId }) => day.readiness(visitId),
});
