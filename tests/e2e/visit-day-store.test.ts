// Against the REAL central store: the store is seeded through its HTTP API only
// (harness/store/seed-store.ts: organisations, staff, inmate, a Form 2 application
// through the review chain, enrolment codes). The bureau terminal (real main services,
// real SQLite, the GA 467 simulator) enrols with its code; its sync worker pulls today's
// visit and the administrators' argon2id hashes. Then the store is CLOSED: two
// administrators log in offline, visitors check in by card, acknowledge the notice,
// deposit their phones, the equipment check names the unreachable store; and when the
// store is back, the terminal's audit events arrive there (R26.1) and the network passes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { Ga467SerialReader } from '../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../src-main/idcard/simulator';
import { registerIdCardDriver } from '../../src-main/visit-day';
import { CARD, IDCARD } from '../../harness/fixtures/visit-day/day-snapshot';
import { launchChromium } from '../../harness/browser/browser';
import {
  seededTerminalConfig,
  seedVisitDay,
  startCentralStore,
  type CentralStoreHandle,
  type VisitDaySeed,
} from '../../harness/store/seed-store';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const READER_DRIVER = 'ga467-simulated-store';
const READER_PATH = '/dev/ttySIM-visit-day-store';
/** A Tuesday; the application was received the Tuesday before. */
const VISIT_DATE = '2026-12-01';
const at = (hhmm: string) => new Date(`${VISIT_DATE}T${hhmm}:00+08:00`);

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

let browser: Browser;
let server: StaticServer;
let central: CentralStoreHandle;
let seed: VisitDaySeed;
let t: OpenedTerminal;
let page: Page;
let dir: string;
const clock = { now: at('09:40') };
const problems: string[] = [];

type Kiosk = { kiosk: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> };
/** A kiosk method called from the page, through the same bridge and dispatcher as the renderer. */
async function invoke<T>(ns: string, method: string, args?: unknown): Promise<T> {
  const result = (await page.evaluate(
    ([n, m, a]) => {
      const fn = (window as unknown as Kiosk).kiosk[n]?.[m];
      if (!fn) throw new Error(`no kiosk method ${n}.${m}`);
      return fn(a);
    },
    [ns, method, args] as const,
  )) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`${ns}.${method}: ${result.error.message}`);
  return result.value;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentralStore();
  seed = await seedVisitDay(central, { visitDate: VISIT_DATE, start: '10:00' });
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-store-'));
  const configPath = join(dir, 'bureau.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      seededTerminalConfig(
        seed,
        'bureau',
        central,
        { dataDir: join(dir, 'data'), recordingDir: join(dir, 'recordings') },
        {
          idCardReader: { driver: READER_DRIVER, path: READER_PATH },
        },
      ),
    ),
  );
  browser = await launchChromium();
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  [t] = (await openTerminals(browser, server.url, [{ configPath, now: () => clock.now }])) as [OpenedTerminal];
  page = t.page;
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    // The store is closed on purpose in the middle: failed fetches are expected then.
    if (msg.type() === 'error' && !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(msg.text()))
      problems.push(`console: ${msg.text()}`);
  });
  await t.load();
  await page.getByTestId('idle-screen').waitFor({ state: 'visible' });
}, 120_000);

afterAll(async () => {
  await t?.close();
  await browser?.close();
  await server?.close();
  await central?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function readCard(fixture: string) {
  simulator.placeCard(loadCardFixture(fixture));
  await page.getByTestId('read-card').click();
  await expect.poll(() => page.getByTestId('read-card').isEnabled(), { timeout: 15_000 }).toBe(true);
}

const storeEvents = async (terminalId: string) =>
  central.app.ctx.db
    .selectFrom('terminal_events')
    .select(['seq', 'kind', 'actor', 'payload'])
    .where('terminal_id', '=', terminalId)
    .orderBy('seq')
    .execute();

describe('the visit day against the real central store', () => {
  test('R25.1 R11.1 R12.1 R19.1 R26.1 enrol, pull, store down: offline login and check-in; store back: the audit events arrive', async () => {
    const visitId = seed.visit.id;
    const [li, he] = seed.admins.bureau;

    // Enrolment with the one-time code in the console, then one sync round: today's visit and the staff hashes.
    const consolePage = await t.openPage('#/console');
    await consolePage.getByTestId('console-enrol-code').fill(seed.enrolment.bureau);
    await consolePage.getByTestId('console-enrol-submit').click();
    await expect
      .poll(() => consolePage.getByTestId('console-enrol-message').textContent(), { timeout: 30_000 })
      .toContain(seed.terminalIds.bureau);
    await consolePage.screenshot({ path: join(ARTIFACTS, 'visit-day-store-00-enrolled.png'), fullPage: true });
    await consolePage.close();
    // R25.1: nobody is logged in yet, so only what the idle screen may read (the day's list, the sync state).
    await expect
      .poll(
        async () => (await invoke<Array<{ visitId: string }>>('visit', 'listForDay', { date: VISIT_DATE })).map((v) => v.visitId),
        { timeout: 30_000 },
      )
      .toEqual([visitId]);
    await expect.poll(async () => (await invoke<{ state: string }>('sync', 'status')).state, { timeout: 30_000 }).toBe('idle');

    // The network to the store goes down.
    await central.pause();
    await expect(fetch(`${central.url}/health`)).rejects.toThrow();

    // R25.1 offline: the hashes pulled at the last sync; the names come from the store.
    await page.getByTestId('admin-login').click();
    for (const s of [li, he]) {
      await page.getByTestId('login-username').fill(s.username);
      await page.getByTestId('login-password').fill(s.password);
      await page.getByTestId('login-submit').click();
      if (s === li) await expect.poll(() => page.getByTestId('login-slot-1').innerText()).toContain(li.name);
    }
    await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    expect(await page.getByTestId('admins').innerText()).toMatch(new RegExp(`${li.name}.*${he.name}`));
    await page.getByTestId(`visit-${visitId}`).click();
    await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
    expect(await page.getByTestId('checkin-screen').innerText()).toContain(seed.inmate.name.slice(0, 1));

    // R11.1: the approved relatives' cards are matched; a person not on the list is refused.
    const [zhang, duan] = seed.visitors as [VisitDaySeed['visitors'][number], VisitDaySeed['visitors'][number]];
    await readCard(IDCARD(zhang.card));
    await readCard(IDCARD(duan.card));
    await expect.poll(() => page.locator('[data-checked-in="true"]').count()).toBe(2);
    await readCard(CARD('unlisted-zhao'));
    await expect.poll(() => page.getByTestId('refusal').getAttribute('data-requirement')).toBe('R11.1');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-store-01-checkin-offline.png` });

    // R12.1 notice, R19.1 deposits (a phone for one, nothing for the other).
    await page.getByTestId('step-prepare').click();
    const rosterIds = await page
      .locator('[data-testid^="prep-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rosterIds).toHaveLength(2);
    for (const [i, id] of rosterIds.entries()) {
      const card = page.getByTestId(id ?? '');
      await card.getByTestId('ack-notice').click();
      await card.getByTestId('notice-done').waitFor({ state: 'visible' });
      if (i === 0) {
        await card.getByTestId('choose-phone').click();
        await card.getByTestId('declare').click();
        await card.getByTestId('mark-deposited').click();
        await card.getByTestId('mark-returned').waitFor({ state: 'visible' });
      } else {
        await card.getByTestId('declare-none').click();
        await card.getByTestId('nothing-declared').waitFor({ state: 'visible' });
      }
    }
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-store-02-prepare-offline.png` });

    // R12.1: with the store down the equipment check fails on the network path and says so.
    const ok = { ok: true, detail: '' };
    const down = await invoke<{ accepted: boolean; roster: { equipment: { name: string; ok: boolean; detail: string }[] } }>(
      'device',
      'equipmentCheck',
      { visitId, camera: ok, microphone: ok, speaker: ok },
    );
    expect(down.roster.equipment.find((e) => e.name === 'network')).toMatchObject({ ok: false });
    await page.getByTestId('step-readiness').click();
    await expect.poll(() => page.getByTestId('blockers').innerText()).toContain('到中心库的网络');
    const sinceOffline = await invoke<{ state: string }>('sync', 'syncNow');
    expect(sinceOffline.state).toBe('offline');

    // The store is back: the equipment check passes, and one round brings the events there.
    await central.resume();
    const up = await invoke<{ roster: { equipment: { name: string; ok: boolean }[] } }>('device', 'equipmentCheck', {
      visitId,
      camera: ok,
      microphone: ok,
      speaker: ok,
    });
    expect(up.roster.equipment.every((e) => e.ok)).toBe(true);
    await expect.poll(async () => (await invoke<{ state: string }>('sync', 'syncNow')).state, { timeout: 30_000 }).toBe('idle');
    const events = await storeEvents(seed.terminalIds.bureau);
    const kinds = events.map((e) => e.kind);
    for (const k of [
      'terminal.enrolled',
      'visitDay.imported',
      'auth.login',
      'checkin.accepted',
      'checkin.refused',
      'notice.acknowledged',
      'deposit.declared',
      'deposit.deposited',
    ]) {
      expect(kinds, k).toContain(k);
    }
    // Attributed by name (R25.1), in the store as in the terminal.
    const accepted = events
      .filter((e) => e.kind === 'checkin.accepted')
      .map((e) => JSON.parse(e.payload) as { name: string; operator: string; supervisors: string[] });
    expect(accepted.map((p) => p.name).sort()).toEqual([zhang.name, duan.name].sort());
    expect(accepted[0]).toMatchObject({ operator: expect.stringMatching(new RegExp(`${li.name}|${he.name}`)) });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    // The readiness screen reads its blockers when opened: open it again.
    await page.getByTestId('step-checkin').click();
    await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
    await page.getByTestId('step-readiness').click();
    // Everything done, both administrators present, the store reachable: ready to start.
    await page.getByTestId('ready').waitFor({ state: 'visible' });
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-store-03-readiness-store-back.png` });

    // R19.1 after the visit: the phone still in custody is listed on the visits screen and handed back.
    await page.getByTestId('back-to-visits').click();
    await page.getByTestId('returns').waitFor({ state: 'visible' });
    expect(await page.getByTestId('returns').innerText()).toContain('手机');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-store-04-returns.png` });
    await page.getByTestId('return-item').click();
    await page.getByTestId('returns').waitFor({ state: 'detached' });
    await expect.poll(async () => (await invoke<{ state: string }>('sync', 'syncNow')).state, { timeout: 30_000 }).toBe('idle');
    const returned = (await storeEvents(seed.terminalIds.bureau))
      .filter((e) => e.kind === 'deposit.returned')
      .map((e) => JSON.parse(e.payload) as Record<string, unknown>);
    expect(returned).toEqual([
      expect.objectContaining({ item: '手机', owner: expect.any(String), operator: expect.any(String) }),
    ]);
    expect(problems).toEqual([]);
  }, 180_000);

  test('R11.2 R25.1 the prison terminal: enrolled, offline login, the inmate confirmed in position by name; the event reaches the store', async () => {
    const prisonDir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-store-prison-'));
    const configPath = join(prisonDir, 'prison.json');
    writeFileSync(
      configPath,
      JSON.stringify(
        seededTerminalConfig(seed, 'prison', central, {
          dataDir: join(prisonDir, 'data'),
          recordingDir: join(prisonDir, 'recordings'),
        }),
      ),
    );
    const [p] = (await openTerminals(browser, server.url, [{ configPath, now: () => clock.now }])) as [OpenedTerminal];
    try {
      const prisonPage = p.page;
      await p.load();
      await prisonPage.getByTestId('idle-screen').waitFor({ state: 'visible' });
      const call = async <T>(ns: string, method: string, args?: unknown): Promise<T> => {
        const result = (await prisonPage.evaluate(([n, m, a]) => (window as unknown as Kiosk).kiosk[n]?.[m]?.(a), [
          ns,
          method,
          args,
        ] as const)) as { ok: true; value: T } | { ok: false; error: { message: string } };
        if (!result.ok) throw new Error(`${ns}.${method}: ${result.error.message}`);
        return result.value;
      };
      await call('admin', 'enrol', { code: seed.enrolment.prison });
      await expect
        .poll(
          async () => (await call<Array<{ visitId: string }>>('visit', 'listForDay', { date: VISIT_DATE })).map((v) => v.visitId),
          { timeout: 30_000 },
        )
        .toEqual([seed.visit.id]);
      await central.pause();
      try {
        await prisonPage.getByTestId('admin-login').click();
        const [wang, zhao] = seed.admins.prison;
        for (const s of [wang, zhao]) {
          await prisonPage.getByTestId('login-username').fill(s.username);
          await prisonPage.getByTestId('login-password').fill(s.password);
          await prisonPage.getByTestId('login-submit').click();
          if (s === wang) await expect.poll(() => prisonPage.getByTestId('login-slot-1').innerText()).toContain(wang.name);
        }
        await prisonPage.getByTestId(`visit-${seed.visit.id}`).click();
        await prisonPage.getByTestId('inmate-position').waitFor({ state: 'visible' });
        await prisonPage.getByTestId('step-readiness').click();
        await expect.poll(() => prisonPage.getByTestId('blockers').innerText()).toContain('R11.2');
        await prisonPage.getByTestId('step-checkin').click();
        await prisonPage.getByTestId('confirm-inmate-in-position').click();
        await prisonPage.getByTestId('inmate-in-position').waitFor({ state: 'visible' });
        expect(await prisonPage.getByTestId('inmate-in-position').innerText()).toContain(wang.name);
        await prisonPage.screenshot({ path: `${ARTIFACTS}/visit-day-store-05-prison-inmate-in-position.png` });
        await prisonPage.getByTestId('step-readiness').click();
        await prisonPage.getByTestId('blockers').waitFor({ state: 'visible' });
        expect(await prisonPage.getByTestId('blockers').innerText()).not.toContain('R11.2');
      } finally {
        await central.resume();
      }
      await expect.poll(async () => (await call<{ state: string }>('sync', 'syncNow')).state, { timeout: 30_000 }).toBe('idle');
      const events = await storeEvents(seed.terminalIds.prison);
      const confirmed = events
        .filter((e) => e.kind === 'visit.inmateInPosition')
        .map((e) => JSON.parse(e.payload) as Record<string, unknown>);
      expect(confirmed).toEqual([
        expect.objectContaining({
          visitId: seed.visit.id,
          inmate: seed.inmate.name,
          operator: seed.admins.prison[0].name,
          requirement: 'R11.2',
        }),
      ]);
    } finally {
      await p.close();
      rmSync(prisonDir, { recursive: true, force: true });
    }
  }, 180_000);
});
