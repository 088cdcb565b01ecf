// What the measured offset means: ok up to 2 s, a warning (the terminal runs on the store's
// time) above, no visit start above the configured limit; the readiness blocker and the
// audit of a change (R26.1).
import { describe, expect, test } from 'vitest';
import type { JsonObject } from '../../../../src-shared/audit/canonical-json';
import type { ClockStatus } from '../../../../src-shared/ipc/contract';
import { CLOCK_CLEAR_MS, CLOCK_WARN_MS, clockRefusal, clockStatus, clockVerdict } from '../../../../src-main/clock/clock-policy';
import { watchStoreClock } from '../../../../src-main/clock/clock-watch';
import { createStoreClock } from '../../../../src-main/clock/store-clock';
import { createLogger, type LogRecord } from '../../../../src-main/log/logger';

const LIMIT = 300_000;

describe('clockVerdict', () => {
  test.each([
    [null, 'unknown'],
    [0, 'ok'],
    [CLOCK_WARN_MS, 'ok'],
    [-CLOCK_WARN_MS, 'ok'],
    [CLOCK_WARN_MS + 1, 'warn'],
    [-40_000, 'warn'],
    [LIMIT, 'warn'],
    [LIMIT + 1, 'refuse'],
    [-600_000, 'refuse'],
  ] as const)('%s ms → %s', (offset, verdict) => {
    expect(clockVerdict(offset, LIMIT)).toBe(verdict);
  });
});

describe('a warning holds down to CLOCK_CLEAR_MS (no flapping near 2 s)', () => {
  test.each([
    [1_800, 'warn', 'warn'],
    [-1_800, 'refuse', 'warn'],
    [CLOCK_CLEAR_MS, 'warn', 'ok'],
    [1_800, 'ok', 'ok'],
    [1_800, 'unknown', 'ok'],
  ] as const)('%s ms after %s → %s', (offset, previous, verdict) => {
    expect(clockVerdict(offset, LIMIT, previous)).toBe(verdict);
  });
});

describe('clockStatus and clockRefusal', () => {
  test('warn: the console line says by how much and that the store time is used; no blocker', () => {
    const s = clockStatus(-40_400, LIMIT);
    expect(s).toEqual({ state: 'warn', offsetMs: -40_400, message: '本机时钟与中心库相差 40 秒，已按中心库时间校正' });
    expect(clockRefusal(s)).toBeNull();
  });

  test('under ten seconds one decimal', () => {
    expect(clockStatus(2_500, LIMIT).message).toBe('本机时钟与中心库相差 2.5 秒，已按中心库时间校正');
  });

  test('refuse: a readiness blocker with the limit and what to do', () => {
    const s = clockStatus(600_000, LIMIT);
    expect(s.state).toBe('refuse');
    expect(clockRefusal(s)).toEqual({
      requirement: 'R10.1',
      code: 'clock-off',
      message: '本机时钟与中心库相差 600 秒，超过 300 秒的上限，不能开始会见；请校正本机时钟后重试',
    });
  });

  test('ok and unknown: no message', () => {
    expect(clockStatus(1_000, LIMIT)).toEqual({ state: 'ok', offsetMs: 1_000, message: null });
    expect(clockStatus(null, LIMIT)).toEqual({ state: 'unknown', offsetMs: null, message: null });
  });
});

describe('watchStoreClock', () => {
  function watched() {
    let local = Date.parse('2026-03-02T01:00:00.000Z');
    const audits: JsonObject[] = [];
    const changes: ClockStatus[] = [];
    const logged: LogRecord[] = [];
    const clock = createStoreClock(() => new Date(local));
    const watch = watchStoreClock({
      clock,
      localNow: () => new Date(local),
      limitMs: LIMIT,
      logger: createLogger((r) => logged.push(r)),
      audit: (p) => audits.push(p),
      changed: (s) => changes.push(s),
    });
    /** An exchange of 20 ms with a store `offset` ms ahead. */
    const exchange = (offset: number) => {
      local += 20;
      watch.reading({ storeTimeMs: local - 10 + offset, rttMs: 20 });
    };
    return { watch, audits, changes, exchange, clock, logged };
  }

  test('in step: the console hears ok once, nothing is audited', () => {
    const w = watched();
    w.exchange(300);
    w.exchange(310);
    expect(w.changes.map((c) => c.state)).toEqual(['ok']);
    expect(w.audits).toEqual([]);
    expect(w.watch.refusal()).toBeNull();
  });

  test('40 s off: one audit entry and one change however many rounds; the clock runs on store time', () => {
    const w = watched();
    for (let i = 0; i < 5; i += 1) w.exchange(40_000);
    expect(w.audits).toEqual([{ state: 'warn', previous: 'unknown', offsetMs: 40_000, rttMs: 20, limitMs: LIMIT }]);
    expect(w.changes.map((c) => c.state)).toEqual(['warn']);
    expect(w.clock.offsetMs()).toBe(40_000);
    expect(w.logged.map((r) => [r.level, r.msg])).toEqual([['warn', '本机时钟与中心库相差 40 秒，已按中心库时间校正']]);
  });

  test('around 2 s: one warning, not one per round', () => {
    const w = watched();
    for (const offset of [2_100, 1_900, 2_050, 1_700, 2_200]) w.exchange(offset);
    expect(w.audits.map((a) => a['state'])).toEqual(['warn']);
  });

  test('10 minutes off: refused with a blocker; set right: back to ok, audited', () => {
    const w = watched();
    w.exchange(600_000);
    expect(w.watch.refusal()?.code).toBe('clock-off');
    w.exchange(0);
    expect(w.watch.refusal()).toBeNull();
    expect(w.audits.map((a) => [a['previous'], a['state']])).toEqual([
      ['unknown', 'refuse'],
      ['refuse', 'ok'],
    ]);
  });
});
