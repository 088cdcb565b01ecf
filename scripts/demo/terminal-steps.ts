// What the people at one terminal do on the visit day, on the kiosk's real screens
// (the renderer in Chromium over the real main services): enrol with the one-time code,
// two administrators log in (R25.1), visitors check in by ID card (R11.1), the notice
// (R12.1) and the deposits (R19.1), the inmate brought to position at the prison
// (R11.2), the equipment check (R12.1), and joining the call once nothing blocks (R24.1).
import type { Page } from 'playwright-core';
import type { OpenedTerminal } from '../../harness/browser/terminals';
import type { SeededStaff } from '../../harness/store/seed-store';
import type { DemoCardReader } from './card-readers';

export interface DemoSide {
  /** 'prison' (the inmate's room) or 'bureau' (the relatives' room). */
  name: 'prison' | 'bureau';
  label: string;
  t: OpenedTerminal;
  reader: DemoCardReader;
  admins: [SeededStaff, SeededStaff];
  problems: string[];
}

const WAIT = { timeout: 60_000 } as const;

/** Polls `read` until `done` holds; throws with `what` after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch {
      // not yet (a screen still loading)
    }
    if (Date.now() > deadline)
      throw new Error(`等待超时 timed out waiting for: ${what}（最后状态 last: ${JSON.stringify(last) ?? '-'}）`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function enrol(side: DemoSide, code: string, visitId: string): Promise<void> {
  const s = side.t.terminal.services;
  await s.admin.enrol({ code });
  await waitUntil(
    `${side.label} 同步当日会见 pulls today's visit`,
    async () => {
      await s.sync.syncNow(undefined);
      return (await s.visit.today(undefined)).visits.map((v) => v.visitId);
    },
    (ids) => ids.includes(visitId),
  );
}

export async function loginBoth(side: DemoSide): Promise<void> {
  const { page } = side.t;
  await page.getByTestId('admin-login').click();
  for (const [i, admin] of side.admins.entries()) {
    await page.getByTestId('login-username').fill(admin.username);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    if (i === 0)
      await page
        .getByTestId('login-slot-1')
        .filter({ hasText: admin.name })
        .waitFor({ state: 'visible', ...WAIT });
  }
  await page.getByTestId('visits-screen').waitFor({ state: 'visible', ...WAIT });
}

export async function openVisit(page: Page, visitId: string): Promise<void> {
  await page.getByTestId(`visit-${visitId}`).click();
  await page.getByTestId('checkin-screen').waitFor({ state: 'visible', ...WAIT });
}

/** Puts each card on the simulated reader and presses "read card"; returns how many are checked in. */
export async function checkInByCard(side: DemoSide, cards: string[]): Promise<number> {
  const { page } = side.t;
  for (const card of cards) {
    side.reader.placeCard(card);
    await page.getByTestId('read-card').click();
    await waitUntil(
      '读卡完成 card read',
      () => page.getByTestId('read-card').isEnabled(),
      (enabled) => enabled,
    );
  }
  return waitUntil(
    '会见人签到 visitors checked in',
    () => page.locator('[data-checked-in="true"]').count(),
    (n) => n >= cards.length,
  );
}

/** R12.1 notice for everyone; R19.1: the first declares a phone and deposits it, the others nothing. */
export async function noticeAndDeposits(side: DemoSide): Promise<void> {
  const { page } = side.t;
  await page.getByTestId('step-prepare').click();
  const ids = await page
    .locator('[data-testid^="prep-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  for (const [i, id] of ids.entries()) {
    const card = page.getByTestId(id);
    await card.getByTestId('ack-notice').click();
    await card.getByTestId('notice-done').waitFor({ state: 'visible', ...WAIT });
    if (i === 0) {
      await card.getByTestId('choose-phone').click();
      await card.getByTestId('declare').click();
      await card.getByTestId('mark-deposited').click();
      await card.getByTestId('mark-returned').waitFor({ state: 'visible', ...WAIT });
    } else {
      await card.getByTestId('declare-none').click();
      await card.getByTestId('nothing-declared').waitFor({ state: 'visible', ...WAIT });
    }
  }
}

/** R11.2 at the prison; R12.1 equipment (the fake camera, microphone and speaker are taken as working). */
export async function inmateAndEquipment(side: DemoSide, visitId: string): Promise<void> {
  const s = side.t.terminal.services;
  if (side.name === 'prison') {
    const placed = await s.checkin.inmateInPosition({ visitId });
    if (!placed.accepted) throw new Error(`${side.label}：服刑人员到位确认被拒绝 ${JSON.stringify(placed)}`);
  }
  const ok = { ok: true, detail: '' };
  const checked = await s.device.equipmentCheck({ visitId, camera: ok, microphone: ok, speaker: ok });
  if (!checked.accepted) throw new Error(`${side.label}：设备检测未通过 equipment check failed ${JSON.stringify(checked)}`);
}

/** Opens the readiness step; throws with the blockers if the visit cannot start. */
export async function joinCall(side: DemoSide, visitId: string): Promise<void> {
  const { page } = side.t;
  const readiness = await side.t.terminal.services.visit.readiness({ visitId });
  if (!readiness.ready) {
    throw new Error(`${side.label} 尚不能开始会见 cannot start: ${readiness.blockers.map((b) => b.message).join('；')}`);
  }
  await page.getByTestId('step-checkin').click();
  await page.getByTestId('checkin-screen').waitFor({ state: 'visible', ...WAIT });
  await page.getByTestId('step-readiness').click();
  await page.getByTestId('ready').waitFor({ state: 'visible', ...WAIT });
  await page.getByTestId('call-join').click();
  await page.getByTestId('call-screen').waitFor({ state: 'visible', ...WAIT });
}

export const callPhase = (page: Page) => page.getByTestId('call-screen').getAttribute('data-phase');

/** The remote <video> has a picture and its frame count advances. */
export async function remoteVideoPlays(page: Page): Promise<{ width: number; height: number }> {
  const size = () =>
    page.getByTestId('remote-video').evaluate((v: HTMLVideoElement) => ({
      width: v.videoWidth,
      height: v.videoHeight,
      frames: v.getVideoPlaybackQuality().totalVideoFrames,
    }));
  const first = await waitUntil('对方画面 remote picture', size, (s) => s.width > 0);
  await waitUntil('画面在播放 remote picture playing', size, (s) => s.frames > first.frames + 5, 30_000);
  return { width: first.width, height: first.height };
}
