// Today's visits in this room. Sorted once here, so the selector returns a stable array
// (a selector that sorts would hand React a new array on every render).
import type { VisitSummary } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface TodayVisits {
  /** The local date (YYYY-MM-DD) the list was read for. */
  date: string;
  visits: readonly VisitSummary[];
  /** True when the latest refresh failed and the list may be out of date. */
  stale: boolean;
}

export interface ScheduleSlice {
  todayVisits: TodayVisits | null;
  setTodayVisits(date: string, visits: readonly VisitSummary[]): void;
  markVisitsStale(): void;
}

const byStartTime = (a: VisitSummary, b: VisitSummary) =>
  a.startTime.localeCompare(b.startTime) || a.visitId.localeCompare(b.visitId);

export const createScheduleSlice: SliceCreator<ScheduleSlice> = (set) => ({
  todayVisits: null,
  setTodayVisits: (date, visits) => set({ todayVisits: { date, visits: [...visits].sort(byStartTime), stale: false } }),
  markVisitsStale: () =>
    set((s) => (s.todayVisits && !s.todayVisits.stale ? { todayVisits: { ...s.todayVisits, stale: true } } : s)),
});
