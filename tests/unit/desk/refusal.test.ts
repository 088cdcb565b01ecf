// How the central store's error answers become the desk's refusals: the
// requirement id kept (R14.1 as an issue path, R14.3 named in the message),
// field paths without their 'body.' prefix, and a zh-CN sentence for answers
// without a body.
import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../src-main/desk';

describe("desk refusals from the store's answers", () => {
  it('R14.1 a 409 whose issue path is a requirement id keeps it as the requirement, not as a field', () => {
    const r = refusalOf(409, {
      error: {
        code: 'CONFLICT',
        message: '会见申请只在工作日受理',
        issues: [{ path: 'R14.1', message: '2026-10-17 不是工作日' }],
      },
    });
    expect(r).toEqual({ requirement: 'R14.1', code: 'CONFLICT', message: '会见申请只在工作日受理' });
  });

  it('R15.1(4) sub-items are requirement ids too; fields lose their body./query. prefix', () => {
    const r = refusalOf(409, {
      error: {
        code: 'CONFLICT',
        message: '不予安排',
        issues: [
          { path: 'R15.1(4)', message: 'x' },
          { path: 'body.roomId', message: '会见室已被占用' },
        ],
      },
    });
    expect(r).toEqual({
      requirement: 'R15.1(4)',
      code: 'CONFLICT',
      message: '不予安排',
      issues: [{ path: 'roomId', message: '会见室已被占用' }],
    });
  });

  it('R14.3 a refusal whose message names the requirement keeps it', () => {
    expect(
      refusalOf(403, { error: { code: 'FORBIDDEN', message: '只有罪犯所在监狱的监狱长可以批准例外（R14.3）', issues: [] } })
        .requirement,
    ).toBe('R14.3');
  });

  it('an answer without the error body still gets a zh-CN sentence by status', () => {
    expect(refusalOf(404, null)).toEqual({ requirement: null, code: 'NOT_FOUND', message: '记录不存在，或不在本单位的范围内' });
    expect(refusalOf(502, '<html>bad gateway</html>')).toEqual({
      requirement: null,
      code: 'STORE_ERROR',
      message: '中心库处理出错（HTTP 502），未办理，请稍后再试',
    });
  });
});
