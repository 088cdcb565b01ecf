// The resource files: same keys in zh-CN and en, nothing empty, the notice word for word
// from the regulation's appendix, and a translation for every value the contract can send.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import zhCN from '../../../src-renderer/i18n/locales/zh-CN.json';
import en from '../../../src-renderer/i18n/locales/en.json';
import { mergeMessages, messages } from '../../../src-renderer/i18n/messages';
import { createI18n } from '../../../src-renderer/i18n';
import { NOTICE_ITEMS } from '../../../src-renderer/screens/idle/Notice';
import { WORKFLOW_PHASES } from '../../../src-renderer/screens/idle/Workflow';
import { siteKindSchema, visitStatusSchema } from '../../../src-shared/ipc/contract';
import { ipcErrorCodeSchema } from '../../../src-shared/ipc/result';

const REGULATION = fileURLToPath(
  new URL('../../../docs/regulation/yunnan-remote-video-visitation-measures-2023.zh.txt', import.meta.url),
);

/** Every leaf of a resource tree as "a.b.c" → string. */
function leaves(tree: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof tree === 'object' && tree !== null && !Array.isArray(tree)) {
    for (const [k, v] of Object.entries(tree)) for (const [kk, vv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  } else {
    out.set(prefix, tree);
  }
  return out;
}

// The merged trees: the base files plus every area file (src-renderer/i18n/messages.ts).
const zhLeaves = leaves(messages['zh-CN']);
const enLeaves = leaves(messages.en);

/** The appendix "远程视频会见须知": title, the lead sentence and the ten lines after it. */
function appendixNotice() {
  const lines = readFileSync(REGULATION, 'utf8')
    .split('\n')
    .map((l) => l.trim());
  const title = lines.lastIndexOf('远程视频会见须知');
  const intro = lines.findIndex((l, i) => i > title && l.startsWith('罪犯和会见人'));
  return { title: lines[title], intro: lines[intro], items: lines.slice(intro + 1, intro + 11) };
}

describe('resource files', () => {
  test('area files merge into the base; a key defined twice is refused', () => {
    expect(mergeMessages({ a: { b: 'x' } }, { a: { c: 'y' } })).toEqual({ a: { b: 'x', c: 'y' } });
    expect(() => mergeMessages({ a: { b: 'x' } }, { a: { b: 'z' } })).toThrow(/a\.b/);
  });

  test('every key in zh-CN exists in en', () => {
    expect([...zhLeaves.keys()].filter((k) => !enLeaves.has(k))).toEqual([]);
  });

  test('every key in en exists in zh-CN', () => {
    expect([...enLeaves.keys()].filter((k) => !zhLeaves.has(k))).toEqual([]);
  });

  test('every value is a non-empty string', () => {
    for (const [key, value] of [...zhLeaves, ...enLeaves]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  test('interpolations match between languages', () => {
    const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zhLeaves) expect(vars(enLeaves.get(key)), key).toEqual(vars(value));
  });

  test('the zh-CN visitor-facing text says 服刑人员, not 罪犯, except where it quotes the notice', () => {
    const quoted = new Set(['notice.intro', ...NOTICE_ITEMS.map((n) => `notice.items.${n}.text`)]);
    const offending = [...zhLeaves].filter(
      ([k, v]) => !quoted.has(k) && !k.startsWith('console.') && !k.startsWith('desk.') && String(v).includes('罪犯'),
    );
    expect(offending).toEqual([]);
  });
});

describe('R12.1 / R32.1 the notice is the regulation appendix, word for word', () => {
  const appendix = appendixNotice();

  test('the regulation text has the ten items where expected', () => {
    expect(appendix.title).toBe('远程视频会见须知');
    expect(appendix.items).toHaveLength(10);
    appendix.items.forEach((line) => expect(line).toMatch(/^[一二三四五六七八九十]、不准/));
  });

  test('title and lead sentence', () => {
    expect(zhCN.notice.title).toBe(appendix.title);
    expect(zhCN.notice.intro).toBe(appendix.intro);
  });

  test.each(NOTICE_ITEMS.map((n, i) => [n, i] as const))('item %s is verbatim', (n, i) => {
    const item = zhCN.notice.items[n];
    expect(item.marker + item.text).toBe(appendix.items[i]);
  });

  test('the screen shows exactly the ten items of the resource file', () => {
    expect(Object.keys(zhCN.notice.items)).toEqual([...NOTICE_ITEMS]);
    expect(Object.keys(en.notice.items)).toEqual([...NOTICE_ITEMS]);
  });
});

describe('translations cover what the contract can send', () => {
  const i18n = createI18n();
  const has = (key: string) => ['zh-CN', 'en'].every((lng) => i18n.exists(key, { lng }));

  test('every visit status', () => {
    for (const s of visitStatusSchema.options) expect(has(`visits.status.${s}`), s).toBe(true);
  });

  test('every site kind', () => {
    for (const k of siteKindSchema.options) expect(has(`site.kind.${k}`), k).toBe(true);
  });

  test('every IPC error code', () => {
    for (const c of ipcErrorCodeSchema.options) expect(has(`startupError.codes.${c}`), c).toBe(true);
  });

  test('every workflow phase and step', () => {
    for (const phase of WORKFLOW_PHASES) {
      expect(has(`workflow.phases.${phase.key}`)).toBe(true);
      for (const step of phase.steps)
        expect(has(`workflow.steps.${step}.title`) && has(`workflow.steps.${step}.detail`), step).toBe(true);
    }
  });
});

describe('createI18n', () => {
  test('zh-CN is the default; en is available; unknown keys fall back to zh-CN', async () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('zh-CN');
    expect(i18n.t('visits.empty')).toBe('今日暂无会见安排');
    await i18n.changeLanguage('en');
    expect(i18n.t('visits.empty')).toBe('No visits are scheduled for today');
  });
});
