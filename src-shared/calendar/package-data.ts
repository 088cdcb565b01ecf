// chinese-days 1.5.7 (pinned in package.json), read through its published data
// file (documented in its README) rather than its functions: those parse
// 'YYYY-MM-DD' as UTC midnight and then read local-time fields, so west of UTC
// isWorkday('2026-10-01') answers for 2026-09-30. The data file has no dates
// to shift. It covers 2004–2026; 2027 is not in 1.5.7.
import data from 'chinese-days/dist/chinese-days.json';

export interface PackageCalendarData {
  /** Date → "English name,中文名,n": statutory days off (放假). */
  readonly holidays: Readonly<Record<string, string>>;
  /** Date → name: weekend days that are adjusted working days (调休上班). */
  readonly workdays: Readonly<Record<string, string>>;
}

export const packageCalendarData: PackageCalendarData = {
  holidays: data.holidays as Record<string, string>,
  workdays: data.workdays as Record<string, string>,
};

export const PACKAGE_NAME_AND_VERSION = 'chinese-days@1.5.7';
