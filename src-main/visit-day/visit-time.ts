// Visit times are China Standard Time wall-clock (date + HH:MM); the terminal's clock is a Date.
import { chinaInstant } from '../../src-shared/calendar/china-time';

export const visitStart = (date: string, startTime: string): Date => chinaInstant(date, startTime);

/** R10.1: check-in opens this many minutes before the start. */
export const checkinOpens = (start: Date, minutesBefore: number): Date => new Date(start.getTime() - minutesBefore * 60_000);

export const documentTail = (documentNumber: string): string => documentNumber.slice(-4);
