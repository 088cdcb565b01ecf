// China Standard Time is UTC+8 with no daylight saving since 1991, so a fixed
// offset gives the wall clock whatever zone the machine (terminal or store) runs in.
import type { IsoDate } from './iso-date';

const CHINA_OFFSET_MS = 8 * 3_600_000;
const CHINA_OFFSET = '+08:00';

/** `instant` moved so that its UTC fields read China's wall clock. */
const shifted = (instant: Date): string => new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString();

/** The calendar date in China at `instant`. */
export const chinaDate = (instant: Date): IsoDate => shifted(instant).slice(0, 10);

/** "09:30": China's wall clock at `instant`, to the minute. */
export const chinaClock = (instant: Date): string => shifted(instant).slice(11, 16);

/** "09:30:05": China's wall clock at `instant`, to the second. */
export const chinaClockSeconds = (instant: Date): string => shifted(instant).slice(11, 19);

/** "2026-03-01 09:30:05": date and time in China at `instant`. */
export const chinaDateTime = (instant: Date): string => `${chinaDate(instant)} ${chinaClockSeconds(instant)}`;

/** The instant of a China wall-clock time: `date` 'YYYY-MM-DD', `time` 'HH:MM'. */
export const chinaInstant = (date: IsoDate, time: string): Date => new Date(`${date}T${time}:00${CHINA_OFFSET}`);
