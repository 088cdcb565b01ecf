// R22.1: warnings and terminations carry exactly the regulation's codes, or "other" with text.
import { describe, expect, test } from 'vitest';
import { allowsSuspension, reasonText, requirementOf } from '../../../src-main/call/reasons';
import { callArgs } from '../../../src-shared/signaling/call-schemas';

describe('reason codes', () => {
  test('R16.1 a warning takes an R16.1 code; R17.1 codes are for terminations only', () => {
    expect(reasonText('R16.1(2)', undefined, false)).toEqual({ ok: true, text: expect.stringContaining('隐语') });
    expect(reasonText('R17.1(8)', undefined, false)).toMatchObject({ ok: false, refusal: { requirement: 'R22.1' } });
    expect(callArgs.warn.safeParse({ visitId: 'V', code: 'R17.1(8)' }).success).toBe(false);
    expect(callArgs.warn.safeParse({ visitId: 'V', code: 'R16.1(8)' }).success).toBe(false);
  });

  test('R17.1 a termination takes an R17.1 or R16.1 code', () => {
    expect(reasonText('R17.1(8)', undefined, true)).toEqual({ ok: true, text: expect.stringContaining('案情') });
    expect(reasonText('R16.1(5)', undefined, true)).toMatchObject({ ok: true });
    expect(callArgs.terminate.safeParse({ visitId: 'V', code: 'R17.1(11)' }).success).toBe(false);
    expect(requirementOf('R17.1(8)')).toBe('R17.1');
    expect(requirementOf('R16.1(1)')).toBe('R16.1');
  });

  test('R22.1 "other" needs a written reason', () => {
    expect(reasonText('other', '  ', true)).toMatchObject({ ok: false, refusal: { code: 'other-needs-text' } });
    expect(reasonText('other', '会见人擅自离开座位', false)).toEqual({ ok: true, text: '会见人擅自离开座位' });
  });

  test('R17.2 only R17.1(6)–(9) allow a suspension proposal', () => {
    expect(['R17.1(5)', 'R17.1(6)', 'R17.1(9)', 'R17.1(10)', 'R16.1(5)'].map(allowsSuspension)).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });

  test('R14.3 an extension needs the approval reference field; minutes are bounded', () => {
    expect(callArgs.extend.safeParse({ visitId: 'V', minutes: 10 }).success).toBe(false);
    expect(callArgs.extend.safeParse({ visitId: 'V', minutes: 0, approvalRef: 'x' }).success).toBe(false);
    expect(callArgs.extend.safeParse({ visitId: 'V', minutes: 10, approvalRef: '监狱长批字12号' }).success).toBe(true);
  });
});
