// R13.1: nothing received is deletable before the retention period, counted
// from when the store received it; a setting below six months counts as the minimum.
import { describe, expect, it } from 'vitest';
import { MIN_RETENTION_DAYS } from '../../../../src-shared/retention/minimum';
import { mayDeleteStored } from '../../../../src-server/recordings/retention';

const DAY = 86_400_000;
const received = '2026-03-02T01:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(received) + ms);

describe('R13.1 retention of received recordings: mayDeleteStored', () => {
  it('not a millisecond before the period ends; from its last moment on, yes', () => {
    expect(mayDeleteStored(received, 365, at(365 * DAY - 1))).toBe(false);
    expect(mayDeleteStored(received, 365, at(365 * DAY))).toBe(true);
    expect(mayDeleteStored(received, 365, at(400 * DAY))).toBe(true);
  });

  it(`the minimum (${MIN_RETENTION_DAYS} days) at its boundary`, () => {
    expect(mayDeleteStored(received, MIN_RETENTION_DAYS, at((MIN_RETENTION_DAYS - 1) * DAY))).toBe(false);
    expect(mayDeleteStored(received, MIN_RETENTION_DAYS, at(MIN_RETENTION_DAYS * DAY - 1))).toBe(false);
    expect(mayDeleteStored(received, MIN_RETENTION_DAYS, at(MIN_RETENTION_DAYS * DAY))).toBe(true);
  });

  it('a shorter (or nonsense) setting never lets anything go before six months', () => {
    expect(mayDeleteStored(received, 30, at(31 * DAY))).toBe(false);
    expect(mayDeleteStored(received, 0, at(183 * DAY))).toBe(false);
    expect(mayDeleteStored(received, Number.NaN, at(183 * DAY))).toBe(false);
    expect(mayDeleteStored(received, 30, at(MIN_RETENTION_DAYS * DAY))).toBe(true);
  });

  it('the day of receipt and the day before never qualify; an unreadable time never does', () => {
    expect(mayDeleteStored(received, MIN_RETENTION_DAYS, at(0))).toBe(false);
    expect(mayDeleteStored(received, MIN_RETENTION_DAYS, at(-DAY))).toBe(false);
    expect(mayDeleteStored('not a date', MIN_RETENTION_DAYS, at(1000 * DAY))).toBe(false);
  });
});
