// Issue #21 item 3: visitors read plain sentences — no requirement id, no code, no English, 服刑人员 not 罪犯.
import { describe, expect, test } from 'vitest';
import { TERMINATION_REASONS, WARNING_REASONS } from '../../../src-shared/regulation/reason-codes';
import { VISITOR_REASONS, visitorReason, visitorText } from '../../../src-shared/regulation/visitor-wording';

const INTERNAL = /R\d+\.\d|[A-Za-z]{2,}|罪犯/;

describe('issue #21 item 3: the visitors’ wording of reasons', () => {
  test('every R16.1 and R17.1 code has a plain sentence with nothing internal in it', () => {
    const codes = [...Object.keys(WARNING_REASONS), ...Object.keys(TERMINATION_REASONS)].sort();
    expect(Object.keys(VISITOR_REASONS).sort()).toEqual(codes);
    for (const code of codes) {
      const sentence = visitorReason(code, 'ignored');
      expect(sentence, code).not.toMatch(INTERNAL);
      expect(sentence.endsWith('。'), code).toBe(true);
    }
  });

  test('a written reason or a refusal loses its requirement ids and uses 服刑人员', () => {
    expect(visitorReason('other', '罪犯情绪激动（R16.1(6)）')).toBe('服刑人员情绪激动');
    expect(visitorText('需要两名管理员登录后才能操作（R25.1）')).toBe('需要两名管理员登录后才能操作');
    expect(visitorText('依 R17.2 处理')).toBe('依处理');
    expect(visitorText('')).toBe('');
  });
});
