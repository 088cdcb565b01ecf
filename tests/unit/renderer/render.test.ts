// The screens rendered to HTML (react-dom/server, no DOM needed): what a visitor and an
// administrator actually see, in both languages.
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, test } from 'vitest';
import { ConsoleApp } from '../../../src-renderer/console/ConsoleApp';
import { ConsoleView } from '../../../src-renderer/console/ConsoleView';
import { createI18n } from '../../../src-renderer/i18n';
import type { Language, VisitSummary } from '../../../src-renderer/kiosk-types';
import { IdleScreen } from '../../../src-renderer/screens/IdleScreen';
import { ScreenSwitch } from '../../../src-renderer/screens/registry';
import { kioskStore } from '../../../src-renderer/store';
import zhCN from '../../../src-renderer/i18n/locales/zh-CN.json';

const render = (element: ReactElement, language: Language = 'zh-CN') =>
  renderToString(createElement(I18nextProvider, { i18n: createI18n(language) }, element));
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');

const visit = (over: Partial<VisitSummary>): VisitSummary => ({
  visitId: 'v1',
  date: '2026-05-06',
  startTime: '09:00',
  minutes: 30,
  inmateName: '张三丰',
  visitorCount: 2,
  status: 'scheduled',
  ...over,
});

beforeEach(() => {
  const s = kioskStore.getState();
  s.setSite({
    terminalId: 'T1',
    siteName: '云南省第一监狱',
    siteKind: 'prison',
    roomName: '一号会见室',
    appVersion: '0.1.0',
    language: 'zh-CN',
    mode: 'kiosk',
  });
  s.setTodayVisits('2026-05-06', []);
});

describe('IdleScreen (R32.1)', () => {
  test('shows the site, the room, a clock, the full notice and the workflow, with their test ids', () => {
    const html = render(createElement(IdleScreen));
    for (const id of ['idle-screen', 'site-name', 'room-name', 'clock', 'notice', 'today-visits', 'workflow']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    const t = text(html);
    expect(t).toContain('云南省第一监狱');
    expect(t).toContain('一号会见室');
    expect(t).toContain('远程视频会见须知');
    for (const item of Object.values(zhCN.notice.items)) expect(t).toContain(item.marker + item.text);
    expect(html.match(/data-testid="notice-item"/g)).toHaveLength(10);
    expect(html.match(/data-testid="workflow-step"/g)).toHaveLength(10);
    for (const step of [
      '提出申请',
      '初审',
      '审核',
      '审批',
      '通知反馈',
      '提前到达',
      '寄存物品',
      '查验证件',
      '检查设备',
      '视频会见',
    ])
      expect(t).toContain(step);
  });

  test('says "今日暂无会见安排" when there is no visit today', () => {
    expect(text(render(createElement(IdleScreen)))).toContain('今日暂无会见安排');
  });

  test("lists today's visits with time range, masked name, visitors and status", () => {
    kioskStore
      .getState()
      .setTodayVisits('2026-05-06', [
        visit({ visitId: 'b', startTime: '14:30', status: 'in-progress' }),
        visit({ visitId: 'a' }),
      ]);
    const html = render(createElement(IdleScreen));
    const t = text(html);
    expect(html.match(/data-testid="visit-row"/g)).toHaveLength(2);
    expect(t).not.toContain('今日暂无会见安排');
    expect(t).toContain('09:00–09:30');
    expect(t.indexOf('09:00–09:30')).toBeLessThan(t.indexOf('14:30–15:00'));
    expect(t).toContain('张＊＊');
    expect(t).not.toContain('张三丰');
    expect(t).toContain('会见中');
    expect(t).toContain('共 2 场');
  });

  test('renders in English when the site says so', () => {
    const t = text(render(createElement(IdleScreen), 'en'));
    expect(t).toContain('Notice for Remote Video Visits');
    expect(t).toContain('No visits are scheduled for today');
    expect(t).not.toContain('远程视频会见须知');
  });
});

describe('the screen switch', () => {
  test('starting, startup-error and idle each render their own screen', () => {
    expect(render(createElement(ScreenSwitch, { screen: { name: 'starting' } }))).toContain('data-testid="starting-screen"');
    expect(render(createElement(ScreenSwitch, { screen: { name: 'idle' } }))).toContain('data-testid="idle-screen"');
    const noKiosk = render(createElement(ScreenSwitch, { screen: { name: 'startup-error', problem: { kind: 'no-kiosk' } } }));
    expect(noKiosk).toContain('data-testid="startup-error-screen"');
    expect(text(noKiosk)).toContain('界面没有连接到会见终端程序');
    expect(noKiosk).not.toContain('data-testid="startup-error-details"');
  });

  test('a failed call explains itself in plain zh-CN and shows the details for the administrator', () => {
    const html = render(
      createElement(ScreenSwitch, {
        screen: {
          name: 'startup-error',
          problem: { kind: 'call-failed', method: 'visit.listForDay', code: 'INTERNAL', message: '磁盘已满' },
        },
      }),
    );
    const t = text(html);
    expect(t).toContain('会见终端暂时无法使用');
    expect(t).toContain('请联系远程视频会见管理员');
    expect(t).toContain('visit.listForDay');
    expect(t).toContain('终端程序内部错误或通信中断');
    expect(t).toContain('磁盘已满');
    expect(html).toContain('data-testid="startup-retry"');
  });
});

describe('ConsoleView', () => {
  test('shows site, no administrators yet, sync status and the audit trail', () => {
    const s = kioskStore.getState();
    s.setSession({ admins: [], locked: true });
    s.setSyncStatus({
      queuedEvents: 3,
      lastSuccessAt: null,
      lastError: '网络中断',
      state: 'offline',
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    });
    s.setRecentAudit([{ seq: 1, at: '2026-05-06T01:00:00Z', kind: 'terminal.started', hash: 'abcdef0123456789' }]);
    s.setStoreHealth({ schemaVersion: 2, integrity: 'recovered', movedAsideTo: '/data/terminal.db.corrupt-1' });
    const html = render(createElement(ConsoleView));
    const t = text(html);
    expect(html).toContain('data-testid="console-app"');
    expect(t).toContain('云南省第一监狱');
    expect(t).toContain('尚无管理员登录');
    expect(t).toContain('网络中断');
    // Issue 19: the kind in Chinese, the raw code only in the cell's tooltip.
    expect(t).toContain('终端启动');
    expect(t).not.toContain('terminal.started');
    expect(t).toContain('abcdef012345');
    expect(t).toContain('/data/terminal.db.corrupt-1');
    expect(html.match(/data-testid="audit-row"/g)).toHaveLength(1);
  });
});

describe('ConsoleApp (R25.1)', () => {
  const one = { staffId: 'S-LI', name: '李静', loggedInAt: '2026-05-06T01:00:00Z' };
  const two = { staffId: 'S-HE', name: '何伟', loggedInAt: '2026-05-06T01:01:00Z' };

  test('R25.1 shows only the login while fewer than two administrators are in; the panels once both are; the login again after a lock', () => {
    kioskStore.setState({ screen: { name: 'idle' } });
    const s = kioskStore.getState();
    s.setSession({ admins: [one], locked: true });
    s.setSyncStatus({
      queuedEvents: 0,
      lastSuccessAt: null,
      lastError: null,
      state: 'idle',
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    });
    let html = render(createElement(ConsoleApp));
    expect(html).toContain('data-testid="console-login"');
    expect(html).toContain('李静');
    for (const id of ['console-app', 'console-recordings', 'console-audit', 'audit-row', 'console-store', 'console-enrol'])
      expect(html, id).not.toContain(`data-testid="${id}"`);

    s.setSession({ admins: [one, two], locked: false });
    s.setRecentAudit([{ seq: 1, at: '2026-05-06T01:00:00Z', kind: 'terminal.started', hash: 'abcdef0123456789' }]);
    html = render(createElement(ConsoleApp));
    expect(html).toContain('data-testid="console-app"');
    expect(html).toContain('data-testid="audit-row"');

    s.setSession({ admins: [], locked: true });
    html = render(createElement(ConsoleApp));
    expect(html).toContain('data-testid="console-login"');
    expect(html).not.toContain('data-testid="audit-row"');
    expect(kioskStore.getState().recentAudit).toBeNull();
  });

  test('R25.1 a terminal not yet enrolled (no accounts before the first sync) offers the enrolment beside the login', () => {
    kioskStore.setState({ screen: { name: 'idle' } });
    const s = kioskStore.getState();
    s.setSession({ admins: [], locked: true });
    s.setSyncStatus({
      queuedEvents: 0,
      lastSuccessAt: null,
      lastError: null,
      state: 'unenrolled',
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    });
    const html = render(createElement(ConsoleApp));
    expect(html).toContain('data-testid="console-login"');
    expect(html).toContain('data-testid="console-enrol-code"');
  });
});
