// The overview's charts and CSV (R29.1): inline SVG whose bars follow the
// figures, exact numbers in text; the store's overview mapped onto them.
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../../../src-renderer/i18n';
import { niceMax, scale, ticks } from '../../../../src-renderer/desk/overview/chart-scale';
import { DailyVisitsChart } from '../../../../src-renderer/desk/overview/DailyVisitsChart';
import { fromOverview } from '../../../../src-renderer/desk/overview/from-overview';
import type { Overview } from '../../../../src-shared/desk/overview';
import type { OverviewData } from '../../../../src-renderer/desk/overview/overview-data';
import { OverviewPanel } from '../../../../src-renderer/desk/overview/OverviewPanel';
import { syncAge } from '../../../../src-renderer/desk/overview/TerminalSyncList';

const i18n = createI18n('zh-CN');
const render = (element: ReactElement) => renderToString(createElement(I18nextProvider, { i18n }, element));
const text = (html: string) => html.replace(/<[^>]+>/g, '');

const data: OverviewData = {
  from: '2026-05-01',
  to: '2026-05-03',
  visitsPerDay: [
    { date: '2026-05-01', count: 2 },
    { date: '2026-05-02', count: 0 },
    { date: '2026-05-03', count: 8 },
  ],
  visitsPerSite: [{ key: 's1', label: '云南省第一监狱', count: 10 }],
  outcomes: { completed: 6, forfeited: 2, interrupted: 1, terminated: 1 },
  terminationReasons: [{ key: 'R17.1(8)', label: '谈论案情', count: 1 }],
  overdueSteps: [{ key: 'prison-decision', label: '监狱审批', count: 3 }],
  terminals: [
    { terminalId: 't1', siteName: '云南省第一监狱', roomName: '一号会见室', lastSyncAt: '2026-05-03T09:30:00.000Z', backlog: 4 },
    { terminalId: 't2', siteName: '五华区司法局', roomName: '会见室', lastSyncAt: null, backlog: 0 },
  ],
};

describe('chart scale', () => {
  test('nice tops and integer ticks', () => {
    expect([0, 1, 3, 7, 10, 11, 49, 120].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 50, 200]);
    expect(ticks(8)).toEqual([0, 3, 6, 9, 10]);
    expect(ticks(3)).toEqual([0, 2, 4, 5]);
    expect(scale(5, 10, 200)).toBe(100);
    expect(scale(-1, 10, 200)).toBe(0);
    expect(scale(1, 0, 200)).toBe(0);
  });
});

describe('DailyVisitsChart', () => {
  test('one bar per day, heights in proportion, exact figures in titles', () => {
    const html = render(createElement(DailyVisitsChart, { days: data.visitsPerDay }));
    expect(html.match(/data-testid="chart-bar"/g)).toHaveLength(3);
    const heights = [...html.matchAll(/class="chart__bar"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights[1]).toBe(0);
    expect((heights[2] ?? 0) / (heights[0] ?? 1)).toBeCloseTo(4, 5);
    expect(html).toContain('2026-05-03：8 次');
    expect(html).toContain('aria-label="3 天共 10 次会见"');
  });
  test('says so when there is nothing', () => {
    expect(text(render(createElement(DailyVisitsChart, { days: [] })))).toContain('暂无数据');
  });
});

describe('OverviewPanel', () => {
  const html = render(
    createElement(OverviewPanel, { data, now: new Date('2026-05-03T10:00:00.000Z'), onExportCsv: () => undefined }),
  );
  test('shows outcomes, reasons, overdue steps and terminals, with no script or inline style (CSP)', () => {
    const t = text(html);
    for (const s of [
      '已完成 6',
      '视为放弃 2',
      '中断待补 1',
      '终止 1',
      '谈论案情',
      '监狱审批',
      '一号会见室',
      '从未同步',
      '导出 CSV',
    ])
      expect(t).toContain(s);
    expect(html).not.toMatch(/<script|\sstyle="|javascript:/);
    expect(html).toContain('data-age="fresh"');
    expect(html).toContain('data-age="never"');
  });
  test('sync age buckets', () => {
    const now = new Date('2026-05-03T10:00:00.000Z');
    expect(syncAge(null, now)).toBe('never');
    expect(syncAge('2026-05-03T09:30:00.000Z', now)).toBe('fresh');
    expect(syncAge('2026-05-02T12:00:00.000Z', now)).toBe('day');
    expect(syncAge('2026-04-30T12:00:00.000Z', now)).toBe('stale');
  });
});

describe('fromOverview', () => {
  const counts = (total: number) => ({
    scheduled: 0,
    completed: total,
    forfeited: 0,
    interrupted: 0,
    terminated: 0,
    cancelled: 0,
    total,
  });
  const overview: Overview = {
    from: '2026-04-30',
    to: '2026-05-03',
    scope: { organisationId: 'p', name: '云南省司法厅', kind: 'province' },
    generatedAt: '2026-05-03T10:00:00.000Z',
    totals: { scheduled: 1, completed: 5, forfeited: 1, interrupted: 2, terminated: 1, cancelled: 0, total: 10 },
    perDay: [
      { date: '2026-05-01', siteId: 'a', siteName: 'A', visits: 2 },
      { date: '2026-05-01', siteId: 'b', siteName: 'B', visits: 3 },
      { date: '2026-05-03', siteId: 'a', siteName: 'A', visits: 1 },
    ],
    perSite: [
      { siteId: 'a', siteName: 'A', siteKind: 'prison', counts: counts(3) },
      { siteId: 'b', siteName: 'B', siteKind: 'bureau', counts: counts(7) },
    ],
    reasons: [
      { status: 'terminated', code: 'R17.1(8)', label: '谈论案情', count: 1 },
      { status: 'interrupted', code: 'R18.1', label: '设备故障', count: 2 },
    ],
    overdueSteps: ['x', 'y'].map((applicationId) => ({
      applicationId,
      stepKind: 'prison-decision',
      label: '监狱审批',
      requirement: 'R8.3',
      organisationId: 'a',
      organisationName: 'A',
      inmateName: '张三丰',
      receivedOn: '2026-04-20',
      dueOn: '2026-04-27',
    })),
    terminals: [
      {
        terminalId: 't1',
        name: 'T1',
        roomName: '一号会见室',
        siteId: 'a',
        siteName: 'A',
        revoked: false,
        lastEventAt: null,
        lastEventReceivedAt: '2026-05-02T01:00:00.000Z',
        eventsReceived: 3,
        lastPullAt: '2026-05-03T01:00:00.000Z',
        lastPushAt: null,
        lastUploadAt: null,
        uploadsPending: 2,
        visitsAwaitingOutcome: 1,
      },
    ],
  };
  test('sums the sites per day, fills the gaps with 0, counts steps and reasons, takes the latest contact', () => {
    const d = fromOverview(overview);
    expect(d.visitsPerDay).toEqual([
      { date: '2026-04-30', count: 0 },
      { date: '2026-05-01', count: 5 },
      { date: '2026-05-02', count: 0 },
      { date: '2026-05-03', count: 1 },
    ]);
    expect(d.visitsPerSite.map((s) => s.key)).toEqual(['b', 'a']);
    expect(d.outcomes).toEqual({ completed: 5, forfeited: 1, interrupted: 2, terminated: 1 });
    expect(d.terminationReasons[0]).toEqual({ key: 'interrupted:R18.1', label: '设备故障（R18.1）', count: 2 });
    expect(d.overdueSteps).toEqual([{ key: 'prison-decision', label: '监狱审批（R8.3）', count: 2 }]);
    expect(d.terminals[0]).toMatchObject({ lastSyncAt: '2026-05-03T01:00:00.000Z', backlog: 3 });
  });
});
