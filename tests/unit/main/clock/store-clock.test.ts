// The clock estimate against the central store (NTP-style): the lowest round trip of the last
// few samples wins, long round trips are not trusted, a set clock starts the window again,
// and now() is the local clock moved by the estimate.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  CLOCK_WINDOW,
  createStoreClock,
  MAX_SAMPLE_RTT_MS,
  nextWindow,
  sampleAt,
  type ClockSample,
} from '../../../../src-main/clock/store-clock';

const at = new Date('2026-03-02T01:00:00.000Z');
const sample = (offsetMs: number, rttMs: number): ClockSample => ({ offsetMs, rttMs, at });

describe('createStoreClock', () => {
  test('no sample: the offset is unknown and now() is the local clock', () => {
    const clock = createStoreClock(() => at);
    expect(clock.offsetMs()).toBeNull();
    expect(clock.now().getTime()).toBe(at.getTime());
  });

  test('the lowest round trip of the kept samples wins; now() adds its offset', () => {
    const clock = createStoreClock(() => at);
    clock.record(sample(40_300, 400));
    clock.record(sample(40_020, 40));
    clock.record(sample(40_150, 300));
    expect(clock.offsetMs()).toBe(40_020);
    expect(clock.now().getTime()).toBe(at.getTime() + 40_020);
  });

  test('a sample with a round trip over the limit, negative or not finite is not used', () => {
    const clock = createStoreClock(() => at);
    clock.record(sample(5_000, MAX_SAMPLE_RTT_MS + 1));
    clock.record(sample(5_000, -1));
    clock.record(sample(Number.NaN, 10));
    expect(clock.offsetMs()).toBeNull();
  });

  test('a sample that cannot be the same clock (the local clock was set) starts the window again', () => {
    const clock = createStoreClock(() => at);
    clock.record(sample(40_000, 20));
    clock.record(sample(50, 300));
    expect(clock.offsetMs()).toBe(50);
  });

  test('only the last CLOCK_WINDOW samples count', () => {
    const clock = createStoreClock(() => at);
    clock.record(sample(1_000, 1));
    for (let i = 0; i < CLOCK_WINDOW; i += 1) clock.record(sample(1_100, 200));
    expect(clock.offsetMs()).toBe(1_100);
  });
});

describe('sampleAt', () => {
  test('offset = store time − middle of the round trip', () => {
    // Sent at local 1000, answered at local 1200; the store stamped 41_100: 40 s ahead.
    expect(sampleAt({ storeTimeMs: 41_100, rttMs: 200 }, new Date(1_200))).toEqual({
      offsetMs: 40_000,
      rttMs: 200,
      at: new Date(1_200),
    });
  });
});

describe('properties', () => {
  // One exchange: the request takes `up` ms, the store stamps, the answer takes `down` ms.
  const exchange = fc.record({
    up: fc.integer({ min: 0, max: 600 }),
    down: fc.integer({ min: 0, max: 600 }),
    gap: fc.integer({ min: 0, max: 60_000 }),
  });

  test('with any delays, the estimate is within half the best round trip of the true offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -86_400_000, max: 86_400_000 }),
        fc.array(exchange, { minLength: 1, maxLength: 30 }),
        (trueOffset, exchanges) => {
          let local = Date.parse('2026-03-02T01:00:00.000Z');
          const clock = createStoreClock(() => new Date(local));
          const kept: number[] = [];
          for (const { up, down, gap } of exchanges) {
            local += gap;
            const storeTimeMs = local + up + trueOffset;
            local += up + down;
            const rtt = up + down;
            clock.record(sampleAt({ storeTimeMs, rttMs: rtt }, new Date(local)));
            if (rtt <= MAX_SAMPLE_RTT_MS) kept.push(rtt);
          }
          const estimate = clock.offsetMs();
          if (kept.length === 0) return estimate === null;
          const best = Math.min(...kept.slice(-CLOCK_WINDOW));
          return (
            estimate !== null &&
            Math.abs(estimate - trueOffset) <= best / 2 + 1e-6 &&
            clock.now().getTime() === local + Math.round(estimate)
          );
        },
      ),
    );
  });

  test('an unusable sample never changes the window', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ offsetMs: fc.integer({ min: -1e6, max: 1e6 }), rttMs: fc.integer({ min: 0, max: MAX_SAMPLE_RTT_MS }) }),
          { maxLength: 10 },
        ),
        fc.integer({ min: -1e6, max: 1e6 }),
        fc.oneof(fc.integer({ min: MAX_SAMPLE_RTT_MS + 1, max: 1e7 }), fc.integer({ min: -1e6, max: -1 })),
        (earlier, offsetMs, rttMs) => {
          const window = earlier.reduce<readonly ClockSample[]>((w, s) => nextWindow(w, { ...s, at }), []);
          return nextWindow(window, sample(offsetMs, rttMs)) === window;
        },
      ),
    );
  });
});
