// Card validity is a calendar date in China; the terminal's clock is a Date.
import type { IsoDate } from '../../src-shared/calendar/iso-date';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000; // UTC+8, no daylight saving since 1991

/** The date in China Standard Time at `instant`, whatever the machine's time zone. */
export function chinaDate(instant: Date): IsoDate {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}
