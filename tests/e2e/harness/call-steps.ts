// Steps the call e2e files share: two fake-camera pictures, the two
// administrators' login, the visit-day steps through main's services, joining from the
// readiness screen, and checks that the remote picture plays.
import { execFileSync } from 'node:child_process';
import { join as joinPath } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Terminal } from '../../../src-main/terminal-types';
import { STAFF, VISITORS } from '../../../harness/fixtures/visit-day/day-snapshot';

/** Two distinct pictures: the prison's test pattern, the bureau's green card. */
export function fakeVideos(dir: string): { prison: string; bureau: string } {
  const prison = joinPath(dir, 'prison.y4m');
  const bureau = joinPath(dir, 'bureau.y4m');
  const run = (args: string[]) =>
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: 'pipe' });
  run(['-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=15', '-t', '2', '-pix_fmt', 'yuv420p', prison]);
  run(['-f', 'lavfi', '-i', 'color=c=0x1f6f3f:size=640x360:rate=15', '-t', '2', '-pix_fmt', 'yuv420p', bureau]);
  return { prison, bureau };
}

/** R25.1: both administrators log in at the terminal (from the idle screen, or the login screen a lock led to). */
export async function loginBoth(page: Page): Promise<void> {
  const start = page.getByTestId('admin-login');
  await start.or(page.getByTestId('login-username')).first().waitFor({ state: 'visible' });
  if (await start.isVisible()) await start.click();
  for (const s of [STAFF.li, STAFF.he]) {
    await page.getByTestId('login-username').fill(s.username);
    await page.getByTestId('login-password').fill(s.password);
    await page.getByTestId('login-submit').click();
    if (s === STAFF.li) await page.getByTestId('login-slot-1').filter({ hasText: s.name }).waitFor({ state: 'visible' });
  }
  await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
}

/** The visit-day steps through main's services (the visit-day e2e covers their screens). */
export async function prepareVisit(terminal: Pick<Terminal, 'services'>, visitId: string, prisonSide: boolean): Promise<void> {
  const s = terminal.services;
  const v = VISITORS.zhangWei;
  if (prisonSide) {
    // R11.2: at the prison, the police confirm the inmate is in position (the relatives are at the other end).
    expect((await s.checkin.inmateInPosition({ visitId })).accepted).toBe(true);
  } else {
    // R11.1, R12.1, R19.1: the relatives check in, acknowledge the notice and deposit at their terminal.
    const checked = await s.checkin.manual({
      visitId,
      entry: { document: 'resident-id', name: v.name, idNumber: v.documentNumber, validTo: '长期' },
    });
    expect(checked.accepted, JSON.stringify(checked)).toBe(true);
    expect((await s.checkin.acknowledgeNotice({ visitId, documentNumber: v.documentNumber })).accepted).toBe(true);
    expect((await s.checkin.declareDeposits({ visitId, documentNumber: v.documentNumber, items: [] })).accepted).toBe(true);
  }
  const ok = { ok: true, detail: '' };
  const equipment = await s.device.equipmentCheck({ visitId, camera: ok, microphone: ok, speaker: ok });
  expect(equipment.accepted, JSON.stringify(equipment)).toBe(true);
}

/** From the visits list to the call screen. */
export async function joinCall(page: Page, visitId: string): Promise<void> {
  await page.getByTestId(`visit-${visitId}`).click();
  await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
  await page.getByTestId('step-readiness').click();
  await page.getByTestId('call-join').click();
  await page.getByTestId('call-screen').waitFor({ state: 'visible' });
}

export const callPhase = (page: Page) => page.getByTestId('call-screen').getAttribute('data-phase');

/**
 * The remote <video> plays: it has a size and its frame count advances over a second
 * (measured within one sample, since a rebuilt connection brings a new stream whose count starts again).
 */
export async function remotePlays(page: Page, timeout = 20_000): Promise<void> {
  const video = page.getByTestId('remote-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout }).toBeGreaterThan(0);
  const advance = () =>
    video.evaluate(async (v: HTMLVideoElement) => {
      const first = v.getVideoPlaybackQuality().totalVideoFrames;
      await new Promise((r) => setTimeout(r, 1_000));
      return v.getVideoPlaybackQuality().totalVideoFrames - first;
    });
  await expect.poll(advance, { timeout }).toBeGreaterThan(5);
}
