// Issue 18, the desk's fleet view rendered to HTML: the table's alerts as Chinese badges with
// the store's sentence, its filters, a terminal's history as small SVG charts whose lines
// follow the figures (gaps where the terminal was silent), log requests, builds and
// rollouts, the overview's alert card, and which clerks get the tabs.
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, test } from 'vitest';
import { createI18n } from '../../../../src-renderer/i18n';
import { AlertBadges } from '../../../../src-renderer/desk/fleet/AlertBadges';
import { FleetAlertCard } from '../../../../src-renderer/desk/fleet/FleetAlertCard';
import { FleetTable, offsetText, sinceText } from '../../../../src-renderer/desk/fleet/FleetTable';
import {
  alertCounts,
  deviceState,
  filterFleet,
  fleetInOrder,
  historySeries,
  isSilent,
  NO_FILTER,
  ONLINE_BINS,
  organisationsOf,
} from '../../../../src-renderer/desk/fleet/fleet-data';
import { managesUpdates, seesFleet } from '../../../../src-renderer/desk/fleet/fleet-access';
import { HistoryChart, linePath } from '../../../../src-renderer/desk/fleet/HistoryChart';
import { fromBase64, LogRequestList } from '../../../../src-renderer/desk/fleet/LogBundlePanel';
import { TerminalPanel } from '../../../../src-renderer/desk/fleet/TerminalPanel';
import { UpdatesPanel } from '../../../../src-renderer/desk/fleet/UpdatesView';
import type {
  BuildView,
  DeskStaff,
  FleetHistoryPoint,
  FleetTerminal,
  LogRequestView,
  Rollout,
} from '../../../../src-renderer/kiosk-types';
import { fleetAlerts } from '../../../../src-shared/fleet/alerts';
import { failedDevice, sampleHeartbeat } from '../../../../harness/store/fleet';

const i18n = createI18n('zh-CN');
const render = (element: ReactElement) => renderToString(createElement(I18nextProvider, { i18n }, element));
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');
const NOW = new Date('2026-10-12T02:00:00.000Z');
const minutesAgo = (n: number) => new Date(NOW.getTime() - n * 60_000).toISOString();

/** A terminal as the store lists it: the heartbeat and its alerts from the same rules the store runs. */
function terminal(
  id: string,
  org: { id: string; name: string },
  heartbeat: ReturnType<typeof sampleHeartbeat> | null,
  lastSeenMinutes: number | null = 1,
): FleetTerminal {
  const lastSeenAt = lastSeenMinutes === null ? null : minutesAgo(lastSeenMinutes);
  const alerts = fleetAlerts({
    latest: heartbeat && lastSeenAt ? { heartbeat, receivedAt: lastSeenAt } : null,
    now: NOW,
    visitingHours: true,
    targetVersion: null,
  });
  return {
    id,
    name: `${org.name} 会见室`,
    roomId: `${id}-room`,
    roomName: '会见室',
    organisationId: org.id,
    organisationName: org.name,
    revoked: false,
    lastSeenAt,
    heartbeat,
    alerts: alerts.map((a) => ({ kind: a.kind, message: a.message })),
  };
}

const PRISON = { id: 'o-prison', name: '云南省第一监狱' };
const BUREAU = { id: 'o-bureau', name: '昆明市官渡区司法局' };
const healthy = terminal('ynjy01-room1', PRISON, sampleHeartbeat(NOW));
const broken = terminal(
  'km-gd-room1',
  BUREAU,
  sampleHeartbeat(NOW, {
    disk: { freeBytes: 1_600_000_000, recordingMinutes: 38 },
    clock: { offsetMs: 42_000, rttMs: 5 },
    devices: { ...sampleHeartbeat(NOW).devices, cardReader: failedDevice(NOW) },
  }),
);
const silent = terminal('km-gd-room2', BUREAU, sampleHeartbeat(NOW), 45);
const never = terminal('km-wh-room1', { id: 'o-wh', name: '昆明市五华区司法局' }, null, null);
const ALL = [healthy, broken, silent, never];

describe('fleet data', () => {
  test('the sample terminals carry the alerts the store would give them', () => {
    expect(broken.alerts.map((a) => a.kind)).toEqual(['disk', 'clock', 'device']);
    expect(healthy.alerts).toEqual([]);
    expect(silent.alerts.map((a) => a.kind)).toEqual(['offline']);
  });

  test('filters by organisation, alert kind, offline only and text (site, room, id, version)', () => {
    const ids = (f: Partial<typeof NO_FILTER>) => filterFleet(ALL, { ...NO_FILTER, ...f }, NOW).map((t) => t.id);
    expect(ids({})).toHaveLength(4);
    expect(ids({ organisationId: BUREAU.id })).toEqual(['km-gd-room1', 'km-gd-room2']);
    expect(ids({ alert: 'clock' })).toEqual(['km-gd-room1']);
    expect(ids({ alert: 'version' })).toEqual([]);
    expect(ids({ offlineOnly: true })).toEqual(['km-gd-room2', 'km-wh-room1']);
    expect(ids({ text: '五华' })).toEqual(['km-wh-room1']);
    expect(ids({ text: 'YNJY01' })).toEqual(['ynjy01-room1']);
    expect(ids({ text: '  0.1.0 ' })).toEqual(['ynjy01-room1', 'km-gd-room1', 'km-gd-room2']);
    expect(ids({ organisationId: BUREAU.id, alert: 'offline' })).toEqual(['km-gd-room2']);
  });

  test('alerts first, then by site; organisations listed once; counts per kind', () => {
    expect(fleetInOrder(ALL).map((t) => t.id)).toEqual(['km-gd-room1', 'km-gd-room2', 'km-wh-room1', 'ynjy01-room1']);
    expect(
      organisationsOf(ALL)
        .map((o) => o.id)
        .sort(),
    ).toEqual(['o-bureau', 'o-prison', 'o-wh']);
    const counts = alertCounts(ALL);
    expect(counts).toMatchObject({ terminals: 4, withAlerts: 3 });
    expect(counts.byKind).toEqual({ offline: 2, disk: 1, clock: 1, backlog: 0, device: 1, version: 0 });
    expect(isSilent(healthy, NOW)).toBe(false);
    expect(isSilent(silent, NOW)).toBe(true);
    expect(deviceState(broken)).toEqual({ failed: ['cardReader'], unchecked: [] });
    expect(deviceState(never).unchecked).toHaveLength(5);
  });

  const point = (minutes: number, over: Partial<FleetHistoryPoint> = {}): FleetHistoryPoint => ({
    at: minutesAgo(minutes),
    freeBytes: 10 * 1024 ** 3,
    recordingMinutes: 256,
    clockOffsetMs: -1500,
    backlogEvents: 2,
    backlogBytes: 100,
    visitState: 'idle',
    failedDevices: [],
    errorCount: 0,
    version: '0.1.0',
    ...over,
  });

  test('history series: GiB and seconds rounded, the offset as a size, the online strip counts reported slots', () => {
    // Every 10 minutes for two hours, but silent from 90 to 50 minutes ago (4 slots missing), unordered.
    const points = [120, 110, 100, 40, 30, 20, 10, 0].map((m) => point(m, m === 30 ? { freeBytes: null } : {})).reverse();
    const s = historySeries(points, NOW);
    expect(s.freeGiB.map((p) => p.at)).toEqual([...s.freeGiB.map((p) => p.at)].sort((a, b) => a - b));
    expect(s.freeGiB[0]?.value).toBe(10);
    expect(s.freeGiB.filter((p) => p.value === null)).toHaveLength(1);
    expect(s.clockSeconds.every((p) => p.value === 1.5)).toBe(true);
    // 13 slots from 120 minutes ago to now, one bar each; 8 of them reported.
    expect(s.online).toHaveLength(13);
    expect(s.online.filter((p) => p.value === 1)).toHaveLength(8);
    expect(s.online.filter((p) => p.value === 0)).toHaveLength(5);
    // 30 days are binned to at most ONLINE_BINS bars.
    const month = historySeries([point(30 * 24 * 60), point(0)], NOW);
    expect(month.online.length).toBeLessThanOrEqual(ONLINE_BINS);
    expect(historySeries([], NOW).online).toEqual([]);
  });
});

describe('FleetTable', () => {
  const html = render(createElement(FleetTable, { terminals: fleetInOrder(ALL), now: NOW, onOpen: () => undefined }));
  const t = text(html);

  test('alerts as readable Chinese badges with the store’s sentence as their title', () => {
    for (const s of ['磁盘将满', '时钟偏差', '设备故障', '离线', '身份证读卡器', '38 分钟', '+42.0 秒', '45 分钟前', '从未上报'])
      expect(t, s).toContain(s);
    expect(html).toContain('title="终端时钟与中心库相差 42.0 秒（终端偏慢）"');
    expect(html.match(/data-testid="fleet-row"/g)).toHaveLength(4);
    expect(html.match(/data-kind="disk"/g)).toHaveLength(1);
    expect(html).toContain('data-device="cardReader"');
  });

  test('no script, inline style or javascript: URL (CSP)', () => {
    expect(html).not.toMatch(/<script|\sstyle="|javascript:/);
  });

  test('empty, and the small formatters', () => {
    expect(text(render(createElement(FleetTable, { terminals: [], now: NOW, onOpen: () => undefined })))).toContain(
      '没有符合条件的终端',
    );
    expect(offsetText(-2500)).toBe('-2.5 秒');
    expect(offsetText(null)).toBe('—');
    const tr = i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string;
    expect(sinceText(tr, minutesAgo(90), NOW)).toBe('1 小时前');
    expect(sinceText(tr, minutesAgo(3 * 24 * 60), NOW)).toBe('3 天前');
  });

  test('English too', () => {
    const en = createI18n('en');
    const out = renderToString(
      createElement(I18nextProvider, { i18n: en }, createElement(AlertBadges, { alerts: broken.alerts })),
    );
    expect(text(out)).toContain('Disk nearly full');
  });
});

describe('HistoryChart and TerminalPanel', () => {
  test('the line breaks where the terminal said nothing, and rises with the values', () => {
    const x = (at: number) => at;
    const y = (v: number) => 100 - v;
    expect(
      linePath(
        [
          { at: 0, value: 1 },
          { at: 10, value: 2 },
          { at: 20, value: null },
          { at: 30, value: 4 },
        ],
        x,
        y,
      ),
    ).toBe('M0.0,99.0L10.0,98.0M30.0,96.0');
    const html = render(
      createElement(HistoryChart, {
        title: '时钟偏差',
        unit: '秒',
        testId: 'chart-clock',
        limit: 2,
        points: [
          { at: 0, value: 0.5 },
          { at: 600_000, value: 42 },
        ],
      }),
    );
    expect(html).toContain('data-points="2"');
    expect(html).toContain('class="fleet-chart__limit"');
    expect(text(html)).toContain('42 秒');
    const [first, last] = [...html.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[2]));
    expect(last).toBeLessThan(first ?? 0);
  });

  test('the terminal page: the facts, alerts in full, every device, four charts', () => {
    const points = [60, 50, 40, 30, 20, 10, 0].map((m) => ({
      at: minutesAgo(m),
      freeBytes: (3 - m / 30) * 1024 ** 3,
      recordingMinutes: 38,
      clockOffsetMs: 42_000 - m * 100,
      backlogEvents: 3,
      backlogBytes: 10,
      visitState: 'idle' as const,
      failedDevices: ['cardReader'],
      errorCount: 1,
      version: '0.1.0',
    }));
    const html = render(createElement(TerminalPanel, { terminal: broken, series: historySeries(points, NOW), now: NOW }));
    const t = text(html);
    for (const s of ['不足两次会见', '终端偏慢', '读卡器未连接', '录像磁盘可用空间', '待同步事件', '与中心库的连接中断'])
      expect(t, s).toContain(s);
    for (const id of ['chart-disk', 'chart-clock', 'chart-backlog', 'chart-online'])
      expect(html).toMatch(new RegExp(`data-testid="${id}" data-points="[1-9]`));
    expect(html).toContain('data-device="cardReader" data-ok="no"');
    expect(html).not.toMatch(/<script|\sstyle="|javascript:/);
    // Before the history arrives: a note, no chart.
    expect(render(createElement(TerminalPanel, { terminal: broken, series: null, now: NOW }))).not.toContain('chart-disk');
  });
});

describe('log requests, builds and rollouts, the overview card, the tabs', () => {
  const request = (status: LogRequestView['status'], over: Partial<LogRequestView> = {}): LogRequestView => ({
    id: `r-${status}`,
    terminalId: 'km-gd-room1',
    requestedBy: 's1',
    requestedAt: minutesAgo(30),
    status,
    size: status === 'received' ? 20_480 : null,
    sha256: null,
    receivedAt: null,
    reason: null,
    ...over,
  });

  test('each request’s status; a download only for a received bundle', () => {
    const html = render(
      createElement(LogRequestList, {
        requests: [request('received'), request('requested'), request('uploading', { reason: '校验值不符' })],
        onDownload: () => undefined,
      }),
    );
    const t = text(html);
    for (const s of ['已收到', '20 KiB', '已请求，等待终端上传', '正在上传', '校验值不符']) expect(t, s).toContain(s);
    expect(html.match(/data-testid="log-download"/g)).toHaveLength(1);
    expect(text(render(createElement(LogRequestList, { requests: [], onDownload: () => undefined })))).toContain('尚未请求');
    expect([...fromBase64(Buffer.from([0, 1, 254, 255]).toString('base64'))]).toEqual([0, 1, 254, 255]);
  });

  const build = (version: string, complete: boolean): BuildView => ({
    id: `b-${version}`,
    version,
    channel: 'stable',
    target: 'linux-x64',
    releaseNotes: complete ? '修复读卡器' : null,
    files: [{ name: `t-${version}.AppImage`, sha512: 'x', size: 2048, uploaded: complete }],
    complete,
    uploadedBy: 's1',
    createdAt: minutesAgo(60),
  });
  const rollout: Rollout = {
    id: 'r1',
    buildId: 'b-1.1.0',
    version: '1.1.0',
    target: { kind: 'terminals', terminalIds: ['ynjy01-room1', 'gone-1'] },
    startedBy: 's1',
    startedAt: minutesAgo(5),
  };

  test('builds with their files and state; only complete ones can be rolled out; rollouts name their terminals', () => {
    const html = render(
      createElement(UpdatesPanel, {
        builds: [build('1.1.0', true), build('1.2.0', false)],
        rollouts: [rollout, { ...rollout, id: 'r2', target: { kind: 'percentage', percent: 20 } }],
        terminals: ALL,
        busy: false,
        onRollout: () => undefined,
      }),
    );
    const t = text(html);
    for (const s of [
      '可推送',
      '文件未齐',
      '未上传',
      '修复读卡器',
      '云南省第一监狱 · 会见室、gone-1',
      '20% 的终端',
      '指定终端',
      '按比例',
    ])
      expect(t, s).toContain(s);
    const options = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options).toEqual(['', 'b-1.1.0']);
    expect(html.match(/data-testid="rollout-terminal"/g)).toHaveLength(4);
    expect(html).toMatch(/data-testid="rollout-submit"[^>]*disabled/);
  });

  test('the overview card: how many terminals need attention, by kind', () => {
    const t = text(render(createElement(FleetAlertCard, { summary: alertCounts(ALL), onOpen: () => undefined })));
    expect(t).toContain('4 台终端中有 3 台需要处理');
    expect(t).toContain('离线 2');
    expect(t).not.toContain('版本落后');
    expect(text(render(createElement(FleetAlertCard, { summary: alertCounts([healthy]), onOpen: () => undefined })))).toContain(
      '1 台终端均正常',
    );
  });

  test('tabs: the fleet for administrators and supervisors, rollouts for the province’s administrators', () => {
    const staff = (kind: DeskStaff['organisation']['kind'], roles: DeskStaff['roles']): DeskStaff => ({
      staffId: 's',
      username: 'u',
      displayName: 'u',
      roles,
      loggedInAt: NOW.toISOString(),
      organisation: { id: 'o', kind, name: 'x', parentId: null },
    });
    expect(seesFleet(staff('bureau', ['administrator']))).toBe(true);
    expect(seesFleet(staff('province', ['supervisor']))).toBe(true);
    expect(seesFleet(staff('bureau', ['reviewer']))).toBe(false);
    expect(managesUpdates(staff('province', ['administrator']))).toBe(true);
    expect(managesUpdates(staff('province', ['supervisor']))).toBe(false);
    expect(managesUpdates(staff('prison', ['administrator']))).toBe(false);
  });
});
