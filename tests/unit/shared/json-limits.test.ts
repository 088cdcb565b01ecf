// jsonLimitProblem walks without paths first and names the place only when something is wrong
// (issue 22.4). Both walks must agree: a value passes exactly when nothing in it breaks a limit.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLimitProblem } from '../../../src-shared/json-limits';

/** Independent reference: recursion (the values here are shallow), depth of a scalar 0. */
function breaks(value: unknown, maxDepth: number, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return false;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value !== 'object' || depth >= maxDepth) return true;
  return Object.values(value).some((v) => breaks(v, maxDepth, depth + 1));
}

const at = (value: unknown, path: (string | number)[]): unknown =>
  path.reduce<unknown>((v, key) => (v as Record<string | number, unknown>)[key], value);

describe('JSON limits', () => {
  it('passes exactly the values that break no limit, and names a place that breaks one', () => {
    const odd = fc.constantFrom(Number.POSITIVE_INFINITY, Number.NaN, undefined, () => 1);
    const value = fc.letrec((tie) => ({
      v: fc.oneof(
        { depthSize: 'small', maxDepth: 6 },
        fc.jsonValue({ maxDepth: 2 }),
        odd,
        fc.array(tie('v'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
      ),
    })).v;
    fc.assert(
      fc.property(value, fc.integer({ min: 1, max: 5 }), (v, maxDepth) => {
        const problem = jsonLimitProblem(v, { maxDepth });
        expect(problem === null).toBe(!breaks(v, maxDepth));
        if (problem !== null) expect(breaks(at(v, problem.path), maxDepth - problem.path.length)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts values against maxNodes', () => {
    expect(jsonLimitProblem([1, 2, 3], { maxDepth: 4, maxNodes: 4 })).toBeNull();
    expect(jsonLimitProblem([1, 2, 3, 4], { maxDepth: 4, maxNodes: 4 })?.message).toContain('至多 4 个值');
  });

  it('names the first too-deep place from the root', () => {
    expect(jsonLimitProblem({ a: { b: { c: {} } } }, { maxDepth: 3 })?.path).toEqual(['a', 'b', 'c']);
    expect(jsonLimitProblem({ a: [1, { x: Number.NEGATIVE_INFINITY }] }, { maxDepth: 8 })?.path).toEqual(['a', 1, 'x']);
  });
});
