// End to end: the real renderer in Chromium over the real main services (real
// SQLite, argon2id, the GA 467 simulator on serialport's mock binding), with a clock the
// test moves. The day's visits and staff hashes are seeded through importDaySnapshot, the
// function the sync worker will call. The central store's /health is a local stub here.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { Ga467SerialReader } from '../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../src-main/idcard/simulator';
import { STORE_FILE_NAME } from '../../src-main/terminal';
import { importDaySnapshot, registerIdCardDriver } from '../../src-main/visit-day';
import {
  at,
  CARD,
  CONFIG_WITH_READER,
  daySnapshot,
  IDCARD,
  READER_DRIVER,
  READER_PATH,
  STAFF,
} from '../../harness/fixtures/visit-day/day-snapshot';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');

let browser: Browser;
let server: StaticServer;
let central: Server;
let configPath: string;
const open: OpenedTerminal[] = [];

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

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  // Stands in for the central store's GET /health (the equipment check's network path).
  central = createServer((req, res) => void res.writeHead(req.url === '/health' ? 200 : 404).end('{"status":"ok"}'));
  await new Promise<void>((resolve) => central.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-config-'));
  configPath = join(dir, 'bureau.json');
  const config = JSON.parse(readFileSync(CONFIG_WITH_READER, 'utf8')) as Record<string, unknown>;
  writeFileSync(
    configPath,
    JSON.stringify({
      ...config,
      centralStoreUrl: `http://127.0.0.1:${(central.address() as AddressInfo).port}`,
      recordingDir: join(dir, 'recordings'),
    }),
  );
});

afterAll(async () => {
  for (const t of open.splice(0)) await t.close();
  await browser?.close();
  await server?.close();
  central?.closeAllConnections();
  await new Promise((resolve) => central?.close(resolve));
});

async function start(hhmm: string, permissions?: string[]) {
  const clock = { now: at(hhmm) };
  const [t] = await openTerminals(browser, server.url, [
    { configPath, now: () => clock.now, ...(permissions ? { permissions } : {}) },
  ]);
  if (!t) throw new Error('no terminal opened');
  open.push(t);
  const db = new Database(join(t.dataDir, STORE_FILE_NAME));
  importDaySnapshot(db, await daySnapshot(), {
    terminalId: 'kmgd-sfj-room1',
    siteId: 'kmgd-sfj',
    roomId: 'room1',
    now: clock.now,
  });
  db.close();
  const problems: string[] = [];
  t.page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  t.page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await t.load();
  await t.page.getByTestId('idle-screen').waitFor({ state: 'visible' });
  return { t, page: t.page, clock, problems };
}

async function login(page: OpenedTerminal['page'], s: { username: string; password: string }) {
  await page.getByTestId('login-username').fill(s.username);
  await page.getByTestId('login-password').fill(s.password);
  await page.getByTestId('login-submit').click();
}

async function loginBothAndOpen(page: OpenedTerminal['page'], visitId: string) {
  await page.getByTestId('admin-login').click();
  await login(page, STAFF.li);
  await expect.poll(() => page.getByTestId('login-slot-1').innerText()).toContain(STAFF.li.name);
  await login(page, STAFF.he);
  await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
  await page.getByTestId(`visit-${visitId}`).click();
  await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });
}

async function readCard(page: OpenedTerminal['page'], fixture: string) {
  simulator.placeCard(loadCardFixture(fixture));
  await page.getByTestId('read-card').click();
  await expect.poll(() => page.getByTestId('read-card').isEnabled()).toBe(true);
}

describe('the visit day at the terminal', () => {
  test('R25.1 R11.1 R14.2 R27.1 two administrators log in; a card is matched; unlisted and fourth visitors are refused', async () => {
    const { page, problems } = await start('09:45');
    await page.getByTestId('admin-login').click();
    await page.getByTestId('login-screen').waitFor({ state: 'visible' });
    await login(page, STAFF.li);
    await expect.poll(() => page.getByTestId('login-slot-1').innerText()).toContain('李静');
    // The same account a second time is refused (R25.1: two DIFFERENT administrators).
    await login(page, STAFF.li);
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('R25.1');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-01-login-same-account-refused.png` });
    await login(page, STAFF.he);
    await page.getByTestId('visits-screen').waitFor({ state: 'visible' });
    expect(await page.getByTestId('admins').innerText()).toMatch(/李静.*何伟/);
    await page.getByTestId('visit-V-1000').click();
    await page.getByTestId('checkin-screen').waitFor({ state: 'visible' });

    await readCard(page, IDCARD('resident-valid'));
    await expect.poll(() => page.getByTestId('roster-P-ZW').getAttribute('data-checked-in')).toBe('true');
    expect(await page.getByTestId('refusal').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-02-checkin-card-matched.png` });

    await readCard(page, CARD('unlisted-zhao'));
    await expect.poll(() => page.getByTestId('refusal').getAttribute('data-requirement')).toBe('R11.1');
    expect(await page.getByTestId('refusal-message').innerText()).toContain('不在本次会见核准的会见人员名单中');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-03-checkin-unlisted-refused.png` });

    await readCard(page, IDCARD('resident-long-term'));
    await readCard(page, IDCARD('resident-dai'));
    await expect.poll(() => page.locator('[data-checked-in="true"]').count()).toBe(3);
    await readCard(page, CARD('wang-fang'));
    await expect.poll(() => page.getByTestId('refusal').getAttribute('data-requirement')).toBe('R14.2');
    expect(await page.getByTestId('roster-P-WF').getAttribute('data-checked-in')).toBe('false');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-04-checkin-fourth-refused.png` });

    // Notice and deposits for one visitor, then what still blocks the start.
    await page.getByTestId('step-prepare').click();
    const zw = page.getByTestId('prep-P-ZW');
    await zw.getByTestId('ack-notice').click();
    await zw.getByTestId('notice-done').waitFor({ state: 'visible' });
    await zw.getByTestId('choose-phone').click();
    await zw.getByTestId('declare').click();
    await zw.getByTestId('mark-deposited').click();
    await expect.poll(() => zw.getByTestId('mark-returned').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-05-notice-and-deposits.png` });
    await page.getByTestId('step-readiness').click();
    await page.getByTestId('blockers').waitFor({ state: 'visible' });
    const codes = await page.getByTestId('blocker').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toContain('notice-not-acknowledged'); // the other two visitors
    expect(codes).not.toContain('needs-two-admins');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-06-readiness.png` });
    expect(problems).toEqual([]);
  });

  test('R23.1 a visit in 彝语 cannot start until the interpreter is checked in', async () => {
    const { page, problems } = await start('10:40');
    await loginBothAndOpen(page, 'V-1100');
    await page.getByTestId('interpreter-missing').waitFor({ state: 'visible' });
    await readCard(page, IDCARD('resident-valid'));
    await page.getByTestId('step-readiness').click();
    await expect.poll(() => page.getByTestId('blockers').innerText()).toContain('R23.1');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-07-interpreter-missing-blocks.png` });
    await page.getByTestId('step-checkin').click();
    await page.getByTestId('interpreter-name').fill('沙玛');
    await page.getByTestId('interpreter-id').fill('530102198503150050');
    await page.getByTestId('interpreter-submit').click();
    await page.getByTestId('interpreter-registered').waitFor({ state: 'visible' });
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-08-interpreter-registered.png` });
    await page.getByTestId('step-readiness').click();
    await page.getByTestId('blockers').waitFor({ state: 'visible' });
    expect(await page.getByTestId('blockers').innerText()).not.toContain('R23.1');
    expect(problems).toEqual([]);
  });

  test('R10.1 a party absent at the start time forfeits (clock moved to 14:00)', async () => {
    // 13:55: five minutes before the start, so the 10-minute inactivity lock does not fire first.
    const { page, clock, problems } = await start('13:55');
    await loginBothAndOpen(page, 'V-1400');
    expect(await page.getByTestId('visit-status').innerText()).toBe('待会见');
    clock.now = at('14:00');
    await page.getByTestId('step-readiness').click();
    await expect.poll(() => page.getByTestId('blockers').innerText(), { timeout: 5_000 }).toContain('R10.1');
    await page.getByTestId('step-checkin').click();
    await expect.poll(() => page.getByTestId('visit-status').innerText()).toBe('视为放弃');
    await readCard(page, IDCARD('resident-long-term'));
    await expect.poll(() => page.getByTestId('refusal').getAttribute('data-requirement')).toBe('R10.1');
    await page.screenshot({ path: `${ARTIFACTS}/visit-day-09-forfeited-at-start.png` });
    expect(problems).toEqual([]);
  });

  test('R12.1 without camera permission the equipment check fails and says what to do', async () => {
    // A browser whose (fake) permission prompt answers "deny" (it denies the microphone too,
    // whatever the context grants), so getUserMedia fails as with a blocked or absent camera.
    const denying = await launchChromium(['--use-fake-ui-for-media-stream=deny']);
    try {
      const clock = { now: at('09:45') };
      const [t] = await openTerminals(denying, server.url, [{ configPath, now: () => clock.now, permissions: ['microphone'] }]);
      if (!t) throw new Error('no terminal opened');
      open.push(t);
      const db = new Database(join(t.dataDir, STORE_FILE_NAME));
      importDaySnapshot(db, await daySnapshot(), {
        terminalId: 'kmgd-sfj-room1',
        siteId: 'kmgd-sfj',
        roomId: 'room1',
        now: clock.now,
      });
      db.close();
      const page = t.page;
      await t.load();
      await loginBothAndOpen(page, 'V-1000');
      await page.getByTestId('step-equipment').click();
      await page.getByTestId('equipment-start').click();
      await page.getByTestId('tone-heard').click();
      await page.getByTestId('equipment-results').waitFor({ state: 'visible' });
      expect(await page.getByTestId('equipment-camera').getAttribute('data-ok')).toBe('false');
      expect(await page.getByTestId('equipment-camera').innerText()).toContain('请检查摄像头');
      expect(await page.getByTestId('equipment-camera').innerText()).toContain('没有使用权限');
      expect(await page.getByTestId('equipment-network').getAttribute('data-ok')).toBe('true');
      expect(await page.getByTestId('equipment-disk').getAttribute('data-ok')).toBe('true');
      await page.screenshot({ path: `${ARTIFACTS}/visit-day-10-equipment-camera-failed.png` });
      await page.getByTestId('step-readiness').click();
      await expect.poll(() => page.getByTestId('blockers').innerText()).toContain('摄像头检测未通过');
      await t.close();
      open.splice(open.indexOf(t), 1);
    } finally {
      await denying.close();
    }
  });
});
