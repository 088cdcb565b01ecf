// How the countdown and times are written on both screens.
import { chinaClockSeconds } from '../../src-shared/calendar/china-time';

export const mmss = (ms: number): string => {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

/** China-time HH:MM:SS of an ISO instant. */
export const clockOf = (iso: string): string => chinaClockSeconds(new Date(iso));
