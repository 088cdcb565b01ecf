// Issue 19 item 1: the R16.1 / R17.1 reasons as grouped buttons on the console.
import { describe, expect, test } from 'vitest';
import { canWarn, REASON_GROUPS, reasonLabel } from '../../../src-shared/regulation/reason-groups';
import { TERMINATION_REASONS, WARNING_REASONS } from '../../../src-shared/regulation/reason-codes';

describe('reason groups (R16.1, R17.1, R22.1)', () => {
  test('R16.1 R17.1 every code appears in exactly one group, with its regulation text unchanged', () => {
    const codes = REASON_GROUPS.flatMap((g) => g.reasons.map((r) => r.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual([...Object.keys(WARNING_REASONS), ...Object.keys(TERMINATION_REASONS)].sort());
    for (const r of REASON_GROUPS.flatMap((g) => g.reasons)) {
      expect(r.text).toBe({ ...WARNING_REASONS, ...TERMINATION_REASONS }[r.code]);
      // One second to read: a few characters on the button.
      expect(r.short.length, r.code).toBeLessThanOrEqual(9);
    }
  });

  test('R16.1 reasons may warn, R17.1 reasons only terminate; "其他" may do both', () => {
    expect(canWarn({ code: 'R16.1(2)' })).toBe(true);
    expect(canWarn({ code: 'R17.1(8)' })).toBe(false);
    expect(canWarn({ code: 'other', note: '大声喧哗' })).toBe(true);
    for (const r of REASON_GROUPS.flatMap((g) => g.reasons)) expect(r.warnable).toBe(r.code.startsWith('R16.1'));
  });

  test('R22.1 the confirmation names the reason in full, or the officer\'s note for "其他"', () => {
    expect(reasonLabel({ code: 'R17.1(8)' })).toBe(`R17.1(8) ${TERMINATION_REASONS['R17.1(8)']}`);
    expect(reasonLabel({ code: 'other', note: ' 大声喧哗 ' })).toBe('其他：大声喧哗');
    expect(reasonLabel({ code: 'other', note: '' })).toBe('其他：（未填写说明）');
  });

  test('talk comes first: what officers hear most', () => {
    expect(REASON_GROUPS.map((g) => g.title)).toEqual(['谈话内容', '言行秩序', '物品与证件', '到场情况']);
  });
});
