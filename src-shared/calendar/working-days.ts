import { addDays, isIsoDate, isWeekend, toDayNumber, yearOf } from './iso-date';
import type { IsoDate } from './iso-date';
import { CalendarArgumentError, CalendarYearNotCoveredError } from './errors';
import { calendarOverridesSchema } from './overrides';
import type { CalendarOverrides } from './overrides';
import { packageCalendarData } from './package-data';
import type { PackageCalendarData } from './package-data';

/** Which source decided whether a day is a working day. */
export type DaySource = 'day-override' | 'year-override' | 'package' | 'weekday-rule';

export interface DayInfo {
  date: IsoDate;
  working: boolean;
  source: DaySource;
  /** Holiday or adjustment name, or the override's note. */
  name?: string;
}

/** The statutory working-day calendar (R14.1) with the central store's overrides. */
export interface WorkingDayCalendar {
  /** Years for which an answer is not a guess, ascending. */
  readonly coveredYears: readonly number[];
  describeDay(date: IsoDate): DayInfo;
  isWorkingDay(date: IsoDate): boolean;
  /** R14.1: applications are accepted on working days only. */
  acceptsApplications(date: IsoDate): boolean;
  /** The first working day on or after `date`. */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate;
  /** The n-th working day after `date` (not counting `date`); n = 0 gives `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** Working days in (from, to]; negative when `to` is before `from`. */
  countWorkingDays(from: IsoDate, to: IsoDate): number;
}

function checkDate(field: string, value: IsoDate): void {
  if (!isIsoDate(value)) throw new CalendarArgumentError(field, value, '应为 YYYY-MM-DD 格式的真实日期');
}

function checkCount(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new CalendarArgumentError(field, value, '应为非负整数');
}

// Loops over days never run past this; a deadline is a handful of working days.
const MAX_SPAN_DAYS = 3 * 366;

export function createWorkingDayCalendar(
  overrides: CalendarOverrides = {},
  data: PackageCalendarData = packageCalendarData,
): WorkingDayCalendar {
  const parsed = calendarOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CalendarArgumentError(`overrides.${(issue?.path ?? []).join('.')}`, overrides, issue?.message ?? 'invalid');
  }
  const { years, days } = parsed.data;

  const packageYears = new Set<number>();
  for (const d of Object.keys(data.holidays)) packageYears.add(yearOf(d));
  const overrideYears = new Map<number, { holidays: Set<string>; workdays: Set<string>; source: string }>();
  for (const y of years) {
    overrideYears.set(y.year, { holidays: new Set(y.holidays), workdays: new Set(y.workdays), source: y.source });
  }
  const dayOverrides = new Map(days.map((d) => [d.date, d]));
  const coveredYears = [...new Set([...packageYears, ...overrideYears.keys()])].sort((a, b) => a - b);
  const covered = new Set(coveredYears);

  function describeDay(date: IsoDate): DayInfo {
    const year = yearOf(date);
    // Coverage first: a single-day override does not make a year known.
    if (!covered.has(year)) throw new CalendarYearNotCoveredError(year, date, coveredYears);
    const dayOverride = dayOverrides.get(date);
    if (dayOverride) return { date, working: dayOverride.working, source: 'day-override', name: dayOverride.note };
    const yearOverride = overrideYears.get(year);
    if (yearOverride) {
      if (yearOverride.workdays.has(date)) return { date, working: true, source: 'year-override', name: yearOverride.source };
      if (yearOverride.holidays.has(date)) return { date, working: false, source: 'year-override', name: yearOverride.source };
      return { date, working: !isWeekend(date), source: 'weekday-rule' };
    }
    const workday = data.workdays[date];
    if (workday !== undefined) return { date, working: true, source: 'package', name: workday };
    const holiday = data.holidays[date];
    if (holiday !== undefined) return { date, working: false, source: 'package', name: holiday };
    return { date, working: !isWeekend(date), source: 'weekday-rule' };
  }

  const isWorkingDay = (date: IsoDate): boolean => describeDay(date).working;

  return {
    coveredYears,
    describeDay(date) {
      checkDate('date', date);
      return describeDay(date);
    },
    isWorkingDay(date) {
      checkDate('date', date);
      return isWorkingDay(date);
    },
    acceptsApplications(date) {
      checkDate('date', date);
      return isWorkingDay(date);
    },
    nextWorkingDayOnOrAfter(date) {
      checkDate('date', date);
      let d = date;
      for (let i = 0; i < MAX_SPAN_DAYS; i++, d = addDays(d, 1)) if (isWorkingDay(d)) return d;
      throw new CalendarArgumentError('date', date, '找不到工作日');
    },
    addWorkingDays(date, n) {
      checkDate('date', date);
      checkCount('n', n);
      let d = date;
      let left = n;
      for (let i = 0; left > 0; i++) {
        if (i > MAX_SPAN_DAYS + n) throw new CalendarArgumentError('n', n, '跨度过大');
        d = addDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },
    countWorkingDays(from, to) {
      checkDate('from', from);
      checkDate('to', to);
      const sign = from <= to ? 1 : -1;
      const [lo, hi] = sign === 1 ? [from, to] : [to, from];
      const span = toDayNumber(hi) - toDayNumber(lo);
      if (span > 10 * MAX_SPAN_DAYS) throw new CalendarArgumentError('to', to, '跨度过大');
      let count = 0;
      for (let d = addDays(lo, 1), i = 0; i < span; i++, d = addDays(d, 1)) if (isWorkingDay(d)) count++;
      return sign * count;
    },
  };
}
