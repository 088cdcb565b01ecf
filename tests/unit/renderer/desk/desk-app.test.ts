// Desk mode: a terminal configured with mode 'desk' shows the desk once started
// (login first, then the clerk's views by organisation kind); mode 'kiosk' keeps the visit
// screens. Rendered to HTML with react-dom/server, over a fake window.kiosk.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { beforeEach, describe, expect, test } from 'vitest';
import { KioskContext } from '../../../../src-renderer/app/kiosk-context';
import { createI18n } from '../../../../src-renderer/i18n';
import { createKioskClient } from '../../../../src-renderer/kiosk-client';
import type { DeskStaff, SiteInfo } from '../../../../src-renderer/kiosk-types';
import { kioskStore } from '../../../../src-renderer/store';
import { TerminalApp } from '../../../../src-renderer/TerminalApp';
import { fakeKiosk } from '../fake-kiosk';

const render = () =>
  renderToString(
    createElement(
      I18nextProvider,
      { i18n: createI18n('zh-CN') },
      createElement(KioskContext.Provider, { value: createKioskClient(fakeKiosk().api) }, createElement(TerminalApp)),
    ),
  );
const site = (mode: SiteInfo['mode']): SiteInfo => ({
  terminalId: 'T1',
  siteName: '关上司法所',
  siteKind: 'office',
  roomName: '受理窗口',
  appVersion: '0.1.0',
  language: 'zh-CN',
  mode,
});
const staff = (kind: DeskStaff['organisation']['kind']): DeskStaff => ({
  staffId: 's1',
  username: 'clerk',
  displayName: '受理员',
  roles: ['reviewer'],
  loggedInAt: '2026-09-30T01:00:00.000Z',
  organisation: { id: 'o1', kind, name: kind === 'prison' ? '云南省第一监狱' : '关上司法所', parentId: null },
});

// Started, nobody logged in at the desk.
beforeEach(() => {
  kioskStore.setState({ screen: { name: 'idle' } });
  kioskStore.getState().setDeskStaff(null);
});

describe('desk mode switch', () => {
  test("mode 'desk' shows the clerk's login once started; mode 'kiosk' the idle screen", () => {
    const s = kioskStore.getState();
    s.setSite(site('desk'));
    kioskStore.setState({ screen: { name: 'starting' } });
    expect(render()).not.toContain('desk-login');
    kioskStore.setState({ screen: { name: 'idle' } });
    s.setSite(site('desk'));
    const desk = render();
    expect(desk).toContain('data-testid="desk-login"');
    expect(desk).toContain('窗口工作人员登录');
    s.setSite(site('kiosk'));
    expect(render()).toContain('data-testid="idle-screen"');
  });

  test('logged in: the views of the organisation; only a prison gets the inmates tab (R15.1, R17.2)', () => {
    const s = kioskStore.getState();
    s.setSite(site('desk'));
    s.setDeskStaff(staff('office'));
    const office = render();
    expect(office).toContain('关上司法所');
    for (const tab of ['queue', 'intake', 'applications', 'visits', 'overview'])
      expect(office).toContain(`data-testid="desk-tab-${tab}"`);
    expect(office).not.toContain('desk-tab-inmates');
    s.setDeskStaff(staff('prison'));
    expect(render()).toContain('data-testid="desk-tab-inmates"');
  });

  test('issue 25 item 5: the hours-and-limits tab for a prison and the province, not for an office or bureau (R14.2, R14.3)', () => {
    const s = kioskStore.getState();
    s.setSite(site('desk'));
    s.setDeskStaff(staff('office'));
    expect(render()).not.toContain('desk-tab-arrangements');
    s.setDeskStaff(staff('prison'));
    const prison = render();
    expect(prison).toContain('data-testid="desk-tab-arrangements"');
    expect(prison).toContain('会见时间与限额');
  });
});
