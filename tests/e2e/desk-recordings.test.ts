// End to end, issue #19 item 3 (R26.1, R29.1, R13.1): recordings at the central store, found
// and played at the desk. A real store on 127.0.0.1; a visit recorded by both rooms' enrolled
// terminals (real WebM archives made with ffmpeg, manifests signed with each terminal's key,
// uploaded through tus); the desk in Chromium over the REAL main services. A provincial
// supervisor searches by the visitor's ID number, opens the playback page (both sides'
// signatures verified against the enrolled keys), plays both pictures, jumps to the warning's
// chapter (both seek, the later side by its offset) and finds the playback in the access
// audit; a bureau's supervisor does not find the visit (scope). Chromium plays the store's
// bytes from the page's own origin (/store-media/<ticket>, passed on by the harness's server
// as the app:// protocol does in Electron), under the app's CSP (media-src 'self').
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { storeMediaResponse, storeMediaTicket } from '../../src-main/desk/store-media';
import { seedDesk, DESK_PASSWORD, type DeskSeed } from '../fixtures/desk/seed-desk';
import { launchChromium } from '../../harness/browser/browser';
import { startCentralStore, type CentralStoreHandle } from '../../harness/store/seed-store';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../../harness/store/store';
import { recordVisitAtStore, type RecordedVisit } from '../../harness/store/recorded-visit';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const VISITOR_ID = '530102199003071238';
const WARNING = '谈论有碍监管安全内容';

let browser: Browser;
let server: StaticServer;
let central: CentralStoreHandle;
let seed: DeskSeed;
let t: OpenedTerminal;
let page: Page;
let dir: string;
let recorded: RecordedVisit;
const problems: string[] = [];
const SUPERVISOR = { username: 'sj.supervisor', name: '省局督查员' };
// A bureau's own supervising officer: the administrator role (the supervisor role sits at the province only).
const BUREAU_SUPERVISOR = { username: 'wh.admin', name: '五华局管理员' };

async function login(clerk: { username: string; name: string }) {
  if (await page.getByTestId('desk-logout').isVisible()) await page.getByTestId('desk-logout').click();
  await page.getByTestId('desk-login').waitFor({ state: 'visible' });
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(DESK_PASSWORD);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

async function searchById() {
  await page.getByTestId('desk-tab-recordings').click();
  await page.getByTestId('rec-from').fill('2026-10-01');
  await page.getByTestId('rec-to').fill('2026-10-31');
  await page.getByTestId('rec-visitor').fill(VISITOR_ID);
  await page.getByTestId('rec-search').click();
  await page.getByTestId('rec-total').waitFor({ state: 'visible', timeout: 20_000 });
}

const times = () =>
  page.$$eval('[data-testid="rec-video"]', (videos) =>
    (videos as HTMLVideoElement[]).map((v) => ({
      side: v.dataset['side'],
      t: v.currentTime,
      ready: v.readyState,
      paused: v.paused,
    })),
  );

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentralStore();
  seed = await seedDesk(central);
  const admin = await central.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  const me = await central.call('GET', '/api/auth/me', { token: admin });
  const staff = (organisationId: string, username: string, displayName: string, role: string) =>
    central.call('POST', '/api/staff', {
      token: admin,
      body: { organisationId, username, displayName, password: DESK_PASSWORD, roles: [role] },
    });
  expect((await staff(me.body.staff.organisationId, SUPERVISOR.username, SUPERVISOR.name, 'supervisor')).status).toBe(201);
  expect((await staff(seed.ids.otherBureauId, BUREAU_SUPERVISOR.username, BUREAU_SUPERVISOR.name, 'administrator')).status).toBe(
    201,
  );
  const warden = await central.call('GET', '/api/auth/me', {
    token: await central.login(seed.clerks.warden.username, DESK_PASSWORD),
  });
  const warning = (offsetMs: number) => ({
    offsetMs,
    note: `管理员警告 R16.1(5) ${WARNING}（${seed.clerks.warden.name}）`,
    actor: warden.body.staff.id,
  });
  recorded = await recordVisitAtStore(central, {
    adminToken: admin,
    seed: {
      prisonId: seed.ids.prisonId,
      wardId: seed.ids.wardId,
      roomId: seed.ids.prisonRoomId,
      remoteRoomId: seed.ids.bureauRoomId,
      partnerId: seed.ids.bureauId,
    },
    date: '2026-10-20',
    status: 'completed',
    visitors: [
      { name: '张伟', idNumber: VISITOR_ID },
      { name: '李秀英', idNumber: '530102199001010028' },
    ],
    prison: { colour: 'red', seconds: 8, startDelayMs: 0, incidents: [warning(3000)] },
    // The bureau's terminal started a second later; its mark of the same warning is one chapter.
    remote: { colour: 'blue', seconds: 8, startDelayMs: 1000, incidents: [warning(2100)] },
  });

  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-desk-rec-'));
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = join(dir, 'desk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...fixture,
      centralStoreUrl: central.url,
      dataDir: join(dir, 'data'),
      recordingDir: join(dir, 'recordings'),
    }),
  );
  browser = await launchChromium();
  server = await serveRenderer(root('dist/renderer'), APP_CSP, {
    // What the app:// protocol does in Electron (src-main/electron/protocol.ts).
    extraResponse: (request) =>
      storeMediaTicket(new URL(request.url).pathname) !== null
        ? storeMediaResponse(request, central.url, { 'content-security-policy': APP_CSP, 'x-content-type-options': 'nosniff' })
        : null,
  });
  [t] = (await openTerminals(browser, server.url, [{ configPath, viewport: { width: 1280, height: 1000 } }])) as [OpenedTerminal];
  page = t.page;
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await t.load();
  await page.getByTestId('desk-login').waitFor({ state: 'visible', timeout: 30_000 });
}, 180_000);

afterAll(async () => {
  await t?.close();
  await browser?.close();
  await server?.close();
  await central?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('desk: recordings at the store (issue #19 item 3)', () => {
  test('R26.1 R29.1 a provincial supervisor finds the visit by the visitor ID number (the list masks it, readable at 1280 px)', async () => {
    await login(SUPERVISOR);
    await searchById();
    const rows = page.getByTestId('rec-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-visit')).toBe(recorded.visitId);
    const text = (await rows.first().textContent()) ?? '';
    expect(text).toContain('张伟');
    expect(text).toContain('530102********1238');
    expect(text).not.toContain(VISITOR_ID);
    expect(text).toContain('警告 1');
    // Readable: no cell squeezed to a character per line.
    const narrowest = await page.$$eval('[data-testid="rec-row"] td', (cells) =>
      Math.min(...cells.map((c) => c.getBoundingClientRect().width)),
    );
    expect(narrowest).toBeGreaterThan(60);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-recordings-search.png'), fullPage: true });
  });

  test('the playback page: both sides verified against the enrolled keys, both pictures play, a chapter seeks both', async () => {
    await page.getByTestId('rec-open').first().click();
    await page.getByTestId('rec-playback').waitFor({ state: 'visible', timeout: 20_000 });
    await expect
      .poll(() => page.locator('[data-testid="rec-signature"][data-verified="true"]').count(), { timeout: 20_000 })
      .toBe(2);
    await expect.poll(async () => (await times()).map((v) => v.ready >= 2), { timeout: 30_000 }).toEqual([true, true]);

    await page.getByTestId('rec-play').click();
    await expect.poll(async () => (await times()).every((v) => !v.paused && v.t > 0.8), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('rec-play').click();

    // One chapter for the warning both terminals marked: readable, the officer named, no id.
    const chapters = page.getByTestId('rec-chapter');
    expect(await chapters.count()).toBe(1);
    expect(await chapters.first().textContent()).toBe(`0:03警告：${WARNING} — ${seed.clerks.warden.name}`);
    await page.getByTestId('rec-chapter').first().click();
    await expect
      .poll(async () => (await times()).map((v) => `${v.side}:${v.t.toFixed(1)}`), { timeout: 10_000 })
      .toEqual(['prison:3.0', 'remote:2.0']);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-recordings-playback.png'), fullPage: true });
  });

  test('R13.1 the supervisor sets the legal hold with a reason', async () => {
    await page.getByTestId('rec-hold-reason').fill('案件调查需要，保全录像');
    await page.getByTestId('rec-hold-toggle').click();
    await expect.poll(() => page.getByTestId('rec-hold').getAttribute('data-held'), { timeout: 10_000 }).toBe('true');
    expect(await page.getByTestId('rec-hold').textContent()).toContain('案件调查需要');
  });

  test('R26.1 R29.1 the province sees the search, both playbacks and the hold in the access audit', async () => {
    await page.getByTestId('rec-back').click();
    await page.getByTestId('recordings-audit-open').click();
    await page.getByTestId('rec-audit').waitFor({ state: 'visible', timeout: 20_000 });
    const row = (action: string) => page.locator(`[data-testid="rec-audit-row"][data-action="${action}"]`);
    await row('playback').first().waitFor({ state: 'visible', timeout: 20_000 });
    expect(await row('playback').count()).toBe(2);
    expect(await row('playback').first().getAttribute('data-visit')).toBe(recorded.visitId);
    expect(await row('playback').first().textContent()).toContain(SUPERVISOR.name);
    expect(await row('search').first().textContent()).toContain(VISITOR_ID);
    expect(await row('hold').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-recordings-audit.png'), fullPage: true });
  });

  test("R29.1 scope: another bureau's supervisor does not find the prison's visit", async () => {
    await login(BUREAU_SUPERVISOR);
    await searchById();
    expect(await page.getByTestId('rec-total').textContent()).toContain('共 0 次会见');
    expect(await page.getByTestId('rec-row').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
