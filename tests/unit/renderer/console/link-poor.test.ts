// Issue #23 item 4, rendered to HTML: on a poor link the administrators' console shows a
// banner with why (beside the figures), and the visit window the visitors' plain sentence.
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, test } from 'vitest';
import type { CallState, LinkSample } from '../../../../src-shared/signaling/call-schemas';
import { KioskContext } from '../../../../src-renderer/app/kiosk-context';
import { createKioskClient } from '../../../../src-renderer/kiosk-client';
import { SupervisionPanel } from '../../../../src-renderer/call/SupervisionPanel';
import { CallScreen } from '../../../../src-renderer/call/CallScreen';
import { createI18n } from '../../../../src-renderer/i18n';
import type { Language } from '../../../../src-renderer/kiosk-types';
import { kioskStore } from '../../../../src-renderer/store';
import { fakeKiosk } from '../fake-kiosk';

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

const GOOD: LinkSample = {
  at: '2026-05-06T02:00:00Z',
  bitrateKbps: 600,
  packetLossPct: 0.4,
  fps: 15,
  rttMs: 62,
  frameWidth: 640,
  frameHeight: 360,
};

const call = (link: LinkSample | null): CallState => ({
  visitId: 'v1',
  side: 'visitor',
  phase: 'in-progress',
  outcome: null,
  endReason: null,
  initiator: false,
  generation: 1,
  minGeneration: 1,
  peerPresent: true,
  peerReady: true,
  iceServers: [],
  iceTransportPolicy: 'relay',
  iceRestarts: 0,
  allowedMs: 1_800_000,
  remainingMs: 1_000_000,
  paused: false,
  hold: null,
  muted: [],
  observers: [],
  graceRemainingMs: null,
  startedAt: '2026-05-06T01:00:00.000Z',
  endedAt: null,
  inmateName: '张三丰',
  visitors: [{ name: '张伟', relationship: '儿子' }],
  notices: [],
  link,
  suspensionProposable: false,
  suspensionProposal: null,
});

describe('issue #23 item 4: a poor link is told, plainly', () => {
  test('the visitors read "网络较差，画面可能不清晰" while the link is poor, nothing when it is fine', () => {
    kioskStore.getState().setCall(call({ ...GOOD, packetLossPct: 7.5, frameHeight: 270 }));
    const poor = render(createElement(CallScreen, { screen: { name: 'call', visitId: 'v1' } } as never));
    expect(poor).toContain('data-testid="call-link-poor"');
    expect(text(poor)).toContain('网络较差，画面可能不清晰');
    kioskStore.getState().setCall(call(GOOD));
    expect(render(createElement(CallScreen, { screen: { name: 'call', visitId: 'v1' } } as never))).not.toContain(
      'call-link-poor',
    );
  });

  test('the administrators see the banner with the reasons, in both languages', () => {
    kioskStore.getState().setCall(call({ ...GOOD, packetLossPct: 8, fps: 6 }));
    const zh = text(render(createElement(SupervisionPanel)));
    expect(zh).toContain('网络较差（丢包多、帧率低）');
    const en = text(render(createElement(SupervisionPanel), 'en'));
    expect(en).toContain('Poor link (packet loss, low frame rate)');
    kioskStore.getState().setCall(call(GOOD));
    expect(render(createElement(SupervisionPanel))).not.toContain('supervision-link-poor');
  });
});
