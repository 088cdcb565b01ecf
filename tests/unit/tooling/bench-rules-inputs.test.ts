// bench:rules compares decisions with five years of history against a baseline "of the same
// visits" with none: both sets must come from one draw (before, each set drew its own, and
// only 279 of 100,000 visit dates matched).
import { describe, expect, test } from 'vitest';
import { decideVisit } from '../../../src-shared/regulation';
import { buildInputSets } from '../../../scripts/bench/rules-inputs';

describe('bench:rules inputs', () => {
  test('the baseline decides the same visits for the same inmates, with the history left out', () => {
    const { full, empty } = buildInputSets({ decisions: 500, inmates: 50 });
    expect(empty).toHaveLength(full.length);
    full.forEach((x, i) => {
      const base = empty[i];
      expect(base?.visit).toBe(x.visit);
      const { penalties, statusPeriods, suspensions, ...identity } = x.inmate;
      expect(base?.inmate).toEqual(identity);
      expect(base?.history).toEqual([]);
      expect(x.history).toHaveLength(60);
      expect([penalties?.length, statusPeriods?.length, suspensions?.length]).toEqual([8, 5, 2]);
    });
    // Every drawn input is valid (the suspensions' lengths included): decideVisit throws on bad input.
    for (const x of [...full, ...empty]) expect(['allowed', 'refused']).toContain(decideVisit(x).outcome);
  });

  test('one seed, one draw: two builds are equal', () => {
    expect(buildInputSets({ decisions: 100, inmates: 10 })).toEqual(buildInputSets({ decisions: 100, inmates: 10 }));
  });
});
