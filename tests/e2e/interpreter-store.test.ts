// R23.1 end to end against the REAL central store (issue 25 item 1): the bureau receives a
// Form 2 application in 彝语 (Yi), the chain approves and schedules it, the bureau terminal
// enrols and pulls its day through sync, and the day says an interpreter is needed: the
// check-in shows the interpreter step and the visit cannot start until one is registered.
// Then the applicant withdraws (item 5): the next sync drops the visit from the day.
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
import { IDCARD } from '../../harness/fixtures/visit-day/day-snapshot';
import { launchChromium } from '../../harness/browser/browser';
import {
  SEED_PASSWORD,
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
const READER_DRIVER = 'ga467-simulated-interpreter';
const READER_PATH = '/dev/ttySIM-interpreter-store';
/** A Tuesday. */
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
  seed = await seedVisitDay(central, { visitDate: VISIT_DATE, start: '10:00', languages: [{ kind: 'minority', name: '彝语' }] });
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-interpreter-'));
  const configPath = join(dir, 'bureau.json');
  writeFileSync(
    configPath,
    JSON.stringify(
      seededTerminalConfig(
        seed,
        'bureau',
        central,
        { dataDir: join(dir, 'data'), recordingDir: join(dir, 'recordings') },
        { idCardReader: { driver: READER_DRIVER, path: READER_PATH } },
      ),
    ),
  );
  browser = await launchChromium();
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  [t] = (await openTerminals(browser, server.url, [{ configPath, now: () => clock.now }])) as [OpenedTerminal];
  page = t.page;
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
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

describe('R23.1 a visit in 彝语 from the store to the terminal’s check-in', () => {
  test('R23.1 application in 彝语 → approved → scheduled → the terminal’s day needs an interpreter → check-in requires it; withdrawn → dropped', async () => {
    const visitId = seed.visit.id;
    // The store's record says it first.
    const app = await central.call('GET', `/api/applications/${seed.ids.applicationId}`, { token: seed.adminToken });
    expect(app.body).toMatchObject({
      status: 'approved',
      languages: [{ kind: 'minority', name: '彝语' }],
      interpreterRequired: true,
    });

    const consolePage = await t.openPage('#/console');
    await consolePage.getByTestId('console-enrol-code').fill(seed.enrolment.bureau);
    await consolePage.getByTestId('console-enrol-submit').click();
    await expect
      .poll(() => consolePage.getByTestId('console-enrol-message').textContent(), { timeout: 30_000 })
      .toContain(seed.terminalIds.bureau);
    await consolePage.close();
    await expect
      .poll(
        async () => (await invoke<Array<{ visitId: string }>>('visit', 'listForDay', { date: VISIT_DATE })).map((v) => v.visitId),
        { timeout: 30_000 },
      )
      .toEqual([visitId]);

    const [li, he] = seed.admins.bureau;
    await page.getByTestId('admin-login').click();
    for (const s of [li, he]) {
      await page.getByTestId('login-username').fill(s.username);
      await page.getByTestId('login-password').fill(s.password);
      await page.getByTestId('login-submit').click();
      if (s === li) await expect.poll(() => page.getByTestId('login-slot-1').innerText()).toContain(li.name);
    }
    await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    await page.getByTestId(`visit-${visitId}`).click();
    await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
    // The day pulled from the store says 彝语: the interpreter step is there and wanting.
    await page.getByTestId('interpreter-missing').waitFor({ state: 'visible' });
    expect(await page.getByTestId('interpreter').innerText()).toContain('彝语');
    const roster = await invoke<{ languages: string[]; interpreterRequired: boolean }>('checkin', 'roster', { visitId });
    expect(roster).toMatchObject({ languages: ['彝语'], interpreterRequired: true });

    const [zhang] = seed.visitors as [VisitDaySeed['visitors'][number]];
    simulator.placeCard(loadCardFixture(IDCARD(zhang.card)));
    await page.getByTestId('read-card').click();
    await expect.poll(() => page.locator('[data-checked-in="true"]').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('step-readiness').click();
    await expect.poll(() => page.getByTestId('blockers').innerText()).toContain('R23.1');
    await page.screenshot({ path: `${ARTIFACTS}/interpreter-store-01-needs-interpreter.png` });

    await page.getByTestId('step-checkin').click();
    await page.getByTestId('interpreter-name').fill('沙玛');
    await page.getByTestId('interpreter-id').fill('530102198503150050');
    await page.getByTestId('interpreter-submit').click();
    await page.getByTestId('interpreter-registered').waitFor({ state: 'visible' });
    await page.getByTestId('step-readiness').click();
    await page.getByTestId('blockers').waitFor({ state: 'visible' });
    expect(await page.getByTestId('blockers').innerText()).not.toContain('R23.1');
    await page.screenshot({ path: `${ARTIFACTS}/interpreter-store-02-interpreter-registered.png` });

    // The applicant withdraws at the bureau's desk (item 5): the next sync drops the visit.
    const bureauReviewer = await central.login(seed.reviewers.bureau.username, SEED_PASSWORD);
    const withdrawn = await central.call('POST', `/api/applications/${seed.ids.applicationId}/withdraw`, {
      token: bureauReviewer,
      body: { reason: '家中有事，申请人撤回' },
    });
    expect(withdrawn.status).toBe(200);
    await invoke('sync', 'syncNow');
    await expect
      .poll(async () => (await invoke<{ status: string }>('checkin', 'roster', { visitId })).status, { timeout: 30_000 })
      .toBe('cancelled');
    expect(problems).toEqual([]);
  });
});
