// canonicalJson writes every value with a fast writer first and falls back to the
// place-naming one for anything unusual (issue 22.4). R26.1: both sides of the audit
// chain hash these bytes, so the output must be exactly JCS-style canonical JSON, and a
// refusal must name the same place as before.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CanonicalJsonError,
  MAX_CANONICAL_DEPTH,
  canonicalJson,
  canonicalJsonAt,
} from '../../../src-shared/audit/canonical-json';

/**
 * An independent reference: JSON.stringify for scalars, and for objects the members in
 * sorted key order (written out: an object cannot hold "0" after "" in its own key order).
 */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function refusal(work: () => unknown): CanonicalJsonError {
  try {
    work();
  } catch (err) {
    if (err instanceof CanonicalJsonError) return err;
    throw err;
  }
  throw new Error('not refused');
}

const nested = (depth: number): unknown => (depth === 0 ? 1 : { a: nested(depth - 1) });

describe('canonical JSON (fast writer)', () => {
  it('R26.1 equals sorted-key JSON for any JSON value, whatever its strings hold', () => {
    const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"', '\\', '\u2028', '\ud800', '名字'));
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        text,
        fc.array(tie('json'), { maxLength: 5 }),
        fc.dictionary(text, tie('json'), { maxKeys: 6 }),
      ),
    })).json;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 1000 },
    );
  });

  it('numbers print as ECMAScript prints them (-0 as 0, large and tiny with exponents)', () => {
    expect(canonicalJson([-0, 1e21, 1e-7, 0.1 + 0.2, 2 ** 53])).toBe('[0,1e+21,1e-7,0.30000000000000004,9007199254740992]');
  });

  it('an undefined member is left out; an undefined array item is refused naming its place', () => {
    expect(canonicalJson({ b: 2, a: undefined, c: { d: undefined } })).toBe('{"b":2,"c":{}}');
    expect(refusal(() => canonicalJson({ a: [1, undefined] })).at).toBe('$.a[1]');
  });

  it('refusals name the same place whichever writer met them first', () => {
    for (const [value, at] of [
      [{ b: { c: [0, Number.NaN] } }, '$.b.c[1]'],
      [{ a: 1, z: -Infinity }, '$.z'],
      [[{ m: new Map() }], '$[0].m'],
      [{ f: () => 1 }, '$.f'],
      [{ s: Symbol('x') }, '$.s'],
    ] as const) {
      expect(refusal(() => canonicalJson(value)).at).toBe(at);
    }
  });

  it('the depth limit holds exactly: the deepest allowed nesting is written, one more is refused', () => {
    expect(canonicalJson(nested(MAX_CANONICAL_DEPTH))).toBe(reference(nested(MAX_CANONICAL_DEPTH)));
    const tooDeep = refusal(() => canonicalJson(nested(MAX_CANONICAL_DEPTH + 1)));
    expect(tooDeep.at).toBe(`$${'.a'.repeat(MAX_CANONICAL_DEPTH)}`);
  });

  it('a value written on its own at a depth: the same text, the limit and the place counted from there', () => {
    const payload = { z: [1, { y: 'x' }], a: null };
    expect(canonicalJsonAt(payload, '$.payload', 1)).toBe(canonicalJson(payload));
    expect(() => canonicalJsonAt(nested(MAX_CANONICAL_DEPTH), '$.payload', 1)).toThrow(CanonicalJsonError);
    expect(refusal(() => canonicalJsonAt({ x: [Infinity] }, '$.payload', 1)).at).toBe('$.payload.x[0]');
  });
});
