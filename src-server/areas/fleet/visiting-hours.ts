// Whether an instant is within visiting hours: a working day (the store's calendar, R14.1)
// between 08:00 and 18:00 China time. A terminal silent then is an alert; at night it is not.
import type { Kysely } from 'kysely';
import { chinaClock, chinaDate, isWeekend } from '../../../src-shared/calendar';
import type { Database } from '../../db/schema';
import { loadCalendar } from '../calendar/load-calendar';

export const VISITING_FROM = '08:00';
export const VISITING_TO = '18:00';

export async function inVisitingHours(db: Kysely<Database>, now: Date): Promise<boolean> {
  const clock = chinaClock(now);
  if (clock < VISITING_FROM || clock >= VISITING_TO) return false;
  const date = chinaDate(now);
  try {
    return (await loadCalendar(db)).isWorkingDay(date);
  } catch {
    // A year the calendar does not cover: the weekday rule.
    return !isWeekend(date);
  }
}
