// Small pure helpers of the renderer: dates, the waiting-room name mask, the route.
import { describe, expect, test } from 'vitest';
import { endTime, localDate, localDateTime } from '../../../src-renderer/app/dates';
import { maskName } from '../../../src-renderer/app/privacy';
import { routeOf } from '../../../src-renderer/app/use-route';

describe('dates', () => {
  test('localDate is the local calendar date, zero-padded', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDate(new Date(2026, 11, 31, 0, 0))).toBe('2026-12-31');
  });

  test('endTime adds the minutes (R14.2: a 30-minute visit)', () => {
    expect(endTime('09:00', 30)).toBe('09:30');
    expect(endTime('9:45', 30)).toBe('10:15');
    expect(endTime('23:50', 30)).toBe('00:20');
  });

  test('endTime gives null for a start time it cannot read', () => {
    expect(endTime('上午', 30)).toBeNull();
    expect(endTime('09:00:00', 30)).toBeNull();
  });

  test('localDateTime shows local time, and unparsable input as it is', () => {
    const d = new Date(2026, 4, 6, 8, 5, 9);
    expect(localDateTime(d.toISOString())).toBe('2026-05-06 08:05:09');
    expect(localDateTime('not a date')).toBe('not a date');
  });
});

describe('maskName', () => {
  test.each([
    ['张三', '张＊'],
    ['张三丰', '张＊＊'],
    ['欧阳娜娜', '欧＊＊＊'],
    ['  李四 ', '李＊'],
    ['王', '王'],
    ['', ''],
  ])('%j → %j', (name, masked) => expect(maskName(name)).toBe(masked));
});

describe('routeOf', () => {
  test('only #/console opens the console', () => {
    expect(routeOf('#/console')).toBe('console');
    expect(routeOf('#/console?x=1')).toBe('console');
    expect(routeOf('')).toBe('terminal');
    expect(routeOf('#/')).toBe('terminal');
    expect(routeOf('#/consoles')).toBe('terminal');
  });
});
