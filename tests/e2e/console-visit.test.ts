// Issue 19 item 1, end to end: the supervision console shows the visit. The real central
// store (signaling) on 127.0.0.1, a prison and a bureau terminal each in its own Chromium with
// its own fake camera and microphone, over the real main services; each terminal's console is
// its second window (#/console). The console gets both pictures and sounds from its visit
// window over the loopback feed (call.feed, relayed by main): both <video>s must play (a size
// and advancing time), both meters move (the fake microphones swell and fade), the timeline
// reads in Chinese, a warning chosen from the grouped reasons reaches the other side, and a
// termination waits for a confirmation that names its reason.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { TERMINATION_REASONS, WARNING_REASONS } from '../../src-shared/regulation/reason-codes';
import { at, daySnapshot, STAFF, VISITORS } from '../../harness/fixtures/visit-day/day-snapshot';
import type { TestStore } from '../../harness/store/store';
import { fakeDeviceArgs, makeFakeMedia } from '../../harness/fake-media';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import Database from 'better-sqlite3';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { joinCall, loginBoth, remotePlays } from './harness/call-steps';
import { seedCallDay, startCallStore, writeTerminalConfig } from './harness/call-world';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');

interface Side {
  name: 'prison' | 'bureau';
  t: OpenedTerminal;
  page: Page;
  console: Page;
  problems: string[];
  db: Database.Database;
}

let store: TestStore;
let server: StaticServer;
const browsers: Browser[] = [];
const sides: Side[] = [];
const clock = { offset: 0 };
const now = () => new Date(Date.now() + clock.offset);
let visitId: string;

const both = () => {
  const [prison, bureau] = sides;
  if (!prison || !bureau) throw new Error('terminals not open');
  return { prison, bureau };
};

/** The visit-day steps through main's services; the bureau's visitor deposits a phone (for the timeline). */
async function prepare(side: Side) {
  const s = side.t.terminal.services;
  if (side.name === 'prison') {
    expect((await s.checkin.inmateInPosition({ visitId })).accepted).toBe(true);
  } else {
    const v = VISITORS.zhangWei;
    const checked = await s.checkin.manual({
      visitId,
      entry: { document: 'resident-id', name: v.name, idNumber: v.documentNumber, validTo: '长期' },
    });
    expect(checked.accepted, JSON.stringify(checked)).toBe(true);
    expect((await s.checkin.acknowledgeNotice({ visitId, documentNumber: v.documentNumber })).accepted).toBe(true);
    const declared = await s.checkin.declareDeposits({
      visitId,
      documentNumber: v.documentNumber,
      items: [{ item: 'phone', description: '华为' }],
    });
    expect(declared.accepted, JSON.stringify(declared)).toBe(true);
    const itemId = declared.roster.visitors.flatMap((x) => x.items)[0]?.itemId;
    if (itemId === undefined) throw new Error('no deposit item');
    expect((await s.checkin.depositItem({ visitId, itemId, action: 'deposited' })).accepted).toBe(true);
  }
  const ok = { ok: true, detail: '' };
  expect((await s.device.equipmentCheck({ visitId, camera: ok, microphone: ok, speaker: ok })).accepted).toBe(true);
}

/** A console <video> plays: it has a size and its time advances. */
async function consoleVideoPlays(page: Page, testId: string): Promise<{ width: number; advancedS: number }> {
  const video = page.getByTestId(testId);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 60_000 }).toBeGreaterThan(0);
  const t0 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(t0 + 1);
  return {
    width: await video.evaluate((v: HTMLVideoElement) => v.videoWidth),
    advancedS: (await video.evaluate((v: HTMLVideoElement) => v.currentTime)) - t0,
  };
}

/** A meter's readings over two seconds: it must rise above silence and move. */
async function meterReadings(page: Page, testId: string): Promise<number[]> {
  const readings: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    readings.push(Number(await page.getByTestId(testId).getAttribute('data-level')));
    await page.waitForTimeout(100);
  }
  return readings;
}

const t0 = Date.now();
/** Where the time goes on a busy machine (two cores shared). */
const step = (what: string) => console.log(`[console e2e] +${Math.round((Date.now() - t0) / 1000)} s ${what}`);

const timelineTexts = (page: Page) => page.getByTestId('timeline-line').allInnerTexts();

/** The page fits its width: nothing sticks out sideways at this size. */
const overflowX = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock.offset = at('09:55').getTime() - Date.now();
  const started = await startCallStore({ heartbeatMs: 5_000 }, [{ startTime: '10:00' }], now);
  store = started.store;
  visitId = started.visits[0]?.visitId ?? '';
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  const dir = mkdtempSync(joinPath(tmpdir(), 'kiosk-e2e-console-'));
  const base = await daySnapshot();
  for (const [name, token] of [
    ['prison', started.tokens.prison],
    ['bureau', started.tokens.bureau],
  ] as const) {
    const file = writeTerminalConfig(dir, name, store.url);
    const media = makeFakeMedia(dir, name);
    const browser = await launchChromium([...fakeDeviceArgs(media), '--autoplay-policy=no-user-gesture-required']);
    browsers.push(browser);
    const [t] = await openTerminals(browser, server.url, [
      {
        configPath: file.configPath,
        now,
        viewport: { width: 1280, height: 1024 },
        call: { signaling: () => ({ url: store.url, token }), iceServers: [], tickMs: 250, linkSummaryMs: 5_000 },
      },
    ]);
    if (!t) throw new Error('no terminal opened');
    const db = new Database(joinPath(t.dataDir, STORE_FILE_NAME));
    seedCallDay(db, base, file, started.visits, now());
    const problems: string[] = [];
    t.page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await t.load();
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    const consolePage = await t.openPage('#/console');
    consolePage.on('pageerror', (e) => problems.push(`console pageerror: ${e.message}`));
    consolePage.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
    sides.push({ name, t, page: t.page, console: consolePage, problems, db });
  }
}, 120_000);

afterAll(async () => {
  for (const side of sides) if (side.problems.length > 0) console.log(`[${side.name} problems]`, side.problems.join('\n'));
  for (const side of sides.splice(0)) {
    side.db.close();
    await side.t.close();
  }
  for (const b of browsers.splice(0)) await b.close();
  await server?.close();
  await store?.stop();
});

describe('issue 19 item 1: the supervision console shows the visit', () => {
  test('R13.1 R24.1 R25.1 both pictures play and both meters move on the console, the countdown is large, the two administrators on duty are named, the timeline is in Chinese; readable at 1280×1024 and 1920×1080', async () => {
    const { prison, bureau } = both();
    for (const side of [prison, bureau]) {
      await loginBoth(side.page);
      await prepare(side);
    }
    step('prepared');
    await joinCall(prison.page, visitId);
    await joinCall(bureau.page, visitId);
    await Promise.all([remotePlays(prison.page, 60_000), remotePlays(bureau.page, 60_000)]);
    step('call plays');

    const figures: Record<string, unknown> = {};
    for (const side of [prison, bureau]) {
      const c = side.console;
      await c
        .getByTestId('visit-monitor')
        .waitFor({ state: 'visible', timeout: 60_000 })
        .catch(async (e: unknown) => {
          await c.screenshot({ path: `${ARTIFACTS}/console-visit-debug-${side.name}.png` });
          throw e;
        });
      step(`${side.name} console shows the visit`);
      const own = await consoleVideoPlays(c, 'console-video-own');
      const other = await consoleVideoPlays(c, 'console-video-other');
      expect(own.width).toBeGreaterThan(0);
      expect(other.width).toBeGreaterThan(0);
      const meters = { own: await meterReadings(c, 'meter-own'), other: await meterReadings(c, 'meter-other') };
      for (const [which, r] of Object.entries(meters)) {
        expect(Math.max(...r), `${side.name} ${which} meter`).toBeGreaterThan(0.2);
        expect(Math.max(...r) - Math.min(...r), `${side.name} ${which} meter moves`).toBeGreaterThan(0.02);
      }
      figures[side.name] = { own, other, meters };
      step(`${side.name} pictures and meters`);
      // R25.1: both administrators on duty, by name.
      const duty = await c.getByTestId('on-duty-admin').allInnerTexts();
      expect(duty.join(' ')).toContain(STAFF.li.name);
      expect(duty.join(' ')).toContain(STAFF.he.name);
      // The countdown in large figures (at least twice the body text).
      const sizes = await c.getByTestId('countdown-time').evaluate((el) => ({
        time: parseFloat(getComputedStyle(el).fontSize),
        body: parseFloat(getComputedStyle(document.documentElement).fontSize),
      }));
      expect(sizes.time).toBeGreaterThanOrEqual(sizes.body * 2.5);
    }
    console.log('[console figures]', JSON.stringify(figures));

    // R24.1 the timeline, in plain Chinese: at the bureau the check-in and the deposit, at the prison the inmate in position.
    await expect
      .poll(() => timelineTexts(bureau.console), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([
          expect.stringContaining('张伟（证件尾号 1238） 签到'),
          expect.stringContaining('手机（华为） 已寄存'),
        ]),
      );
    await expect
      .poll(() => timelineTexts(prison.console), { timeout: 30_000 })
      .toEqual(
        expect.arrayContaining([expect.stringContaining('张建国 已就位'), expect.stringContaining('会见开始，时长 30 分钟')]),
      );
    for (const side of [prison, bureau]) {
      for (const line of await timelineTexts(side.console)) expect(line).not.toMatch(/[a-z]+\.[a-z]+/i);
      // R26.1 the audit list: labels, not raw codes.
      await side.console.getByTestId('console-audit-refresh').click();
      await expect.poll(() => side.console.getByTestId('audit-kind').count()).toBeGreaterThan(3);
      for (const cell of await side.console.getByTestId('audit-kind').allInnerTexts())
        expect(cell).not.toMatch(/^[a-z]+\.[a-zA-Z.]+$/);
    }

    // Readable at both sizes: nothing sticks out sideways; screenshots for the record.
    const c = prison.console;
    const top = () => c.evaluate(() => window.scrollTo(0, 0));
    await top();
    expect(await overflowX(c)).toBeLessThanOrEqual(0);
    await c.screenshot({ path: `${ARTIFACTS}/console-visit-1280x1024.png` });
    await c.setViewportSize({ width: 1920, height: 1080 });
    await c.waitForTimeout(500);
    await top();
    expect(await overflowX(c)).toBeLessThanOrEqual(0);
    await c.screenshot({ path: `${ARTIFACTS}/console-visit-1920x1080.png` });
    await c.setViewportSize({ width: 1280, height: 1024 });
    await bureau.console.evaluate(() => window.scrollTo(0, 0));
    await bureau.console.screenshot({ path: `${ARTIFACTS}/console-visit-bureau-1280x1024.png` });
  }, 420_000);

  test('R16.1 R17.1 a warning chosen from the grouped reasons reaches the other side; R24.1 a mute and R17.1 a termination wait for a confirmation that names the reason', async () => {
    const { prison, bureau } = both();
    const c = prison.console;
    await c
      .getByTestId('reason-R16.1(3)')
      .waitFor({ state: 'visible', timeout: 60_000 })
      .catch(async (e: unknown) => {
        await c.screenshot({ path: `${ARTIFACTS}/console-visit-debug-actions.png`, fullPage: true });
        const call = await prison.t.terminal.services.call.current(undefined);
        console.log('[console e2e] no actions', JSON.stringify({ phase: call?.phase, end: call?.endReason }));
        throw e;
      });
    // R16.1(3): one click on the reason, one on 警告.
    await c.getByTestId('reason-R16.1(3)').click();
    expect(await c.getByTestId('reason-chosen').getAttribute('data-code')).toBe('R16.1(3)');
    await c.getByTestId('warn').click();
    await expect
      .poll(() => bureau.page.getByTestId('call-banner').getAttribute('data-code'), { timeout: 30_000 })
      .toBe('R16.1(3)');
    await expect
      .poll(() => bureau.console.locator('[data-testid="supervision-notice"][data-origin="remote"]').first().innerText())
      .toContain(STAFF.li.name);
    await expect
      .poll(() => timelineTexts(bureau.console), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(`警告：R16.1(3) ${WARNING_REASONS['R16.1(3)']}`)]));
    await expect
      .poll(() => timelineTexts(c), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(`${STAFF.li.name} 警告：R16.1(3)`)]));
    await c.evaluate(() => window.scrollTo(0, 0));
    await c.screenshot({ path: `${ARTIFACTS}/console-visit-warned-1280x1024.png` });

    step('warning reached the bureau');
    // R24.1: a mute asks first, naming the side and the reason; the reason goes to the audit as a note.
    await c.getByTestId('reason-R16.1(6)').click();
    await c.getByTestId('mute-visitor').click();
    const muteMessage = await c.getByTestId('confirm-message').innerText();
    expect(muteMessage).toContain('会见人一方');
    expect(muteMessage).toContain(`R16.1(6) ${WARNING_REASONS['R16.1(6)']}`);
    await c.getByTestId('confirm-ok').click();
    await expect.poll(() => bureau.console.getByTestId('supervision-muted').count(), { timeout: 30_000 }).toBe(1);
    await expect
      .poll(() => timelineTexts(c), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining('将会见人一方静音 30 秒'), expect.stringContaining('R16.1(6)')]));

    // R17.1(7): termination only (no warning), confirmed; a cancel first changes nothing.
    await c.getByTestId('reason-R17.1(7)').click();
    expect(await c.getByTestId('warn').isDisabled()).toBe(true);
    await c.getByTestId('terminate').click();
    const message = await c.getByTestId('confirm-message').innerText();
    expect(message).toContain(`R17.1(7) ${TERMINATION_REASONS['R17.1(7)']}`);
    await c.screenshot({ path: `${ARTIFACTS}/console-visit-confirm-1280x1024.png` });
    await c.getByTestId('confirm-cancel').click();
    await c.getByTestId('confirm-dialog').waitFor({ state: 'detached' });
    await prison.page.waitForTimeout(500);
    expect(await prison.page.getByTestId('call-screen').getAttribute('data-phase')).toBe('in-progress');
    await c.getByTestId('terminate').click();
    await c.getByTestId('confirm-ok').click();
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-ended').getAttribute('data-outcome'), { timeout: 30_000 })
        .toBe('terminated');
      expect(await side.page.getByTestId('call-ended').getAttribute('data-code')).toBe('R17.1(7)');
    }
    await expect
      .poll(() => timelineTexts(c), { timeout: 30_000 })
      .toEqual(expect.arrayContaining([expect.stringContaining(`${STAFF.li.name} 终止会见：R17.1(7)`)]));

    // The recordings table after the visit: one line per cell at 1280 px (issue 19: it wrapped one character per line).
    await expect.poll(() => c.getByTestId('recording-row').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const heights = await c.getByTestId('recordings-table').evaluate((table) => {
      const line = parseFloat(getComputedStyle(table).fontSize) * 1.6;
      return Array.from(table.querySelectorAll('th')).map((th) => th.getBoundingClientRect().height / line);
    });
    for (const h of heights) expect(h).toBeLessThan(1.8);
    await c.getByTestId('console-recordings').scrollIntoViewIfNeeded();
    await c.screenshot({ path: `${ARTIFACTS}/console-visit-ended-1280x1024.png` });
    for (const side of [prison, bureau]) expect(side.problems).toEqual([]);
  }, 420_000);
});
