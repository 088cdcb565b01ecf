// Issue 19 item 1, rendered to HTML (react-dom/server): the console shows the visit — both
// pictures with their meters, the countdown large, the two administrators on duty, the
// grouped reasons, the actions, the timeline in Chinese — at both languages.
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, test } from 'vitest';
import { visitTimeline } from '../../../../src-shared/audit/visit-timeline';
import { REASON_GROUPS } from '../../../../src-shared/regulation/reason-groups';
import type { CallState } from '../../../../src-shared/signaling/call-schemas';
import { KioskContext } from '../../../../src-renderer/app/kiosk-context';
import { createKioskClient } from '../../../../src-renderer/kiosk-client';
import { fakeKiosk } from '../fake-kiosk';
import { ConfirmDialog } from '../../../../src-renderer/call/ConfirmDialog';
import { ConsoleView } from '../../../../src-renderer/console/ConsoleView';
import { TimelineList } from '../../../../src-renderer/console/VisitTimeline';
import { createI18n } from '../../../../src-renderer/i18n';
import type { Language } from '../../../../src-renderer/kiosk-types';
import { kioskStore } from '../../../../src-renderer/store';

// A client, so the actions render (renderToString runs no effect: nothing is called).
const client = createKioskClient(fakeKiosk().api);
const render = (element: ReactElement, language: Language = 'zh-CN') =>
  renderToString(
    createElement(
      I18nextProvider,
      { i18n: createI18n(language) },
      createElement(KioskContext.Provider, { value: client }, element),
    ),
  );
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');

const call = (over: Partial<CallState> = {}): CallState => ({
  visitId: 'v1',
  side: 'inmate',
  phase: 'in-progress',
  outcome: null,
  endReason: null,
  initiator: true,
  generation: 1,
  minGeneration: 1,
  peerPresent: true,
  peerReady: true,
  iceServers: [],
  iceTransportPolicy: 'all',
  iceRestarts: 0,
  allowedMs: 1_800_000,
  remainingMs: 1_234_000,
  paused: false,
  hold: null,
  muted: [],
  observers: [],
  graceRemainingMs: null,
  startedAt: '2026-05-06T01:00:00.000Z',
  endedAt: null,
  inmateName: '张三丰',
  visitors: [{ name: '张伟', relationship: '儿子' }],
  notices: [
    {
      id: 'n1',
      kind: 'warning',
      code: 'R16.1(2)',
      text: '使用隐语、暗语',
      by: '李静',
      origin: 'local',
      at: '2026-05-06T01:05:00.000Z',
    },
  ],
  link: null,
  suspensionProposable: false,
  suspensionProposal: null,
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
  s.setSession({
    admins: [
      { staffId: 'S-LI', name: '李静', loggedInAt: '2026-05-06T00:50:00Z' },
      { staffId: 'S-HE', name: '何伟', loggedInAt: '2026-05-06T00:51:00Z' },
    ],
    locked: false,
  });
  s.setRecentAudit([{ seq: 7, at: '2026-05-06T01:00:00Z', kind: 'recording.started', hash: 'ab'.repeat(32) }]);
  s.setCall(call());
});

describe('the console shows the visit (issue 19 item 1)', () => {
  test('R13.1 R24.1 both pictures with a sound meter each, the countdown large, R25.1 the two administrators on duty', () => {
    const html = render(createElement(ConsoleView));
    for (const id of [
      'visit-monitor',
      'console-video-own',
      'console-video-other',
      'meter-own',
      'meter-other',
      'countdown-time',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    expect(html).toContain('role="meter"');
    const t = text(html);
    expect(t).toContain('本会见室');
    expect(t).toContain('对方会见室');
    expect(t).toContain('20:34');
    expect(html.match(/data-testid="on-duty-admin"/g)).toHaveLength(2);
    expect(t).toContain('李静');
    expect(t).toContain('何伟');
    // The prison's own room shows the inmate; the other room the visitors.
    expect(t).toMatch(/对方会见室会见人 张伟/);
    expect(t).toMatch(/本会见室服刑人员 张三丰/);
  });

  test('R16.1 R17.1 every reason is a button in its group, "其他" has a note field; warn, terminate, mute and pause are there', () => {
    const html = render(createElement(ConsoleView));
    for (const g of REASON_GROUPS) {
      expect(html).toContain(`data-testid="reason-group-${g.id}"`);
      for (const r of g.reasons) expect(html, r.code).toContain(`data-testid="reason-${r.code}"`);
    }
    for (const id of ['reason-other', 'reason-note', 'warn', 'terminate', 'mute-inmate', 'mute-visitor', 'hold']) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    // Nothing chosen yet: neither warning nor termination can be sent by accident.
    expect(html).toMatch(/data-testid="warn"[^>]*disabled|disabled[^>]*data-testid="warn"/);
    expect(html).toMatch(/data-testid="terminate"[^>]*disabled|disabled[^>]*data-testid="terminate"/);
  });

  test('R26.1 the audit list shows Chinese labels, not raw codes', () => {
    const t = text(render(createElement(ConsoleView)));
    expect(t).toContain('开始录像');
    expect(t).not.toContain('recording.started');
  });

  test('R24.1 the timeline lists the visit newest first in Chinese', () => {
    const lines = visitTimeline([
      {
        seq: 1,
        at: '2026-05-06T00:55:00Z',
        kind: 'checkin.accepted',
        actor: 'S-LI',
        payload: { name: '张伟', documentTail: '1234' },
      },
      {
        seq: 2,
        at: '2026-05-06T01:05:00Z',
        kind: 'call.warning',
        actor: 'S-LI',
        payload: { code: 'R16.1(2)', reason: '使用隐语', operator: '李静' },
      },
    ]);
    const html = render(createElement(TimelineList, { lines, title: '会见经过', empty: '尚无事件' }));
    const t = text(html);
    expect(html.match(/data-testid="timeline-line"/g)).toHaveLength(2);
    expect(t.indexOf('李静 警告：R16.1(2) 使用隐语')).toBeLessThan(t.indexOf('张伟（证件尾号 1234） 签到'));
    expect(t).toContain('08:55:00');
  });

  test('R17.1 the confirmation names the reason; the safe choice is "取消"', () => {
    const html = render(
      createElement(ConfirmDialog, {
        message: '确认终止本次会见？理由：R17.1(8) 谈论案情，涉嫌串供、通风报信',
        danger: true,
        onConfirm: () => undefined,
        onCancel: () => undefined,
      }),
    );
    expect(html).toContain('role="alertdialog"');
    const t = text(html);
    expect(t).toContain('R17.1(8) 谈论案情');
    expect(t).toContain('取消');
    expect(t).toContain('确认');
  });

  test('renders in English too, with the regulation codes unchanged', () => {
    kioskStore.getState().setSite({
      terminalId: 'T1',
      siteName: 'Prison 1',
      siteKind: 'prison',
      roomName: 'Room 1',
      appVersion: '0.1.0',
      language: 'en',
      mode: 'kiosk',
    });
    const t = text(render(createElement(ConsoleView), 'en'));
    expect(t).toContain('This room');
    expect(t).toContain('Other room');
    expect(t).toContain('Terminate');
  });

  test('an ended visit keeps its pictures area but no action buttons', () => {
    kioskStore.getState().setCall(call({ phase: 'ended', outcome: 'completed', endedAt: '2026-05-06T01:30:00Z' }));
    const html = render(createElement(ConsoleView));
    expect(html).toContain('data-testid="visit-monitor"');
    expect(html).not.toContain('data-testid="terminate"');
  });
});
