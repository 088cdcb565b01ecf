// Issue #21 item 4: the Chinese date and time fields' arithmetic and typing.
import { describe, expect, test } from 'vitest';
import { normaliseTypedDate, shiftMonth } from '../../../src-renderer/controls/DateInput';
import { isClockTime, normaliseTypedTime } from '../../../src-renderer/controls/TimeInput';
import { formatZhDate, formatZhWeekday } from '../../../src-shared/calendar/iso-date';

describe('issue #21 item 4: dates and times in Chinese conventions', () => {
  test('a date reads 2026年10月1日 星期四', () => {
    expect(`${formatZhDate('2026-10-01')} ${formatZhWeekday('2026-10-01')}`).toBe('2026年10月1日 星期四');
    expect(formatZhWeekday('2026-10-04')).toBe('星期日');
  });

  test('eight digits typed on a number pad become a date; other input stays as typed', () => {
    expect(normaliseTypedDate('20261001')).toBe('2026-10-01');
    expect(normaliseTypedDate('2026-10-01')).toBe('2026-10-01');
    expect(normaliseTypedDate('10/01/2026')).toBe('10/01/2026');
    expect(normaliseTypedTime('0930')).toBe('09:30');
    expect(isClockTime('09:30')).toBe(true);
    expect(isClockTime('24:00')).toBe(false);
  });

  test('a month away keeps the day, clamped to the month’s end, across years', () => {
    expect(shiftMonth('2026-01-31', 1)).toBe('2026-02-28');
    expect(shiftMonth('2028-01-31', 1)).toBe('2028-02-29');
    expect(shiftMonth('2026-12-15', 1)).toBe('2027-01-15');
    expect(shiftMonth('2026-01-15', -1)).toBe('2025-12-15');
    expect(shiftMonth('bad', 1)).toBe('bad');
  });
});
