import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CalendarArgumentError,
  CalendarYearNotCoveredError,
  createWorkingDayCalendar,
  fromDayNumber,
  isReviewStepOverdue,
  reviewStepDueDate,
  toDayNumber,
  weekday,
} from '../../../src-shared/calendar';
import type { CalendarOverrides } from '../../../src-shared/calendar';

const cal = createWorkingDayCalendar();

// chinese-days 1.5.7 holds 2004–2026; 2027 is not in it. This schedule for
// 2027 is a TEST FIXTURE standing in for the State Council's notice, not
// the real one: the central store supplies the real one as an override.
const FIXTURE_2027: CalendarOverrides = {
  years: [
    {
      year: 2027,
      holidays: [
        '2027-01-01',
        '2027-02-06',
        '2027-02-07',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
        '2027-02-13',
        '2027-02-14',
      ],
      workdays: ['2027-02-20'],
      source: 'test fixture, not an official schedule',
    },
  ],
};

describe('R14.1 working days from chinese-days 1.5.7', () => {
  it('covers 2004 to 2026 and not 2027', () => {
    expect(cal.coveredYears[0]).toBe(2004);
    expect(cal.coveredYears.at(-1)).toBe(2026);
  });

  it.each([
    ['2026-09-30', true, 'Wednesday before National Day'],
    ['2026-10-01', false, 'National Day'],
    ['2026-10-07', false, 'last day of the National Day holiday'],
    ['2026-10-08', true, 'first working day after National Day'],
    ['2026-09-20', true, 'Sunday, adjusted working day for National Day'],
    ['2026-10-10', true, 'Saturday, adjusted working day for National Day'],
    ['2026-10-11', false, 'ordinary Sunday'],
    ['2026-09-25', false, 'Mid-Autumn (Friday)'],
    ['2026-02-14', true, 'Saturday, adjusted working day for Spring Festival 2026'],
    ['2026-02-16', false, 'Spring Festival 2026'],
    ['2026-02-23', false, 'last day of Spring Festival 2026 (Monday)'],
    ['2026-02-24', true, 'first working day after Spring Festival 2026'],
    ['2026-02-28', true, 'Saturday, adjusted working day for Spring Festival 2026'],
    ['2026-01-04', true, 'Sunday, adjusted working day for New Year 2026'],
  ])('R14.1 %s accepts applications: %s (%s)', (date, working) => {
    expect(cal.acceptsApplications(date)).toBe(working);
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('R14.1 add working days across National Day 2026 and its adjusted Saturday', () => {
    expect(cal.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(cal.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
    expect(cal.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(cal.countWorkingDays('2026-09-30', '2026-10-13')).toBe(5);
    expect(cal.countWorkingDays('2026-10-13', '2026-09-30')).toBe(-5);
  });

  it('R14.1 add working days across Spring Festival 2026', () => {
    expect(cal.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
  });
});

describe('R14.1 a year the data does not cover is an explicit error', () => {
  it('R14.1 Spring Festival 2027 without an override throws CalendarYearNotCoveredError', () => {
    expect(() => cal.isWorkingDay('2027-02-08')).toThrow(CalendarYearNotCoveredError);
    expect(() => cal.addWorkingDays('2026-12-30', 3)).toThrow(
      expect.objectContaining({ code: 'calendar-year-not-covered', year: 2027 }),
    );
  });

  it('R14.1 a single-day override does not make 2027 covered', () => {
    const c = createWorkingDayCalendar({ days: [{ date: '2027-02-08', working: false, note: '春节' }] });
    expect(() => c.isWorkingDay('2027-02-08')).toThrow(CalendarYearNotCoveredError);
  });

  it('R14.1 an override year supplies Spring Festival 2027', () => {
    const c = createWorkingDayCalendar(FIXTURE_2027);
    expect(c.coveredYears.at(-1)).toBe(2027);
    expect(c.isWorkingDay('2027-02-08')).toBe(false);
    expect(c.acceptsApplications('2027-02-20')).toBe(true);
    expect(c.describeDay('2027-02-20').source).toBe('year-override');
    expect(c.addWorkingDays('2027-02-04', 2)).toBe('2027-02-15');
    expect(c.addWorkingDays('2026-12-30', 3)).toBe('2027-01-05');
    expect(() => c.isWorkingDay('2028-01-03')).toThrow(CalendarYearNotCoveredError);
  });

  it('R14.1 overrides win over the package', () => {
    const c = createWorkingDayCalendar({
      days: [
        { date: '2026-10-12', working: false, note: '省政府临时调整' },
        { date: '2026-10-01', working: true, note: '测试' },
      ],
    });
    expect(c.isWorkingDay('2026-10-12')).toBe(false);
    expect(c.describeDay('2026-10-01')).toMatchObject({ working: true, source: 'day-override' });
    const y = createWorkingDayCalendar({ years: [{ year: 2026, holidays: [], workdays: [], source: 'x' }] });
    expect(y.isWorkingDay('2026-10-01')).toBe(true); // the year override replaces the package's 2026
  });

  it('bad dates and counts are typed errors naming the argument', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(expect.objectContaining({ field: 'date' }));
    expect(() => cal.addWorkingDays('2026-10-01', -1)).toThrow(CalendarArgumentError);
    expect(() =>
      createWorkingDayCalendar({ years: [{ year: 2027, holidays: ['2026-12-31'], workdays: [], source: 'x' }] }),
    ).toThrow(expect.objectContaining({ field: 'overrides.years.0.holidays.0' }));
  });
});

describe('R8.2–R9.3 due dates of each review step', () => {
  it.each([
    ['office-first-review', '2026-09-30', '2026-10-09'],
    ['bureau-review', '2026-09-18', '2026-09-21'],
    ['prison-decision', '2026-09-30', '2026-10-13'],
    ['bureau-notifies-relative', '2026-10-03', '2026-10-10'],
    ['prison-decision-inmate-application', '2026-02-12', '2026-02-26'],
    ['bureau-notifies-and-replies', '2026-02-13', '2026-02-24'],
    ['prison-notifies-inmate', '2026-06-12', '2026-06-16'],
    ['prison-reports-change', '2026-06-13', '2026-06-17'],
  ] as const)('R8.2–R9.3 %s received %s is due %s', (step, received, due) => {
    expect(reviewStepDueDate(cal, step, received)).toBe(due);
    expect(isReviewStepOverdue(cal, step, received, due)).toBe(false);
  });

  it('R8.3 overdue from the day after the due date', () => {
    expect(isReviewStepOverdue(cal, 'prison-decision', '2026-09-30', '2026-10-14')).toBe(true);
  });
});

describe('properties', () => {
  const first = toDayNumber('2004-01-01');
  const last = toDayNumber('2026-09-30');
  const dates = fc.integer({ min: first, max: last }).map(fromDayNumber);

  it('R14.1 add N working days, then count the working days back gives N', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), (d, n) => {
        const end = cal.addWorkingDays(d, n);
        expect(cal.countWorkingDays(d, end)).toBe(n);
        if (n > 0) expect(cal.isWorkingDay(end)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('day numbers round-trip and weekdays step by one', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30000, max: 300000 }), (n) => {
        expect(toDayNumber(fromDayNumber(n))).toBe(n);
        expect((weekday(fromDayNumber(n)) + 1) % 7).toBe(weekday(fromDayNumber(n + 1)));
      }),
    );
  });
});
