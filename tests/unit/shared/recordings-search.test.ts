// Issue #19 item 3 (R26.1, R16.1, R17.1): the store's recording search built from the desk's
// form, and the chapter titles of the playback page (officers by name, the reason once, no ids).
import { describe, expect, it } from 'vitest';
import { buildSearchQuery, maskIdNumber, type RecordingSearchForm } from '../../../src-shared/recordings/search-filter';
import { chapterClock, chapterKind, chapterTitle, mergeChapters } from '../../../src-shared/recordings/chapter-title';

const form = (over: Partial<RecordingSearchForm> = {}): RecordingSearchForm => ({
  from: '2026-10-01',
  to: '2026-10-31',
  siteId: '',
  roomId: '',
  inmate: '',
  visitor: '',
  outcome: '',
  hasWarnings: false,
  ...over,
});

describe('R26.1 recording search: the form becomes the store query', () => {
  it('an 18-digit ID number (X upper-cased) is searched exactly; a name as a part', () => {
    expect(buildSearchQuery(form({ visitor: ' 53010219900307123x ' }))).toEqual({
      ok: true,
      query: { from: '2026-10-01', to: '2026-10-31', visitorIdNumber: '53010219900307123X' },
    });
    expect(buildSearchQuery(form({ visitor: '张伟', hasWarnings: true, outcome: 'terminated' }))).toEqual({
      ok: true,
      query: { from: '2026-10-01', to: '2026-10-31', visitorName: '张伟', hasWarnings: true, outcome: 'terminated' },
    });
  });

  it('dates must be real, in order and at most a year apart; every problem at once, in Chinese', () => {
    const bad = buildSearchQuery(form({ from: '2026-02-30', to: '2026/10/01', visitor: '12345' }));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.field)).toEqual(['from', 'to', 'visitor']);
    expect(bad.issues[0]?.message).toContain('YYYY-MM-DD');
    const reversed = buildSearchQuery(form({ from: '2026-10-31', to: '2026-10-01' }));
    expect(reversed.ok ? '' : reversed.issues[0]?.message).toBe('结束日期不能早于开始日期');
    const long = buildSearchQuery(form({ from: '2025-01-01', to: '2026-10-01' }));
    expect(long.ok ? '' : long.issues[0]?.message).toContain('366');
  });

  it('wildcards, control characters and bad ids are refused; nothing given is nothing sent', () => {
    for (const visitor of ['张%', 'a_b', '张\u0000伟']) expect(buildSearchQuery(form({ visitor })).ok).toBe(false);
    expect(buildSearchQuery(form({ siteId: 'not-a-uuid' })).ok).toBe(false);
    expect(buildSearchQuery(form({ outcome: 'exploded' })).ok).toBe(false);
    expect(buildSearchQuery(form())).toEqual({ ok: true, query: { from: '2026-10-01', to: '2026-10-31' } });
  });

  it('a listed ID number shows the region and the last four only', () => {
    expect(maskIdNumber('530102199003071238')).toBe('530102********1238');
  });
});

describe('R16.1 / R17.1 chapter titles: the officers by name, the reason once, no raw id', () => {
  const A = '0b9f5f0e-1111-4c3a-9d2e-000000000001';
  const B = '0b9f5f0e-2222-4c3a-9d2e-000000000002';
  const names = new Map([
    [A, '王明'],
    [B, '李强'],
  ]);

  it('a warning as the console wrote it: code dropped (its text is there), both duty officers named', () => {
    const note = '管理员警告 R16.1(2) 使用隐语、暗语、非规定语种交谈或以手势（聋哑人除外）等方式交流（王明）';
    expect(chapterTitle({ note, actor: `${A}+${B}` }, names)).toBe(
      '警告：使用隐语、暗语、非规定语种交谈或以手势（聋哑人除外）等方式交流 — 王明、李强',
    );
    expect(chapterKind(note)).toBe('warning');
  });

  it('a bare code becomes its text; an unknown actor id is never shown', () => {
    const title = chapterTitle({ note: '会见已被终止 R17.1(8)', actor: `${A}+ffffffff-0000-4000-8000-000000000000` }, names);
    expect(title).toBe('终止会见：谈论案情，涉嫌串供、通风报信 — 王明');
    expect(chapterTitle({ note: `事件记录 ${B} 会见人离开座位`, actor: 'terminal' }, names)).toBe('事件：会见人离开座位');
  });

  it("the two terminals' marks of one warning are one chapter; a later repeat is its own", () => {
    const w = (atMs: number) => ({ atMs, kind: 'warning' as const, title: '警告：谈论不利于罪犯改造事项 — 王明' });
    expect(mergeChapters([w(2600), w(2000), w(60_000)]).map((c) => c.atMs)).toEqual([2000, 60_000]);
  });

  it('clock text of a chapter', () => {
    expect([chapterClock(5_400), chapterClock(727_000), chapterClock(3_723_000)]).toEqual(['0:05', '12:07', '1:02:03']);
  });
});
