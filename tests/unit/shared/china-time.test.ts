import { describe, expect, it } from 'vitest';
import { chinaClock, chinaClockSeconds, chinaDate, chinaDateTime, chinaInstant } from '../../../src-shared/calendar/china-time';

describe('China Standard Time (UTC+8, no daylight saving), whatever the machine zone', () => {
  it('the date turns at 16:00 UTC', () => {
    expect(chinaDate(new Date('2026-03-14T15:59:59.999Z'))).toBe('2026-03-14');
    expect(chinaDate(new Date('2026-03-14T16:00:00.000Z'))).toBe('2026-03-15');
    expect(chinaDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
  });

  it('summer and winter have the same offset', () => {
    expect(chinaClock(new Date('2026-07-01T01:30:00Z'))).toBe('09:30');
    expect(chinaClock(new Date('2026-01-01T01:30:00Z'))).toBe('09:30');
  });

  it('clock to the minute, to the second, and with the date', () => {
    const at = new Date('2026-03-01T17:05:09.900Z');
    expect(chinaClock(at)).toBe('01:05');
    expect(chinaClockSeconds(at)).toBe('01:05:09');
    expect(chinaDateTime(at)).toBe('2026-03-02 01:05:09');
  });

  it('a China wall-clock time is the instant 8 hours earlier in UTC, and back again', () => {
    const start = chinaInstant('2026-03-02', '08:30');
    expect(start.toISOString()).toBe('2026-03-02T00:30:00.000Z');
    expect(chinaInstant('2026-03-02', '07:59').toISOString()).toBe('2026-03-01T23:59:00.000Z');
    expect(chinaDate(start)).toBe('2026-03-02');
    expect(chinaClock(start)).toBe('08:30');
  });

  it('an impossible wall-clock time is an invalid Date, not a guess', () => {
    expect(Number.isNaN(chinaInstant('2026-03-02', '25:00').getTime())).toBe(true);
  });
});
