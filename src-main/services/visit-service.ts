// visit.*: the day's visits at this terminal, as the idle screen lists them: it needs no
// login (the waiting room sees it), so the inmate's name leaves main masked to the surname.
import { ServiceError } from '../../src-shared/ipc/result';
import { maskName } from '../../src-shared/privacy/mask-name';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { ServiceContext } from './context';

type VisitSummary = Awaited<ReturnType<KioskServices['visit']['listForDay']>>[number];

interface VisitRow {
  visit_id: string;
  date: string;
  start_time: string;
  minutes: number;
  inmate_name: string;
  visitor_count: number;
  status: VisitSummary['status'];
}

/** The contract checks the shape; this checks the day exists (no 2025-02-30). */
export function assertRealDate(date: string): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new ServiceError('INVALID_ARGUMENT', `日期不存在：${date}`);
  }
}

export const createVisitService = (ctx: ServiceContext): Pick<KioskServices['visit'], 'listForDay'> => ({
  listForDay: ({ date }) => {
    assertRealDate(date);
    return ctx.db
      .prepare<[string], VisitRow>(
        `SELECT visit_id, date, start_time, minutes, inmate_name, visitor_count, status
         FROM visits WHERE date = ? ORDER BY start_time, visit_id`,
      )
      .all(date)
      .map((row) => ({
        visitId: row.visit_id,
        date: row.date,
        startTime: row.start_time,
        minutes: row.minutes,
        inmateName: maskName(row.inmate_name),
        visitorCount: row.visitor_count,
        status: row.status,
      }));
  },
});
