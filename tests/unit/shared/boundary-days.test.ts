import { describe, expect, it } from 'vitest';
import {
  decideVisit,
  isJuvenileOn,
  penaltyWindowLastDay,
  RegulationInputError,
  suspensionLastDay,
} from '../../../src-shared/regulation';
import type { InmateInput } from '../../../src-shared/regulation';
import { inmate, input, visit } from './fixtures';

function outcomeOn(date: string, over: Partial<InmateInput>) {
  return decideVisit(input({ inmate: inmate(over), visit: visit({ date }) })).outcome;
}

// Decided: the penalty day is blocked; the month(s) run from the next day to
// the corresponding day inclusive (民法典 201, 202, 1259); no corresponding
// day → the month's last day. The next day is the first allowed one.
describe('R15.1(4) penalty windows, boundary days', () => {
  it.each([
    ['warning', '2026-03-15', '2026-04-15', '2026-04-16'],
    ['warning', '2026-01-31', '2026-02-28', '2026-03-01'],
    ['demerit', '2027-12-31', '2028-01-31', '2028-02-01'],
    ['demerit', '2028-01-30', '2028-02-29', '2028-03-01'],
    ['confinement', '2026-03-10', '2026-06-10', '2026-06-11'],
    ['confinement', '2026-11-30', '2027-02-28', '2027-03-01'],
    ['confinement', '2027-11-30', '2028-02-29', '2028-03-01'],
  ] as const)('R15.1(4) %s on %s: last blocked day %s, allowed from %s', (kind, date, lastBlocked, firstAllowed) => {
    expect(penaltyWindowLastDay({ kind, date })).toBe(lastBlocked);
    const penalties = [{ kind, date }];
    expect(outcomeOn(date, { penalties })).toBe('refused');
    expect(outcomeOn(lastBlocked, { penalties })).toBe('refused');
    expect(outcomeOn(firstAllowed, { penalties })).toBe('allowed');
  });

  it('R15.1(4) the refusal names the first allowed day', () => {
    const d = decideVisit(
      input({
        inmate: inmate({ penalties: [{ kind: 'confinement', date: '2026-11-30' }] }),
        visit: visit({ date: '2027-02-28' }),
      }),
    );
    expect(d.outcome === 'refused' && d.availableFrom).toBe('2027-03-01');
    expect(d.message).toContain('2027年3月1日');
  });
});

describe('R15.1 status periods, boundary days (start and end inclusive)', () => {
  it.each([
    ['R15.1(1)', 'criminal-proceedings'],
    ['R15.1(3)', 'entry-training'],
    ['R15.1(3)', 'strict-training'],
    ['R15.1(5)', 'serious-violation-investigation'],
  ] as const)('%s %s: day before start allowed, start and end refused, day after end allowed', (_id, kind) => {
    const statusPeriods = [{ kind, start: '2026-06-10', end: '2026-06-20' }];
    expect(outcomeOn('2026-06-09', { statusPeriods })).toBe('allowed');
    expect(outcomeOn('2026-06-10', { statusPeriods })).toBe('refused');
    expect(outcomeOn('2026-06-20', { statusPeriods })).toBe('refused');
    expect(outcomeOn('2026-06-21', { statusPeriods })).toBe('allowed');
  });

  it('R15.1(2) R15.1(4) confinement: day before start allowed, start and end refused by (2), then (4) for three months from its start', () => {
    const statusPeriods = [{ kind: 'confinement' as const, start: '2026-06-10', end: '2026-06-20' }];
    const on = (date: string) => {
      const d = decideVisit(input({ inmate: inmate({ statusPeriods }), visit: visit({ date }) }));
      return { outcome: d.outcome, refusedBy: d.outcome === 'refused' ? d.refusedBy : [] };
    };
    expect(on('2026-06-09').outcome).toBe('allowed');
    expect(on('2026-06-10').refusedBy).toEqual(expect.arrayContaining(['R15.1(2)', 'R15.1(4)']));
    expect(on('2026-06-20').refusedBy).toEqual(expect.arrayContaining(['R15.1(2)', 'R15.1(4)']));
    expect(on('2026-06-21').refusedBy).toEqual(['R15.1(4)']);
    expect(on('2026-09-10').refusedBy).toEqual(['R15.1(4)']);
    expect(on('2026-09-11').outcome).toBe('allowed');
  });

  it('R15.1(6) other restriction: start and end inclusive', () => {
    const statusPeriods = [
      { kind: 'other-restriction' as const, start: '2026-06-10', end: '2026-06-20', reason: '监区封闭管理' },
    ];
    expect(outcomeOn('2026-06-09', { statusPeriods })).toBe('allowed');
    expect(outcomeOn('2026-06-10', { statusPeriods })).toBe('refused');
    expect(outcomeOn('2026-06-20', { statusPeriods })).toBe('refused');
    expect(outcomeOn('2026-06-21', { statusPeriods })).toBe('allowed');
  });
});

describe('R17.2 suspensions of 1 to 3 months', () => {
  const s = (start: string, end: string) => ({ start, end, reason: 'R17.1(7)' as const, decidedBy: '监狱长' });

  it('R17.2 start and end days are refused, the day after is allowed', () => {
    const suspensions = [s('2026-03-10', '2026-06-09')];
    expect(outcomeOn('2026-03-09', { suspensions })).toBe('allowed');
    expect(outcomeOn('2026-03-10', { suspensions })).toBe('refused');
    expect(outcomeOn('2026-06-09', { suspensions })).toBe('refused');
    expect(outcomeOn('2026-06-10', { suspensions })).toBe('allowed');
  });

  // One rule for both ends: N months from the start day end the day before the start's day
  // of the month N months on, or on that month's last day when it has no such day. Each
  // edge from both sides: the last valid day and the first invalid one.
  it.each([
    ['2026-03-10', '2026-04-08', false, 'a day short of one month'],
    ['2026-03-10', '2026-04-09', true, 'exactly one month'],
    ['2026-03-10', '2026-06-09', true, 'exactly three months'],
    ['2026-03-10', '2026-06-10', false, 'three months and a day'],
    ['2026-03-01', '2026-03-30', false, 'a day short of one month from the 1st'],
    ['2026-03-01', '2026-03-31', true, 'one month from the 1st: the month'],
    ['2026-03-01', '2026-05-31', true, 'three months from the 1st'],
    ['2026-03-01', '2026-06-01', false, 'three months and a day from the 1st'],
    ['2026-01-31', '2026-02-27', false, 'February has no 31st: a day short'],
    ['2026-01-31', '2026-02-28', true, 'February has no 31st: its last day'],
    ['2026-11-30', '2027-02-28', true, 'three months to a February without a 30th'],
    ['2026-11-30', '2027-03-01', false, 'and a day more'],
    ['2027-11-30', '2028-02-29', true, 'a leap February'],
    ['2027-11-30', '2028-03-01', false, 'a leap February and a day'],
  ] as const)('R17.2 a suspension from %s to %s is valid: %s (%s)', (start, end, valid, _why) => {
    const run = () => decideVisit(input({ inmate: inmate({ suspensions: [s(start, end)] }) }));
    if (valid) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ field: 'inmate.suspensions.0.end' }));
  });

  it.each([
    ['2026-03-10', 1, '2026-04-09'],
    ['2026-03-10', 3, '2026-06-09'],
    ['2026-03-01', 1, '2026-03-31'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-03-30', 1, '2026-04-29'],
    ['2026-12-15', 2, '2027-02-14'],
  ] as const)('R17.2 %s for %i month(s) ends on %s (the desk fills a proposal with it)', (start, months, last) => {
    expect(suspensionLastDay(start, months)).toBe(last);
  });

  it('R17.2 only R17.1 items 6 to 9 can ground a suspension', () => {
    const bad = { start: '2026-03-10', end: '2026-04-10', reason: 'R17.1(5)', decidedBy: '监狱长' };
    // @ts-expect-error: R17.1(5) is not a suspension reason
    expect(() => decideVisit(input({ inmate: inmate({ suspensions: [bad] }) }))).toThrow(RegulationInputError);
  });
});

describe('R14.2 juvenile boundary: 周岁 from the day after the 18th birthday', () => {
  it.each([
    ['2008-06-10', '2026-06-10', true],
    ['2008-06-10', '2026-06-11', false],
    ['2008-02-29', '2026-02-28', true],
    ['2008-02-29', '2026-03-01', false],
  ] as const)('R14.2 born %s, on %s juvenile: %s', (birth, date, juvenile) => {
    expect(isJuvenileOn(birth, date)).toBe(juvenile);
  });

  it('R14.2 month boundary: a visit on the 1st uses the new month', () => {
    const history = [{ id: 'v', date: '2026-05-31', outcome: 'completed' as const, category: 'family' as const }];
    expect(decideVisit(input({ visit: visit({ date: '2026-05-31', id: 'x' }), history })).outcome).toBe('refused');
    expect(decideVisit(input({ visit: visit({ date: '2026-06-01' }), history })).outcome).toBe('allowed');
  });
});
