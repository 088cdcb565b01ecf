// Visit times are China Standard Time wall-clock (date + HH:MM); the terminal's clock is a Date.
const CHINA_OFFSET = '+08:00';

export const visitStart = (date: string, startTime: string): Date => new Date(`${date}T${startTime}:00${CHINA_OFFSET}`);

/** R10.1: check-in opens this many minutes before the start. */
export const checkinOpens = (start: Date, minutesBefore: number): Date => new Date(start.getTime() - minutesBefore * 60_000);

/** "09:30" in China time, for messages. */
export const chinaClock = (instant: Date): string => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

export const documentTail = (documentNumber: string): string => documentNumber.slice(-4);
