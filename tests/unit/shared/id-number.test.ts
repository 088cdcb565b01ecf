import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIdNumber, mod11_2CheckChar, parseIdNumber } from '../../../src-shared/id-number';
import { withCheck } from './fixtures';

describe('GB 11643-1999 resident ID', () => {
  it('the standard example 11010519491231002X: Beijing, born 1949-12-31, female', () => {
    const r = parseIdNumber('11010519491231002x');
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'resident-id',
        normalized: '11010519491231002X',
        foreign: false,
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
        province: '北京市',
      },
    });
  });

  it.each([
    ['', 'empty'],
    ['5301021985061512', 'bad-length'],
    ['53010219850615123A', 'bad-characters'],
    ['530102850615123', 'obsolete-15-digit'],
    ['000102198506151230', 'unknown-region'],
    [withCheck('53010219850230123'), 'bad-birth-date'],
    [withCheck('53010218991231123'), 'bad-birth-date'],
  ])('%s is refused: %s', (number, problem) => {
    const r = parseIdNumber(number);
    expect(r.ok ? 'ok' : r.problem).toBe(problem);
  });

  it('a wrong check character is refused', () => {
    const good = withCheck('53010219850615123');
    const bad = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    expect(parseIdNumber(bad)).toMatchObject({ ok: false, problem: 'bad-check-character' });
  });

  it('a birth date after today is refused when today is given', () => {
    expect(parseIdNumber(withCheck('53010220270101123'), { today: '2026-11-28' })).toMatchObject({
      ok: false,
      problem: 'birth-date-in-future',
    });
  });

  it('sex from the 17th digit: odd male, even female', () => {
    expect(parseIdNumber(withCheck('53010219850615123'))).toMatchObject({
      ok: true,
      value: { sex: 'male', birthDate: '1985-06-15', province: '云南省' },
    });
    expect(parseIdNumber(withCheck('53010219850615124'))).toMatchObject({ ok: true, value: { sex: 'female' } });
  });
});

describe('Hong Kong, Macao and Taiwan residence permits, foreign permanent residents', () => {
  it.each([
    ['81000019900101001', 'hk-residence-permit'],
    ['82000019900101002', 'macao-residence-permit'],
    ['83000019900101003', 'taiwan-residence-permit'],
  ] as const)('%s… is a %s, not foreign', (first17, kind) => {
    expect(parseIdNumber(withCheck(first17))).toMatchObject({
      ok: true,
      value: { kind, foreign: false, birthDate: '1990-01-01' },
    });
  });

  it('R3.1 the 2023 foreign permanent resident ID (18 digits starting with 9) is foreign', () => {
    expect(parseIdNumber(withCheck('95384019800101001'))).toMatchObject({
      ok: true,
      value: { kind: 'foreign-permanent-resident-id', foreign: true, nationalityCode: '840', birthDate: '1980-01-01' },
    });
  });

  it('R3.1 the old 15-character foreign permanent resident ID is foreign', () => {
    expect(parseIdNumber('USA110080010100')).toMatchObject({
      ok: true,
      value: { kind: 'foreign-permanent-resident-id', foreign: true, nationalityCode: 'USA' },
    });
  });

  it('a new-form foreign number with a wrong check character is refused', () => {
    const good = withCheck('95384019800101001');
    expect(isValidIdNumber(good.slice(0, 17) + (good.endsWith('1') ? '2' : '1'))).toBe(false);
  });
});

describe('properties of the ID validator', () => {
  const birth = fc.integer({ min: 0, max: 40000 }).map((n) => {
    const d = new Date(Date.UTC(1920, 0, 1) + n * 86400000);
    return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  });
  const region = fc.constantFrom('530102', '110105', '440305', '532501', '810000', '820000', '830000');
  const seq = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, '0'));
  const body = fc.tuple(region, birth, seq).map(([r, b, s]) => r + b + s);

  it('every number built with the MOD 11-2 check character is valid, with its birth date', () => {
    fc.assert(
      fc.property(body, (b) => {
        const r = parseIdNumber(withCheck(b));
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.birthDate?.replaceAll('-', '')).toBe(b.slice(6, 14));
      }),
    );
  });

  it('any single changed character is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }), (b, pos, delta) => {
        const good = withCheck(b);
        const chars = '0123456789X';
        const current = chars.indexOf(good.charAt(pos));
        const limit = pos === 17 ? 11 : 10;
        const replacement = chars.charAt((current + delta) % limit);
        fc.pre(replacement !== good.charAt(pos));
        expect(isValidIdNumber(good.slice(0, pos) + replacement + good.slice(pos + 1))).toBe(false);
      }),
    );
  });

  it('any swap of two adjacent different digits is detected', () => {
    fc.assert(
      fc.property(body, fc.integer({ min: 0, max: 15 }), (b, pos) => {
        const good = withCheck(b);
        fc.pre(good.charAt(pos) !== good.charAt(pos + 1));
        const swapped = good.slice(0, pos) + good.charAt(pos + 1) + good.charAt(pos) + good.slice(pos + 2);
        expect(isValidIdNumber(swapped)).toBe(false);
      }),
    );
  });

  it('the check character is one of 0-9 and X', () => {
    fc.assert(
      fc.property(body, (b) => {
        expect('0123456789X').toContain(mod11_2CheckChar(b));
      }),
    );
  });
});
