import type { IsoDate } from './iso-date';

/**
 * A working-day question about a year neither chinese-days nor the override
 * table covers. R14.1 deadlines must never be guessed from weekends alone.
 */
export class CalendarYearNotCoveredError extends Error {
  readonly code = 'calendar-year-not-covered';
  constructor(
    readonly year: number,
    readonly date: IsoDate,
    readonly coveredYears: readonly number[],
  ) {
    super(
      `工作日历未收录 ${year} 年（查询日期 ${date}）；请在中心库的日历覆盖表中补充该年国务院办公厅公布的放假安排。已收录：${coveredYears[0] ?? '-'}–${coveredYears[coveredYears.length - 1] ?? '-'}`,
    );
    this.name = 'CalendarYearNotCoveredError';
  }
}

/** A date argument that is not an existing 'YYYY-MM-DD' date, or a bad count. */
export class CalendarArgumentError extends Error {
  readonly code = 'calendar-argument';
  constructor(
    readonly field: string,
    readonly value: unknown,
    detail: string,
  ) {
    super(`${field}: ${detail} (${JSON.stringify(value)})`);
    this.name = 'CalendarArgumentError';
  }
}
