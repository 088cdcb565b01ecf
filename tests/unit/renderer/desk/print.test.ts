// Forms 1 and 2 and the notice as printed (R8.1, R9.1, R12.1): the
// official titles and columns, six rows, the arrangement filled in, the ten 不准.
import { readFileSync } from 'node:fs';
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../../../src-renderer/i18n';
import zhCN from '../../../../src-renderer/i18n/locales/zh-CN.json';
import { PrintDocument, type PrintJob } from '../../../../src-renderer/desk/print/PrintDocument';
import {
  dateFields,
  paddedRows,
  withoutSuffix,
  type Form1Data,
  type Form2Data,
  type PrintPerson,
} from '../../../../src-renderer/desk/print/print-data';

const render = (element: ReactElement) => renderToString(createElement(I18nextProvider, { i18n: createI18n('zh-CN') }, element));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

const person = (name: string, relationship: string, idNumber: string): PrintPerson => ({
  name,
  relationship,
  idNumber,
  address: '昆明市五华区华山南路1号',
  phone: '13800000000',
});
const arrangement = {
  date: '2026-05-06',
  halfDay: 'afternoon' as const,
  place: '云南省第一监狱',
  visitsPerMonth: 1,
  minutesPerVisit: 30,
  opinion: '同意安排会见',
  decidedOn: '2026-04-28',
};

const form2: Form2Data = {
  prisonName: '云南省第一监狱',
  wardName: '三监区',
  inmateName: '张三丰',
  inmateAddress: '昆明市盘龙区',
  bureauName: '五华区司法局',
  appliedOn: '2026-04-20',
  persons: [person('李四', '母亲', '530102199001010028'), person('王五', '配偶', '530102199201010015')],
  arrangement: { ...arrangement, place: '五华区司法局' },
};
const form1: Form1Data = {
  inmateName: '张三丰',
  inmateAddress: '昆明市盘龙区',
  prisonName: '云南省第一监狱',
  wardName: '三监区',
  prefecture: '昆明',
  county: '五华',
  appliedOn: '2026-04-20',
  persons: [person('李四', '母亲', '530102199001010028')],
  arrangement,
};

describe('Form 2 (relatives apply, R8.1)', () => {
  const html = render(
    createElement(PrintDocument, { job: { form: 'form-2', data: form2, withNotice: false } satisfies PrintJob }),
  );
  const t = text(html);
  test('carries the official title, subtitle and columns', () => {
    expect(t).toContain('远程视频会见申请表二');
    expect(t).toContain('（本表适用于亲属、监护人和其他按规定允许会见的人员申请）');
    for (const h of [
      '申请事由',
      '序号',
      '申请人',
      '与罪犯关系',
      '身份证号',
      '家庭住址',
      '联系电话',
      '县（市、区）司法局批准远程视频会见安排',
      '所在监狱',
      '县（市、区）司法局意见：',
    ])
      expect(t).toContain(h);
  });
  test('fills the reason without doubling 监狱/监区, and lists the applicants in six rows', () => {
    expect(t).toContain('为方便会见帮教，特申请与在云南省第一监狱三监区服刑的张三丰进行远程视频会见，请予批准。');
    expect(html.match(/data-testid="print-person"/g)).toHaveLength(2);
    expect(html.match(/data-testid="print-person-empty"/g)).toHaveLength(4);
    for (const s of ['李四', '母亲', '530102199001010028', '王五', '配偶', '13800000000', '李四、王五', '2026年4月20日'])
      expect(t).toContain(s);
  });
  test("prints the bureau's arrangement: date and half day, room, visits per month, minutes", () => {
    for (const s of ['5月6日下午', '五华区司法局视频会见室', '1次', '30分钟', '同意安排会见', '2026年4月28日'])
      expect(t).toContain(s);
  });
  test('no notice unless asked for; no inline style attribute (CSP style-src self)', () => {
    expect(html).not.toContain('print-notice');
    expect(html).not.toMatch(/\sstyle="/);
  });
});

describe('Form 1 (inmate applies, R9.1)', () => {
  const html = render(createElement(PrintDocument, { job: { form: 'form-1', data: form1, withNotice: true } }));
  const t = text(html);
  test("carries the official title and the prison's arrangement", () => {
    for (const s of [
      '远程视频会见申请表一',
      '（本表适用于罪犯申请）',
      '与亲属、监护人关系',
      '监狱批准远程视频会见安排',
      '所在监区',
      '三监区',
      '监狱意见：',
    ])
      expect(t).toContain(s);
    expect(t).toContain('为方便帮教，特申请与在昆明州（市）五华县（市、区）的李四进行远程视频会见，接受远程帮教，请予批准。');
    expect(t).toContain('云南省第一监狱远程视频会见室');
    expect(t).toContain('5月6日下午');
  });
  test('adds the notice with all ten 不准, the same words as the idle screen (R12.1)', () => {
    expect(t).toContain('远程视频会见须知');
    for (const item of Object.values(zhCN.notice.items)) expect(t).toContain(item.marker + item.text);
  });
  test('before approval the arrangement is printed blank', () => {
    const blank = text(
      render(createElement(PrintDocument, { job: { form: 'form-1', data: { ...form1, arrangement: null }, withNotice: false } })),
    );
    expect(blank).toContain('月　　日上（下）午');
    expect(blank).not.toContain('下午');
  });
});

describe('print data', () => {
  test('six rows at most, as on the paper form', () => {
    expect(paddedRows([])).toHaveLength(6);
    expect(() => paddedRows(Array.from({ length: 7 }, (_, i) => person(`人${i}`, '母亲', 'x')))).toThrow(/最多 6 名/);
  });
  test('dates without leading zeros; a bad date prints blank', () => {
    expect(dateFields('2026-05-06')).toEqual({ year: '2026', month: '5', day: '6' });
    expect(dateFields('2026-02-30')).toEqual({ year: '', month: '', day: '' });
    expect(dateFields(null)).toEqual({ year: '', month: '', day: '' });
  });
  test('withoutSuffix keeps a name that is only the suffix', () => {
    expect(withoutSuffix('云南省第一监狱', '监狱')).toBe('云南省第一');
    expect(withoutSuffix('监狱', '监狱')).toBe('监狱');
  });
  test('the print stylesheet sets A4 pages and Noto CJK fonts', () => {
    const css = readFileSync('src-renderer/styles/desk-print.css', 'utf8');
    expect(css).toMatch(/@page\s*{[^}]*size:\s*A4/);
    expect(css).toContain('Noto Sans CJK SC');
    expect(css).toMatch(/@media print/);
  });
});

describe('R23.1 the visit’s language on the printed forms', () => {
  test('Form 2 in 彝语 says an interpreter must be present', () => {
    const t = text(
      render(
        createElement(PrintDocument, {
          job: { form: 'form-2', data: { ...form2, languages: '彝语', interpreterRequired: true }, withNotice: false },
        }),
      ),
    );
    expect(t).toContain('会见使用的语言：彝语（须有翻译人员在场，R23.1）');
  });
  test('Form 1 without a language recorded prints Mandarin and no interpreter', () => {
    const t = text(render(createElement(PrintDocument, { job: { form: 'form-1', data: form1, withNotice: false } })));
    expect(t).toContain('会见使用的语言：普通话');
    expect(t).not.toContain('翻译人员');
  });
});
