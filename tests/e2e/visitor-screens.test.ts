// Issue #21: the screens the people in front of the terminal read, checked rather than hoped.
// The real store (signaling), a prison and a bureau terminal each in its own Chromium over the
// real main services; the bureau's visitor checks in with the GA 467 simulator and the
// on-screen keyboard, both join, the prison warns, time runs to five and one minute, the
// prison ends the visit. On every visitor screen (idle, check-in, the call waiting, running,
// warned, five and one minute left, ended):
// - nothing internal is shown (no requirement id, code, English word, stack trace; 服刑人员, not 罪犯),
// - body text ≥ 24 px at 1366×768 and the countdown larger,
// - axe-core finds no serious or critical violation (the administrators' screens and the console too),
// - a keyboard alone reaches every control and acts,
// - screenshots at 1366×768 and 1920×1080, normal and large type,
// - what was spoken (a spy on speechSynthesis: Chromium here may have no voice) is on screen too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { Ga467SerialReader } from '../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../src-main/idcard/simulator';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { registerIdCardDriver } from '../../src-main/visit-day';
import {
  at,
  daySnapshot,
  IDCARD,
  READER_DRIVER,
  READER_PATH,
  STAFF,
  VISITORS,
} from '../../harness/fixtures/visit-day/day-snapshot';
import type { TestStore } from '../../harness/store/store';
import { fakeDeviceArgs, makeFakeMedia } from '../../harness/fake-media';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import { expectAccessible } from './harness/axe';
import { loginBoth, prepareVisit } from './harness/call-steps';
import { seedCallDay, startCallStore, writeTerminalConfig } from './harness/call-world';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const SUITE = 'visitor-screens';

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

const simulator = new ReaderSimulator();
const serial = createSimulatedSerial(simulator, READER_PATH);
registerIdCardDriver(
  READER_DRIVER,
  (settings) =>
    new Ga467SerialReader({
      path: settings.path ?? READER_PATH,
      openPort: serial.openPort,
      ...(settings.now ? { now: settings.now } : {}),
    }),
);

/** Replaces speechSynthesis.speak with a recorder, before the app loads. */
const SPEECH_SPY = () => {
  const w = window as unknown as { __spoken: Array<{ text: string; lang: string; volume: number }> };
  w.__spoken = [];
  SpeechSynthesis.prototype.speak = function speak(u: SpeechSynthesisUtterance) {
    w.__spoken.push({ text: u.text, lang: u.lang, volume: u.volume });
  };
  SpeechSynthesis.prototype.cancel = function cancel() {};
};

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __spoken: Array<{ text: string; lang: string; volume: number }> }).__spoken);

const both = () => {
  const [prison, bureau] = sides;
  if (!prison || !bureau) throw new Error('terminals not open');
  return { prison, bureau };
};

/** Item 3: the visible text has no requirement id, code, English or stack trace, and says 服刑人员. The notice is the regulation's appendix word for word (R12.1), so its 罪犯 stays. */
async function expectNothingInternal(page: Page, screen: string): Promise<void> {
  const body = await page.locator('body').innerText();
  const notice = (await page.getByTestId('notice').count()) > 0 ? await page.getByTestId('notice').innerText() : '';
  const shown = body.replace(notice, '');
  expect(shown, `${screen}: a requirement id`).not.toMatch(/R\d+\.\d/);
  expect(shown, `${screen}: a Latin word, code or trace`).not.toMatch(/[A-Za-z]{2,}/);
  expect(shown, `${screen}: 罪犯 on a visitor screen`).not.toContain('罪犯');
}

/** Item 1: every visible text at least `min` px; returns the smallest and the countdown's size. */
async function typeSizes(page: Page): Promise<{ smallest: number; where: string; countdown: number | null }> {
  return page.evaluate(() => {
    let smallest = Infinity;
    let where = '';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden' || r.bottom < 0 || r.top > innerHeight) continue;
      const size = parseFloat(style.fontSize);
      if (size < smallest) {
        smallest = size;
        where = `${el.tagName.toLowerCase()}.${el.className} "${n.textContent.trim().slice(0, 20)}"`;
      }
    }
    const time = document.querySelector('[data-testid="countdown-time"]');
    return { smallest, where, countdown: time ? parseFloat(getComputedStyle(time).fontSize) : null };
  });
}

/** Item 6: screenshots at both sizes, normal and large type (switched through main, as the console does). */
async function shoot(side: Side, name: string): Promise<void> {
  const { page } = side;
  for (const large of [false, true]) {
    await side.t.terminal.services.admin.setLargeType({ largeType: large });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.type)).toBe(large ? 'large' : 'normal');
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${ARTIFACTS}/visitor-${name}-${width}x${height}-${large ? 'large' : 'normal'}.png` });
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Items 1, 3, 6 on one visitor screen at 1366×768, normal type. */
async function checkVisitorScreen(side: Side, name: string, screenshots = true): Promise<void> {
  const { page } = side;
  await side.t.terminal.services.admin.setLargeType({ largeType: false });
  await page.setViewportSize({ width: 1366, height: 768 });
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.audience)).toBe('visitor');
  await expectNothingInternal(page, name);
  const sizes = await typeSizes(page);
  console.log(`[type] ${name} at 1366x768: smallest ${sizes.smallest}px (${sizes.where}), countdown ${sizes.countdown ?? '-'}px`);
  expect(sizes.smallest, `${name}: smallest text ${sizes.where}`).toBeGreaterThanOrEqual(24);
  if (sizes.countdown !== null) expect(sizes.countdown).toBeGreaterThanOrEqual(48);
  await expectAccessible(page, SUITE, `kiosk ${name}`);
  if (screenshots) await shoot(side, name);
}

/** Item 6: Tab alone reaches every enabled control on the screen, each with a visible focus ring. */
async function keyboardWalk(page: Page, name: string): Promise<string[]> {
  const controls = await page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        'button:not([disabled]), input:not([disabled]), select:not([disabled]), a[href], [tabindex="0"]',
      ),
    )
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.dataset.testid ?? el.textContent?.trim().slice(0, 12) ?? el.tagName),
  );
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
  });
  const reached: string[] = [];
  for (let i = 0; i < controls.length + 3; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      return {
        id: el.dataset.testid ?? el.textContent?.trim().slice(0, 12) ?? el.tagName,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
    if (!focus) continue;
    expect(focus.ring, `${name}: no visible focus on ${focus.id}`).toBe(true);
    if (!reached.includes(focus.id)) reached.push(focus.id);
  }
  expect(reached, `${name}: not reached by Tab`).toEqual(expect.arrayContaining(controls));
  console.log(`[keyboard] ${name}: ${reached.length} stops (${reached.join(', ')})`);
  return reached;
}

/** Moves the focus by Tab to the control `testId` and presses Enter on it. */
async function pressByKeyboard(page: Page, testId: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => (document.activeElement as HTMLElement | null)?.dataset.testid === id, testId)) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`${testId} not reachable by Tab`);
}

/** Item 5: types `text` by touching the on-screen keyboard's keys (caps switched as needed). */
async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  let upper = false;
  for (const ch of text) {
    const letter = /[A-Za-z]/.test(ch);
    if (letter && (ch === ch.toUpperCase()) !== upper) {
      await page.getByTestId('osk-shift').click();
      upper = !upper;
    }
    await page.getByTestId(`osk-key-${letter ? ch.toUpperCase() : ch}`).click();
  }
  if (upper) await page.getByTestId('osk-shift').click();
}

/**
 * Moves both terminals' clock in steps under the inactivity lock (10 minutes), the administrators
 * active after each, as they are at a running visit: a single jump would log them out (R25.1).
 */
async function advance(ms: number): Promise<void> {
  const step = 4 * 60_000;
  for (let left = ms; left > 0; left -= step) {
    clock.offset += Math.min(step, left);
    for (const side of sides) await side.t.terminal.services.auth.activity(undefined);
  }
}

const inProgress = (side: Side) =>
  expect.poll(() => side.page.getByTestId('call-screen').getAttribute('data-phase'), { timeout: 45_000 }).toBe('in-progress');

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  clock.offset = at('09:45').getTime() - Date.now();
  const started = await startCallStore({ heartbeatMs: 5_000 }, [{ startTime: '10:00', minutes: 30 }], now);
  store = started.store;
  visitId = started.visits[0]?.visitId ?? '';
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  const dir = mkdtempSync(joinPath(tmpdir(), 'kiosk-e2e-visitor-'));
  const base = await daySnapshot();
  for (const [name, token] of [
    ['prison', started.tokens.prison],
    ['bureau', started.tokens.bureau],
  ] as const) {
    const file = writeTerminalConfig(dir, name, store.url);
    if (name === 'bureau') {
      // The relatives' room reads ID cards (the GA 467 simulator).
      const config = JSON.parse(readFileSync(file.configPath, 'utf8')) as Record<string, unknown>;
      writeFileSync(file.configPath, JSON.stringify({ ...config, idCardReader: { driver: READER_DRIVER, path: READER_PATH } }));
    }
    const media = makeFakeMedia(dir, name);
    const browser = await launchChromium([...fakeDeviceArgs(media), '--autoplay-policy=no-user-gesture-required']);
    browsers.push(browser);
    const [t] = await openTerminals(browser, server.url, [
      {
        configPath: file.configPath,
        now,
        viewport: { width: 1366, height: 768 },
        call: {
          signaling: () => ({ url: store.url, token }),
          iceServers: [],
          graceMs: 20_000,
          renegotiateMs: 3_000,
          tickMs: 250,
          linkSummaryMs: 5_000,
        },
      },
    ]);
    if (!t) throw new Error('no terminal opened');
    const db = new Database(joinPath(t.dataDir, STORE_FILE_NAME));
    seedCallDay(db, base, file, started.visits, now());
    const problems: string[] = [];
    await t.page.addInitScript(SPEECH_SPY);
    t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await t.load();
    await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
    const consolePage = await t.openPage('#/console');
    consolePage.on('pageerror', (error) => problems.push(`console pageerror: ${error.message}`));
    sides.push({ name, t, page: t.page, console: consolePage, problems, db });
  }
}, 120_000);

afterAll(async () => {
  for (const side of sides.splice(0)) {
    side.db.close();
    await side.t.close();
  }
  for (const b of browsers.splice(0)) await b.close();
  await server?.close();
  await store?.stop();
});

describe('issue #21: the visitors’ screens', () => {
  test('items 1–6: idle and check-in — plain Chinese, large type, keyboard and touch, spoken prompts, axe, screenshots', async () => {
    const { prison, bureau } = both();
    const page = bureau.page;

    // Idle: the visitors' first screen.
    await checkVisitorScreen(bureau, 'idle');
    await keyboardWalk(page, 'idle');
    expect(await page.locator('.clock__date').innerText()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 星期[日一二三四五六]$/);
    // By keyboard alone into the administrators' login.
    await pressByKeyboard(page, 'admin-login');
    await page.getByTestId('login-screen').waitFor({ state: 'visible' });
    await expectAccessible(page, SUITE, 'kiosk login');

    // Item 5: the first administrator logs in on the on-screen keyboard (touch), the second by typing.
    await page.getByTestId('osk-toggle').click();
    await page.getByTestId('login-username').click();
    await typeOnKeyboard(page, STAFF.li.username);
    expect(await page.getByTestId('login-username').inputValue()).toBe(STAFF.li.username);
    await page.getByTestId('login-password').click();
    await typeOnKeyboard(page, STAFF.li.password);
    expect(await page.getByTestId('login-password').inputValue()).toBe(STAFF.li.password);
    await expectAccessible(page, SUITE, 'kiosk login with on-screen keyboard');
    const small = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('.osk__key, button'))
        .filter((b) => b.getClientRects().length > 0)
        .map((b) => ({
          id: b.dataset.testid ?? b.textContent ?? '',
          w: b.getBoundingClientRect().width,
          h: b.getBoundingClientRect().height,
        }))
        .filter((b) => b.w < 48 || b.h < 48),
    );
    expect(small, 'touch targets under 48 px').toEqual([]);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-slot-1').filter({ hasText: STAFF.li.name }).waitFor({ state: 'visible' });
    await page.getByTestId('login-username').fill(STAFF.he.username);
    await page.getByTestId('login-password').fill(STAFF.he.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    await expectAccessible(page, SUITE, 'kiosk visits');

    // Check-in: the card prompt is spoken and shown; the card is read.
    await page.getByTestId(`visit-${visitId}`).click();
    await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
    simulator.placeCard(loadCardFixture(IDCARD('resident-valid')));
    await page.getByTestId('read-card').click();
    await expect
      .poll(() => page.getByTestId(`roster-${VISITORS.zhangWei.visitorId}`).getAttribute('data-checked-in'))
      .toBe('true');
    await expect.poll(() => page.getByTestId('visitor-prompt').innerText()).toBe('身份证已读取，签到成功');
    const said = (await spoken(page)).map((s) => s.text);
    expect(said).toEqual(expect.arrayContaining(['请将身份证放在读卡区', '身份证已读取，签到成功']));
    expect((await spoken(page)).every((s) => s.lang === 'zh-CN' && Math.abs(s.volume - 0.8) < 0.01)).toBe(true);

    // Manual entry on the on-screen keyboard (digits and X): a person not on the list is refused in a plain sentence.
    await page.getByTestId('toggle-manual').click();
    await page.getByTestId('manual-name').fill(VISITORS.duanMing.name);
    await page.getByTestId('manual-osk-toggle').click();
    await page.getByTestId('manual-id').click();
    for (const ch of VISITORS.duanMing.documentNumber) await page.getByTestId(`manual-osk-key-${ch}`).click();
    expect(await page.getByTestId('manual-id').inputValue()).toBe(VISITORS.duanMing.documentNumber);
    await page.getByTestId('manual-valid-to').fill('长期');
    await page.getByTestId('manual-submit').click();
    await expect.poll(() => page.getByTestId('refusal').getAttribute('data-requirement')).toMatch(/^R\d/);
    await checkVisitorScreen(bureau, 'checkin-refusal');
    await keyboardWalk(page, 'checkin');

    // The rest of the day's steps through main's services; their screens are the administrators'.
    const s = bureau.t.terminal.services;
    const doc = VISITORS.zhangWei.documentNumber;
    expect((await s.checkin.acknowledgeNotice({ visitId, documentNumber: doc })).accepted).toBe(true);
    expect((await s.checkin.declareDeposits({ visitId, documentNumber: doc, items: [] })).accepted).toBe(true);
    const ok = { ok: true, detail: '' };
    expect((await s.device.equipmentCheck({ visitId, camera: ok, microphone: ok, speaker: ok })).accepted).toBe(true);
    for (const step of ['prepare', 'equipment', 'readiness'] as const) {
      await page.getByTestId(`step-${step}`).click();
      await page.getByTestId(`${step}-screen`).waitFor({ state: 'visible' });
      await expectAccessible(page, SUITE, `kiosk ${step}`);
    }

    // The prison's side: two administrators, the inmate in position, equipment.
    await loginBoth(prison.page);
    await prepareVisit(prison.t.terminal, visitId, true);
    expect(bureau.problems).toEqual([]);
  }, 360_000);

  test('items 1–6 during the visit: sit down, warning, five and one minute, the end and why — spoken and shown, plain, axe-clean', async () => {
    const { prison, bureau } = both();
    await bureau.page.getByTestId('call-join').click();
    await bureau.page.getByTestId('call-screen').waitFor({ state: 'visible' });
    await expect.poll(() => bureau.page.getByTestId('visitor-prompt').innerText()).toBe('请入座，面向屏幕，会见即将开始');
    await checkVisitorScreen(bureau, 'call-waiting');

    await prison.page.getByTestId(`visit-${visitId}`).click();
    await prison.page.getByTestId('step-readiness').click();
    await prison.page.getByTestId('call-join').click();
    await inProgress(prison);
    await inProgress(bureau);
    await expect.poll(() => bureau.page.getByTestId('visitor-prompt').innerText()).toBe('会见开始');
    await checkVisitorScreen(bureau, 'call-in-progress');
    await checkVisitorScreen(prison, 'call-in-progress-prison', false);

    // The consoles: login and the running visit (staff screens: axe only).
    for (const side of [prison, bureau]) {
      const c = side.console;
      await c.getByTestId('console-login').or(c.getByTestId('console-app')).first().waitFor({ state: 'visible' });
      if (await c.getByTestId('console-login').isVisible()) {
        await expectAccessible(c, SUITE, `console login (${side.name})`);
        for (const st of [STAFF.li, STAFF.he]) {
          await c.getByTestId('login-username').fill(st.username);
          await c.getByTestId('login-password').fill(st.password);
          await c.getByTestId('login-submit').click();
          if (st === STAFF.li) await c.getByTestId('login-slot-1').filter({ hasText: st.name }).waitFor({ state: 'visible' });
        }
      }
      await c.getByTestId('console-app').waitFor({ state: 'visible' });
    }
    await expectAccessible(prison.console, SUITE, 'console during the visit (prison)');

    // R16.1(2) at the prison console: both rooms hear and read a plain sentence, never the id.
    await prison.console.getByTestId('reason-R16.1(2)').click();
    await prison.console.getByTestId('warn').click();
    await expect
      .poll(() => bureau.page.getByTestId('call-banner').getAttribute('data-code'), { timeout: 10_000 })
      .toBe('R16.1(2)');
    await expect.poll(() => bureau.page.getByTestId('visitor-prompt').innerText()).toContain('隐语');
    await checkVisitorScreen(bureau, 'call-warning');
    await checkVisitorScreen(prison, 'call-warning-prison', false);

    // Item 2: the console's volume and mute act on what the room hears.
    await bureau.console.getByTestId('speech-quieter').click();
    await expect.poll(() => bureau.console.getByTestId('speech-volume').innerText()).toBe('音量 70');
    await expectAccessible(bureau.console, SUITE, 'console with speech settings (bureau)');

    // Time runs on (the terminals' clock): to five minutes left, then one.
    await advance(25 * 60_000 + 1_000);
    await expect.poll(() => bureau.page.getByTestId('call-banner').getAttribute('data-kind'), { timeout: 10_000 }).toBe('time-5');
    await expect.poll(() => bureau.page.getByTestId('visitor-prompt').innerText()).toBe('距会见结束还有五分钟');
    await checkVisitorScreen(bureau, 'call-five-minutes');

    // Muted at the bureau: the one-minute notice is shown but not spoken there.
    await bureau.console.getByTestId('speech-mute').click();
    await expect.poll(() => bureau.console.getByTestId('speech-volume').innerText()).toBe('已静音');
    const beforeMute = (await spoken(bureau.page)).length;
    // To 59 s left, read off the countdown (real time has run too while the five-minute screen was checked).
    const left = Number(await bureau.page.getByTestId('countdown').getAttribute('data-remaining-ms'));
    await advance(left - 59_000);
    await expect.poll(() => bureau.page.getByTestId('call-banner').getAttribute('data-kind'), { timeout: 10_000 }).toBe('time-1');
    await expect.poll(() => bureau.page.getByTestId('visitor-prompt').innerText()).toContain('一分钟');
    expect((await spoken(bureau.page)).length).toBe(beforeMute);
    await expect.poll(async () => (await spoken(prison.page)).map((s) => s.text)).toContain('距会见结束还有一分钟，请准备道别');
    // Less than a minute of the visit's own time is left: checked, then ended before the countdown does.
    await checkVisitorScreen(bureau, 'call-one-minute');
    await bureau.console.getByTestId('speech-mute').click();

    // R17.1(8): the prison ends the visit; both rooms are told why, in plain words.
    await prison.console.getByTestId('reason-R17.1(8)').click();
    await prison.console.getByTestId('terminate').click();
    await prison.console.getByTestId('confirm-ok').click();
    for (const side of [prison, bureau]) {
      await expect
        .poll(() => side.page.getByTestId('call-ended').getAttribute('data-code'), { timeout: 10_000 })
        .toBe('R17.1(8)');
      await expect
        .poll(() => side.page.getByTestId('visitor-prompt').innerText())
        .toBe('本次会见已被工作人员终止。原因：谈话涉及案情。');
    }
    const bureauSaid = (await spoken(bureau.page)).map((s) => s.text);
    expect(bureauSaid.at(-1)).toBe('本次会见已被工作人员终止。原因：谈话涉及案情。');
    expect((await spoken(bureau.page)).at(-1)?.volume).toBeCloseTo(0.7);
    await checkVisitorScreen(bureau, 'call-ended');
    await checkVisitorScreen(prison, 'call-ended-prison', false);
    await expectAccessible(prison.console, SUITE, 'console after the end (prison)');
    await keyboardWalk(bureau.page, 'call-ended');
    await pressByKeyboard(bureau.page, 'call-close');
    await bureau.page.getByTestId('visits-screen').waitFor({ state: 'visible' });

    // Every phrase spoken at the bureau was also on its screen (the prompt line shows each in turn).
    for (const side of [prison, bureau]) {
      for (const s of await spoken(side.page)) expect(s.text).not.toMatch(/R\d+\.\d|[A-Za-z]{2,}|罪犯/);
      expect(side.problems).toEqual([]);
    }
  }, 360_000);
});
