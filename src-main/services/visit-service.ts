// visit.*: the day's visits at this terminal, as the idle screen lists them: it needs no
// login (the waiting room sees it), so the inmate's name leaves main masked to the surname.
import { ServiceError } from '../../src-shared/ipc/result';
import { maskName } from '../../src-shared/privacy/mask-name';
import type { KioskServices } from '../../src-shared/ipc/types';
import { listVisitsForDay } from '../visit-day/visit-store';
import type { ServiceContext } from './context';

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
    return listVisitsForDay(ctx.db, date).map((visit) => ({ ...visit, inmateName: maskName(visit.inmateName) }));
  },
});
