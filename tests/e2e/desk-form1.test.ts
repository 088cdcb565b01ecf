// End to end, the inmate's path (R9.1–R9.3) through the desk against the REAL central store,
// then the visit it books held on two terminals. The store is seeded through its HTTP API only
// (tests/fixtures/desk: organisations, clerks, an inmate; the rooms' administrators); everything
// else is done on the desk's screens in Chromium over the real main services: the prison's
// clerk takes Form 1 (the inmate names two relatives and their bureau, R9.1), the prison
// approves with a slot of both rooms, the relatives' bureau tells them the time and place and
// replies that they agree (R9.2), the prison tells the inmate (R9.3). A second Form 1 is
// declined by the relatives: its booked visit is released. Then the prison's and the bureau's
// room terminals enrol, pull the visit from the store, check the relatives in by ID card and
// hold the call through the store's signaling until the countdown ends; the store records it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { IDCARD } from '../../harness/fixtures/visit-day/day-snapshot';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import { fakeDeviceArgs, makeFakeMedia } from '../../harness/fake-media';
import { startDemoStore, VirtualClock, type DemoStore } from '../../scripts/demo/central-store';
import { demoCardReader, type DemoCardReader } from '../../scripts/demo/card-readers';
import { sealedRecording } from '../../scripts/demo/recordings';
import * as steps from '../../scripts/demo/terminal-steps';
import { seedDesk, type DeskClerk, type DeskSeed } from '../fixtures/desk/seed-desk';
import {
  issueEnrolmentCodes,
  seedVisitTerminalAdmins,
  visitTerminalConfig,
  type VisitTerminalsSeed,
} from '../fixtures/desk/seed-visit-terminals';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
/** Tuesday 2026-11-03: the prison's clerk takes Form 1. */
const RECEIVED = '2026-11-03';
const VISIT_DATE = '2026-11-17';
/** The declined application's slot (another month, so no monthly limit is in the way). */
const DECLINED_DATE = '2026-12-15';

let clock: VirtualClock;
let store: DemoStore;
let server: StaticServer;
let desk: DeskSeed;
let rooms: VisitTerminalsSeed;
let dir: string;
let deskBrowser: Browser;
let deskTerminal: OpenedTerminal;
let page: Page;
let applicationId = '';
const browsers: Browser[] = [];
const readers: DemoCardReader[] = [];
const sides: steps.DemoSide[] = [];
const problems: string[] = [];

async function login(clerk: DeskClerk) {
  if (await page.getByTestId('desk-logout').isVisible()) await page.getByTestId('desk-logout').click();
  await page.getByTestId('desk-login').waitFor({ state: 'visible' });
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(clerk.password);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

const status = () => page.getByTestId('application').getAttribute('data-status');
const step = (kind: string) => page.locator(`[data-testid="step"][data-kind="${kind}"]`);

async function openFromQueue(id: string) {
  await page.getByTestId('desk-tab-queue').click();
  const row = page.locator(`[data-testid="queue-row"][data-application="${id}"]`);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.getByTestId('queue-open').click();
  await page.getByTestId('application').waitFor({ state: 'visible' });
}

const RELATIVES = [
  { name: '张伟', id: '530102199003071238', relationship: 'son', card: 'resident-valid' },
  { name: '段明', id: '530121195806120014', relationship: 'father', card: 'resident-long-term' },
] as const;

/** R9.1 at the prison's desk: the inmate found, the relatives he names typed in, their bureau chosen. */
async function form1Intake(date: string): Promise<string> {
  await page.getByTestId('desk-tab-intake').click();
  const intake = page.getByTestId('intake');
  await intake.waitFor({ state: 'visible' });
  expect(await intake.getAttribute('data-form')).toBe('form-1');
  await page.getByTestId('inmate-number').fill(desk.inmate.inmateNumber);
  await page.getByTestId('inmate-name').fill(desk.inmate.name);
  await page.getByTestId('inmate-find').click();
  // At the prison the search lists its inmates; the clerk picks the one who applies.
  await page.getByTestId('inmate-pick').filter({ hasText: desk.inmate.inmateNumber }).click();
  await page.getByTestId('inmate-picked').waitFor({ state: 'visible', timeout: 20_000 });
  await page.getByTestId('relatives-bureau').selectOption({ label: desk.names.bureau });
  for (const [i, r] of RELATIVES.entries()) {
    if (i > 0) await page.getByTestId('add-applicant').click();
    const a = page.getByTestId('applicant').nth(i);
    await a.getByTestId('applicant-name').fill(r.name);
    await a.getByTestId('applicant-id').fill(r.id);
    await a.getByTestId('applicant-address').fill('云南省昆明市官渡区关上街道100号');
    await a.getByTestId('applicant-relationship').selectOption(r.relationship);
    await a.getByTestId('proof-household-register').check();
    await a.getByTestId('applicant-phone').fill(`1390000000${i}`);
  }
  await page.getByTestId('preferred-date').fill(date);
  await page.getByTestId('preferred-minutes').fill('30');
  const decision = page.getByTestId('live-decision').getByTestId('decision');
  await expect.poll(() => decision.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('allowed');
  await expect.poll(() => page.getByTestId('first-step').textContent()).toContain('R9.1');
  if (date === VISIT_DATE) await page.screenshot({ path: join(ARTIFACTS, 'desk-form1-01-intake.png'), fullPage: true });
  await page.getByTestId('intake-submit').click();
  await page.getByTestId('application').waitFor({ state: 'visible', timeout: 20_000 });
  expect(await status()).toBe('prison-decision');
  return (await page.getByTestId('application').getAttribute('data-application')) ?? '';
}

/** R9.1: the prison approves with a slot both rooms have free. */
async function approve(date: string, start: string) {
  await page.getByTestId('approve-form').waitFor({ state: 'visible' });
  await page.getByTestId('approve-date').fill(date);
  const slot = page.locator(`[data-testid="slot"][data-start="${start}"]`);
  await slot.waitFor({ state: 'visible', timeout: 20_000 });
  expect(await slot.getAttribute('data-free')).toBe('yes');
  await slot.click();
  await page.getByTestId('approve-submit').click();
  await expect.poll(status, { timeout: 20_000 }).toBe('bureau-notification');
}

const storeVisits = (id: string) =>
  store.app.ctx.db.selectFrom('visits').select(['id', 'status', 'date', 'start_time']).where('application_id', '=', id).execute();
const storeApplication = async (id: string) =>
  (await store.app.ctx.db.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-form1-'));
  clock = new VirtualClock();
  clock.setChinaTime(RECEIVED, '09:00');
  store = await startDemoStore(join(dir, 'central'), clock);
  desk = await seedDesk(store);
  rooms = await seedVisitTerminalAdmins(store, desk);
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  // The prison's desk (the same app in desk mode).
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as object;
  const configPath = join(dir, 'desk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...fixture,
      terminalId: 'jy01-desk1',
      site: { id: desk.ids.prisonId, name: desk.names.prison, kind: 'prison' },
      centralStoreUrl: store.url,
      dataDir: join(dir, 'desk-data'),
      recordingDir: join(dir, 'desk-recordings'),
    }),
  );
  deskBrowser = await launchChromium();
  [deskTerminal] = (await openTerminals(deskBrowser, server.url, [
    { configPath, now: clock.now, viewport: { width: 1600, height: 1000 } },
  ])) as [OpenedTerminal];
  page = deskTerminal.page;
  page.on('pageerror', (error) => problems.push(`desk pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`desk console: ${msg.text()}`);
  });
  await deskTerminal.load();
  await page.getByTestId('desk-login').waitFor({ state: 'visible', timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  for (const s of sides) await s.t.close();
  for (const r of readers) r.unregister();
  for (const b of browsers) await b.close();
  await deskTerminal?.close();
  await deskBrowser?.close();
  await server?.close();
  await store?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('desk: Form 1 from the prison’s intake to a held visit (R9.1–R9.3)', () => {
  test('R9.1 Form 1 at the prison’s desk: the inmate names his relatives and their bureau; the prison decides within 5 working days', async () => {
    await login(desk.clerks.prison);
    applicationId = await form1Intake(VISIT_DATE);
    expect(applicationId).not.toBe('');
    // Received Tuesday 11-03: five working days → Tuesday 11-10.
    expect(await step('prison-decision-inmate-application').getAttribute('data-due')).toBe('2026-11-10');
    const rows = (await page.getByTestId('applicant-row').allTextContents()).join('\n');
    expect(rows).toContain('张伟');
    expect(rows).toContain('段明');
  });

  test('R9.1 the prison approves with a slot of both rooms; the relatives’ bureau has 2 working days to reply (R9.2)', async () => {
    clock.setChinaTime('2026-11-04', '10:00');
    await page.reload();
    await page.getByTestId('desk').waitFor({ state: 'visible', timeout: 20_000 });
    await openFromQueue(applicationId);
    await approve(VISIT_DATE, '10:00');
    expect(await page.getByTestId('application-visit').first().textContent()).toContain(`${VISIT_DATE} 10:00`);
    expect(await step('bureau-notifies-and-replies').getAttribute('data-due')).toBe('2026-11-06');
    expect((await storeVisits(applicationId)).map((v) => v.status)).toEqual(['scheduled']);
  });

  test('R9.2 the bureau’s clerk tells the relatives the time and place shown on the desk and replies that they agree', async () => {
    clock.setChinaTime('2026-11-05', '09:30');
    await login(desk.clerks.bureau);
    await openFromQueue(applicationId);
    const arrangement = page.getByTestId('arrangement');
    expect(await arrangement.getAttribute('data-requirement')).toBe('R9.2');
    await expect
      .poll(() => arrangement.getByTestId('arrangement-visit').textContent(), { timeout: 20_000 })
      .toMatch(/2026-11-17 10:00.*三监区远程视频会见室.*官渡区司法局会见室/);
    await page.getByTestId('notify-phone').check();
    expect(await page.getByTestId('consent-agreed').isChecked()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-form1-02-bureau-consent.png'), fullPage: true });
    await page.getByTestId('action-consent').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('inmate-notification');
    expect(await step('bureau-notifies-and-replies').getAttribute('data-done')).toBe('yes');
    expect(await step('bureau-notifies-and-replies').textContent()).toContain('亲属同意');
    // R9.3: the prison tells the inmate within 2 working days of the reply (Thursday → Monday).
    expect(await step('prison-notifies-inmate').getAttribute('data-due')).toBe('2026-11-09');
  });

  test('R9.3 the prison’s clerk tells the inmate the arrangement; the application is approved', async () => {
    await login(desk.clerks.prison);
    await openFromQueue(applicationId);
    const arrangement = page.getByTestId('arrangement');
    expect(await arrangement.getAttribute('data-requirement')).toBe('R9.3');
    await expect.poll(() => arrangement.getByTestId('arrangement-visit').textContent(), { timeout: 20_000 }).toContain('三监区');
    await page.getByTestId('inform-at').fill('2026-11-05T15:00');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-form1-03-prison-informs.png'), fullPage: true });
    await page.getByTestId('action-inform').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('approved');
    expect(await step('prison-notifies-inmate').getAttribute('data-done')).toBe('yes');
    expect(await storeApplication(applicationId)).toBe('approved');
  });

  test('R9.2 R9.3 relatives who decline: the reason goes back to the prison, the booked visit is released, the inmate is told', async () => {
    const declined = await form1Intake(DECLINED_DATE);
    await approve(DECLINED_DATE, '14:30');
    await login(desk.clerks.bureau);
    await openFromQueue(declined);
    await page.getByTestId('notify-in-person').check();
    await page.getByTestId('consent-agreed').uncheck();
    await page.getByTestId('consent-reason').fill('家属当天需照顾病人，不能按此安排参加会见');
    await page.getByTestId('action-consent').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('inmate-notification');
    expect((await storeVisits(declined)).map((v) => v.status)).toEqual(['cancelled']);
    await login(desk.clerks.prison);
    await openFromQueue(declined);
    await page.getByTestId('arrangement-none').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await step('bureau-notifies-and-replies').textContent()).toContain('家属当天需照顾病人');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-form1-04-declined-inform.png'), fullPage: true });
    await page.getByTestId('action-inform').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('refused');
    expect(await page.getByTestId('application-refusal').textContent()).toContain('家属当天需照顾病人');
    expect(await storeApplication(declined)).toBe('refused');
  });

  test('R9.1 R9.2 R9.3 R25.1 R11.1 R24.1 R14.2 R13.1 the visit Form 1 booked is pulled by both rooms’ terminals and held to the end of its time', async () => {
    expect(problems).toEqual([]);
    await deskTerminal.close();
    const [visit] = await storeVisits(applicationId);
    if (!visit) throw new Error('no visit booked');
    clock.setChinaTime(VISIT_DATE, '09:50');
    const codes = await issueEnrolmentCodes(store, desk, rooms);
    for (const name of ['prison', 'bureau'] as const) {
      const reader = demoCardReader(`form1-${name}`);
      readers.push(reader);
      const configPath = join(dir, `${name}.json`);
      const dirs = { dataDir: join(dir, `${name}-data`), recordingDir: join(dir, `${name}-recordings`) };
      writeFileSync(
        configPath,
        JSON.stringify(visitTerminalConfig(desk, rooms, name, store.url, dirs, { idCardReader: reader.config })),
      );
      const browser = await launchChromium([
        ...fakeDeviceArgs(makeFakeMedia(dir, name)),
        '--autoplay-policy=no-user-gesture-required',
      ]);
      browsers.push(browser);
      const [t] = await openTerminals(browser, server.url, [
        {
          configPath,
          dataDir: dirs.dataDir,
          now: clock.now,
          viewport: { width: 1280, height: 720 },
          call: { iceServers: [], graceMs: 30_000, tickMs: 250, linkSummaryMs: 10_000 },
        },
      ]);
      if (!t) throw new Error('terminal did not open');
      const sideProblems: string[] = [];
      t.page.on('pageerror', (error) => sideProblems.push(`pageerror: ${error.message}`));
      await t.load();
      await t.page.getByTestId('idle-screen').waitFor({ state: 'visible', timeout: 60_000 });
      sides.push({ name, label: name, t, reader, admins: rooms.admins[name], problems: sideProblems });
    }
    const [prison, bureau] = sides as [steps.DemoSide, steps.DemoSide];
    await Promise.all([steps.enrol(prison, codes.prison, visit.id), steps.enrol(bureau, codes.bureau, visit.id)]);
    for (const side of sides) {
      await steps.loginBoth(side);
      await steps.openVisit(side.t.page, visit.id);
    }
    // R11.1: the relatives Form 1 named are the ones the terminal admits.
    const cards = RELATIVES.map((r) => IDCARD(r.card));
    expect(await steps.checkInByCard(bureau, cards)).toBe(2);
    await bureau.t.page.screenshot({ path: join(ARTIFACTS, 'desk-form1-05-bureau-checkin.png') });
    await steps.noticeAndDeposits(bureau);
    await steps.inmateAndEquipment(prison, visit.id);
    await steps.inmateAndEquipment(bureau, visit.id);
    const ready = await prison.t.terminal.services.visit.readiness({ visitId: visit.id });
    if (
      ready.blockers.some((b) => ['R11.1', 'R12.1', 'R19.1'].includes(b.requirement ?? '') && !b.code.startsWith('equipment'))
    ) {
      await steps.checkInByCard(prison, cards);
      await steps.noticeAndDeposits(prison);
    }
    await steps.joinCall(prison, visit.id);
    await steps.joinCall(bureau, visit.id);
    for (const side of sides) await expect.poll(() => steps.callPhase(side.t.page), { timeout: 60_000 }).toBe('in-progress');
    await Promise.all([steps.remoteVideoPlays(prison.t.page), steps.remoteVideoPlays(bureau.t.page)]);
    await bureau.t.page.screenshot({ path: join(ARTIFACTS, 'desk-form1-06-bureau-call.png') });

    // R14.2: the clock jumps to the last seconds; the countdown ends the visit on both sides and at the store.
    const remaining = (await prison.t.terminal.services.call.current(undefined))?.remainingMs ?? 0;
    expect(remaining).toBeGreaterThan(29 * 60_000);
    clock.forward(remaining - 3_000);
    for (const side of sides)
      await expect
        .poll(() => side.t.page.getByTestId('call-ended').getAttribute('data-outcome'), { timeout: 30_000 })
        .toBe('completed');
    await expect.poll(async () => (await storeVisits(applicationId))[0]?.status, { timeout: 30_000 }).toBe('completed');
    // R13.1: both recordings of the held visit are sealed (not interrupted).
    for (const side of sides) expect((await sealedRecording(side.t.terminal, visit.id)).recordingId).not.toBe('');
    for (const side of sides) expect(side.problems).toEqual([]);
  }, 300_000);
});
