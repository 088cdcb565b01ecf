// The working-day calendar (R14.1) as the store knows it: chinese-days' data
// plus the override table (calendar_years, calendar_days), read per request so
// every server node sees an upsert at once (the tables are a few rows).
import type { Kysely } from 'kysely';
import {
  CalendarArgumentError,
  CalendarYearNotCoveredError,
  chinaDate,
  createWorkingDayCalendar,
} from '../../../src-shared/calendar';
import type { CalendarOverrides, WorkingDayCalendar } from '../../../src-shared/calendar';
import type { Clock } from '../../clock';
import type { Database } from '../../db/schema';
import { ApiError, conflict } from '../../http/api-error';

/** The calendar date in China Standard Time (UTC+8, no daylight saving). */
export function todayInChina(clock: Clock): string {
  return chinaDate(clock());
}

/** A timestamp's calendar date in China Standard Time. */
export function chinaDateOf(iso: string): string {
  return chinaDate(new Date(iso));
}

export async function loadOverrides(db: Kysely<Database>): Promise<Required<CalendarOverrides>> {
  const [years, days] = await Promise.all([
    db.selectFrom('calendar_years').selectAll().orderBy('year').execute(),
    db.selectFrom('calendar_days').selectAll().orderBy('date').execute(),
  ]);
  return {
    years: years.map((y) => ({
      year: Number(y.year),
      holidays: JSON.parse(y.holidays) as string[],
      workdays: JSON.parse(y.workdays) as string[],
      source: y.source,
    })),
    days: days.map((d) => ({ date: d.date, working: d.working === 1, note: d.note })),
  };
}

/** An uncovered year is a 409 naming the year (never a guess from weekends, R14.1). */
export function calendarError(err: unknown): unknown {
  if (err instanceof CalendarYearNotCoveredError) {
    return conflict(err.message, [{ path: 'calendar', message: `工作日历未收录 ${err.year} 年（R14.1）` }]);
  }
  if (err instanceof CalendarArgumentError)
    return new ApiError(400, 'VALIDATION_FAILED', err.message, [{ path: err.field, message: err.message }]);
  return err;
}

function guarded<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (err) {
      throw calendarError(err);
    }
  };
}

/** The calendar with every method answering API errors instead of calendar errors. */
export async function loadCalendar(db: Kysely<Database>): Promise<WorkingDayCalendar> {
  const calendar = createWorkingDayCalendar(await loadOverrides(db));
  return {
    coveredYears: calendar.coveredYears,
    describeDay: guarded(calendar.describeDay),
    isWorkingDay: guarded(calendar.isWorkingDay),
    acceptsApplications: guarded(calendar.acceptsApplications),
    nextWorkingDayOnOrAfter: guarded(calendar.nextWorkingDayOnOrAfter),
    addWorkingDays: guarded(calendar.addWorkingDays),
    countWorkingDays: guarded(calendar.countWorkingDays),
  };
}
