import { describe, expect, it } from 'vitest';
import { IdCardError } from '../../../src-main/idcard/errors';
import { KNOWN_SW3_CODES, SW3, describeSw3 } from '../../../src-main/idcard/status-codes';

describe('SW3 status codes', () => {
  it.each([
    ['90', 'ok', '操作成功'],
    ['91', 'ok', '没有该项内容'],
    ['9F', 'ok', '已找到证件'],
    ['10', 'protocol', '校验和错误'],
    ['11', 'protocol', '长度错误'],
    ['21', 'protocol', '命令'],
    ['23', 'reader', '越权'],
    ['24', 'reader', '无法识别的错误'],
    ['31', 'card', '证件对读卡器的认证失败'],
    ['32', 'card', '读卡器对证件的认证失败'],
    ['33', 'card', '信息验证错误'],
    ['40', 'card', '无法识别的卡片'],
    ['41', 'card', '读取证件失败'],
    ['47', 'card', '随机数'],
    ['60', 'reader', '自检失败'],
    ['66', 'reader', '未经授权'],
    ['80', 'no-card', '未检测到证件'],
    ['81', 'card', '选取证件失败'],
  ])('maps SW3 0x%s to a %s message in Chinese', (hex, category, words) => {
    const info = describeSw3(Number.parseInt(hex, 16));
    expect(info.category).toBe(category);
    expect(info.message).toContain(words);
  });

  it('has a message for every known code and reports unknown codes in hex', () => {
    expect(KNOWN_SW3_CODES).toHaveLength(18);
    for (const code of KNOWN_SW3_CODES) expect(describeSw3(code).message).toMatch(/[\u4e00-\u9fff]/);
    expect(describeSw3(0x5e)).toEqual({ sw3: 0x5e, category: 'reader', message: '读卡器返回未知状态码 0x5E' });
  });

  it('turns "find failed" into a no-card error and other failures into reader-status errors', () => {
    expect(IdCardError.fromSw3(SW3.findFailed).code).toBe('no-card');
    const readFailed = IdCardError.fromSw3(SW3.readFailed);
    expect(readFailed).toMatchObject({ code: 'reader-status', sw3: 0x41, category: 'card' });
    expect(readFailed.message).toContain('读取证件失败');
  });
});
