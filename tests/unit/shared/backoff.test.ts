import { describe, expect, it } from 'vitest';
import { backoffDelay, withEqualJitter } from '../../../src-shared/retry/backoff';

describe('exponential back-off', () => {
  it('doubles from initialMs by default and stops at maxMs', () => {
    const b = { initialMs: 250, maxMs: 5_000 };
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, b))).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('takes another factor', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, { initialMs: 100, maxMs: 10_000, factor: 3 }))).toEqual([
      100, 300, 900, 2_700,
    ]);
  });

  it('a negative attempt counts as the first; a huge one stays at maxMs instead of overflowing', () => {
    const b = { initialMs: 500, maxMs: 10_000 };
    expect(backoffDelay(-3, b)).toBe(500);
    expect(backoffDelay(5_000, b)).toBe(10_000);
    expect(backoffDelay(Number.POSITIVE_INFINITY, b)).toBe(10_000);
  });

  it('equal jitter keeps half the delay and randomises the other half', () => {
    expect(withEqualJitter(8_000, () => 0)).toBe(4_000);
    expect(withEqualJitter(8_000, () => 0.5)).toBe(6_000);
    expect(withEqualJitter(8_000, () => 0.999_999)).toBe(8_000);
    for (let i = 0; i < 200; i++) {
      const d = withEqualJitter(1_000);
      expect(d).toBeGreaterThanOrEqual(500);
      expect(d).toBeLessThanOrEqual(1_000);
    }
  });
});
