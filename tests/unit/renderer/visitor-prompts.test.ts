// Issue #21 item 2: what is said to the room for each notice, in Mandarin, with nothing internal.
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../../src-renderer/i18n';
import { promptForNotice } from '../../../src-renderer/speech/visitor-prompts';
import type { CallNotice } from '../../../src-shared/signaling/call-schemas';

const notice = (kind: CallNotice['kind'], code: string | null = null, text = ''): CallNotice => ({
  id: kind,
  kind,
  code,
  text,
  by: '李静',
  origin: 'remote',
  at: '2026-10-01T02:00:00Z',
});

const i18n = createI18n('zh-CN');
const said = (n: CallNotice) => {
  const p = promptForNotice(n);
  return p ? i18n.t(p.key, p.values) : null;
};

describe('issue #21 item 2: spoken prompts during the visit', () => {
  test('five and one minute left, a warning and the end, each with why in plain words', () => {
    expect(said(notice('time-5'))).toBe('距会见结束还有五分钟');
    expect(said(notice('time-1'))).toContain('一分钟');
    expect(said(notice('warning', 'R16.1(2)', '使用隐语、暗语'))).toContain('隐语');
    const ended = said(notice('terminated', 'R17.1(8)', '谈论案情，涉嫌串供、通风报信'));
    expect(ended).toBe('本次会见已被工作人员终止。原因：谈话涉及案情。');
    for (const n of [notice('warning', 'other', '罪犯情绪激动（R16.1(6)）'), notice('terminated', 'R17.1(3)', 'x')]) {
      expect(said(n)).not.toMatch(/R\d+\.\d|罪犯|[A-Za-z]{2,}/);
    }
  });

  test('notices the room need not hear (an incident, a mute) say nothing', () => {
    expect(promptForNotice(notice('incident'))).toBeNull();
    expect(promptForNotice(notice('muted'))).toBeNull();
  });
});
