// End to end, issue 18 (the fleet view in desk mode): the REAL central store on 127.0.0.1
// (harness/sync: the province's world built through its API), two REAL terminals (openTerminal
// on their own SQLite files, enrolled with one-time codes) whose heartbeat senders report over
// six hours of the store's clock, and the desk in Chromium over the real main services. One
// terminal (甲县司法局's room) has its card reader unplugged, a disk filling up and a clock
// drifting 40 s behind: the desk shows its three alerts; its history draws as charts; support
// asks it for its logs and the bundle arrives at its next sync round; the province rolls a
// build out to the other terminal only, and each terminal's feed says so; a bureau's
// administrator sees only its own terminals; the overview shows the alerts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_CSP } from '../../src-main/electron/csp';
import { unpackLogBundle } from '../../src-main/log/bundle';
import { createRotatingFile } from '../../src-main/log/rotating-file';
import type { Terminal } from '../../src-main/terminal-types';
import { TERMINAL_VERSION_HEADER } from '../../src-shared/store-api/endpoints/updates';
import { buildSignatureText } from '../../src-shared/updates/build-signature';
import type { DeviceCheck } from '../../src-shared/fleet/heartbeat';
import { launchChromium } from '../../harness/browser/browser';
import { serveRenderer, type StaticServer } from '../../harness/browser/static-server';
import { openTerminals, type OpenedTerminal } from '../../harness/browser/terminals';
import { ADMIN_PASSWORD, ADMIN_USERNAME } from '../../harness/store/store';
import { STAFF_PASSWORD } from '../../harness/store/world';
import { enrolledTerminal, startCentral, type CentralWorld, type TestTerminal } from '../../harness/sync/sync-world';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const GIB = 1024 ** 3;
const STEP_MS = 10 * 60_000;
/** Six hours of heartbeats, one each 10 minutes of the store's clock. */
const STEPS = 36;
/** The bureau terminal's clock loses 1.2 s every 10 minutes: 43 s behind at the end. */
const DRIFT_MS = 1_200;
/** An hour the bureau terminal is silent (its network cut): the online chart dips. */
const SILENT = { from: 12, to: 17 };
const PRISON_ID = 'jia-jianyu-room1';
const BUREAU_ID = 'jia-xian-sfj-room1';
const VIEWPORT = { width: 1366, height: 768 };

let central: CentralWorld;
let prisonT: TestTerminal;
let bureauT: TestTerminal;
let prison: Terminal;
let bureau: Terminal;
let browser: Browser;
let server: StaticServer;
let desk: OpenedTerminal;
let page: Page;
let dir: string;
const problems: string[] = [];

const check = (ok: boolean, at: Date): DeviceCheck => ({
  ok,
  detail: ok ? '读卡正常' : '读卡器未连接（串口无响应）',
  checkedAt: at.toISOString(),
});

interface Clerk {
  username: string;
  password: string;
  name: string;
}
const PROVINCE: Clerk = { username: ADMIN_USERNAME, password: ADMIN_PASSWORD, name: '系统管理员' };
const BUREAU_A: Clerk = { username: 'bureau-a-admin', password: STAFF_PASSWORD, name: 'bureau-a-admin' };
const BUREAU_B: Clerk = { username: 'bureau-b-admin', password: STAFF_PASSWORD, name: 'bureau-b-admin' };
const PRISON_A: Clerk = { username: 'prison-a-admin', password: STAFF_PASSWORD, name: 'prison-a-admin' };
const REVIEWER: Clerk = { username: 'bureau-a-reviewer', password: STAFF_PASSWORD, name: 'bureau-a-reviewer' };

type Kiosk = { kiosk: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> };
type Outcome<T> = { accepted: true; value: T } | { accepted: false; refusal: { code: string; message: string } };
/** A desk method called from the page, through the same bridge and dispatcher as the screens. */
async function invoke<T>(method: string, args?: unknown): Promise<Outcome<T>> {
  const result = (await page.evaluate(
    ([m, a]) => {
      const fn = (window as unknown as Kiosk).kiosk.desk?.[m as string];
      return fn ? fn(a) : { ok: false, error: { message: `no desk.${String(m)}` } };
    },
    [method, args] as const,
  )) as { ok: true; value: Outcome<T> } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`desk.${method}: ${result.error.message}`);
  return result.value;
}

async function login(clerk: Clerk) {
  if (await page.getByTestId('desk-logout').isVisible()) await page.getByTestId('desk-logout').click();
  await page.getByTestId('desk-login').waitFor({ state: 'visible' });
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(clerk.password);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

async function openFleet() {
  await page.getByTestId('desk-tab-fleet').click();
  await page.getByTestId('desk-fleet').waitFor({ state: 'visible' });
  await page.locator('[data-testid="fleet-table"], [data-testid="fleet-empty"]').first().waitFor({ timeout: 20_000 });
}

const row = (terminalId: string) => page.locator(`[data-testid="fleet-row"][data-terminal="${terminalId}"]`);
const alertKinds = async (terminalId: string) =>
  (
    await row(terminalId)
      .getByTestId('fleet-alert')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))
  ).sort();

/** The feed electron-updater's generic provider reads, as this terminal gets it with its own credential. */
async function feedOf(terminal: Terminal, runningVersion: string | null): Promise<{ status: number; text: string }> {
  const token = await terminal.updates.token();
  const res = await fetch(`${central.store.url}/api/updates/stable/latest-linux.yml`, {
    headers: { authorization: `Bearer ${token}`, ...(runningVersion ? { [TERMINAL_VERSION_HEADER]: runningVersion } : {}) },
  });
  return { status: res.status, text: await res.text() };
}

/** The province uploads a signed build with one installer (the desk lists and rolls it out; it does not upload). */
async function uploadBuild(version: string): Promise<string> {
  const key = generateKeyPairSync('ed25519');
  const bytes = randomBytes(48 * 1024 + 7);
  const file = {
    name: `yunnan-visitation-terminal-${version}-linux-x86_64.AppImage`,
    sha512: createHash('sha512').update(bytes).digest('base64'),
    size: bytes.length,
  };
  const signature = sign(null, Buffer.from(buildSignatureText(version, 'linux-x64', [file]), 'utf8'), key.privateKey).toString(
    'base64',
  );
  // A fresh login: the world's tokens expired during the six hours of heartbeats.
  const token = await central.store.login(ADMIN_USERNAME, ADMIN_PASSWORD);
  const created = await central.store.call('POST', '/api/updates/builds', {
    token,
    body: {
      version,
      target: 'linux-x64',
      channel: 'stable',
      releaseNotes: '修复：读卡器断开后自动重连',
      files: [file],
      signature,
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const put = await fetch(`${central.store.url}/api/updates/builds/${created.body.id}/files/${file.name}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(put.status).toBe(200);
  return created.body.id as string;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentral();
  prisonT = await enrolledTerminal(central, { terminalId: PRISON_ID });
  bureauT = await enrolledTerminal(central, { terminalId: BUREAU_ID, site: 'bureauA' });
  // Both terminals' clocks start on the store's.
  const storeStart = central.store.clock.now().getTime();
  prisonT.clock.advance(storeStart + 300 - prisonT.clock.now().getTime());
  bureauT.clock.advance(storeStart - bureauT.clock.now().getTime());

  // The bureau terminal's main.log, which support will ask for.
  const logDir = join(bureauT.dir, 'logs');
  const log = createRotatingFile(logDir, { maxFileBytes: 64 * 1024, maxFiles: 3, maxAgeDays: 14 });
  for (let i = 0; i < 40; i += 1)
    log.write(
      JSON.stringify({ time: bureauT.clock.now().toISOString(), level: 'warn', msg: `读卡器第 ${i} 次无响应`, area: 'idcard' }),
    );

  let step = 0;
  prison = await prisonT.open(
    {},
    { version: '0.1.0', freeBytes: async () => 180 * GIB, cardReader: () => check(true, prisonT.clock.now()) },
  );
  bureau = await bureauT.open(
    { logDir },
    {
      version: '0.1.0',
      // The recordings' disk fills: 12 GiB at the start, 1.5 GiB (38 minutes of recording) at the end.
      freeBytes: async () => Math.round((12 - (10.5 * step) / STEPS) * GIB),
      cardReader: () => check(false, bureauT.clock.now()),
    },
  );
  for (step = 1; step <= STEPS; step += 1) {
    central.store.clock.advanceMinutes(STEP_MS / 60_000);
    prisonT.clock.advance(STEP_MS);
    bureauT.clock.advance(STEP_MS - DRIFT_MS);
    expect(await prison.heartbeat.sendNow('interval')).not.toBeNull();
    if (step < SILENT.from || step > SILENT.to) expect(await bureau.heartbeat.sendNow('interval')).not.toBeNull();
  }

  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-fleet-'));
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = join(dir, 'desk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...fixture,
      centralStoreUrl: central.store.url,
      dataDir: join(dir, 'data'),
      recordingDir: join(dir, 'rec'),
    }),
  );
  browser = await launchChromium();
  server = await serveRenderer(root('dist/renderer'), APP_CSP);
  const storeNow = central.store.clock.now();
  [desk] = (await openTerminals(browser, server.url, [{ configPath, now: () => storeNow, viewport: VIEWPORT }])) as [
    OpenedTerminal,
  ];
  page = desk.page;
  // The desk's window on the store's (test) time, so "5 分钟前" is measured against it.
  await page.clock.setFixedTime(new Date(storeNow.getTime() + 60_000));
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  await desk.load();
  await page.getByTestId('desk-login').waitFor({ state: 'visible', timeout: 30_000 });
}, 240_000);

afterAll(async () => {
  await desk?.close();
  await browser?.close();
  await server?.close();
  prison?.close();
  bureau?.close();
  prisonT?.close();
  bureauT?.close();
  await central?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('issue 18: the fleet view in desk mode, two terminals reporting to a real store', () => {
  test('the province sees both terminals; the one with its card reader unplugged, a nearly full disk and a skewed clock shows the three alerts', async () => {
    await login(PROVINCE);
    await openFleet();
    await expect.poll(() => page.getByTestId('fleet-row').count(), { timeout: 20_000 }).toBe(2);
    expect(await alertKinds(BUREAU_ID)).toEqual(['clock', 'device', 'disk']);
    expect(await alertKinds(PRISON_ID)).toEqual([]);
    const text = (await row(BUREAU_ID).textContent()) ?? '';
    for (const s of ['甲县司法局', '磁盘将满', '时钟偏差', '设备故障', '身份证读卡器', '38 分钟', '0.1.0'])
      expect(text, s).toContain(s);
    expect(text).toMatch(/\+4\d\.\d 秒/);
    // The prison's room is in its ward (一监区); the terminal is named after the prison's room.
    expect((await row(PRISON_ID).textContent()) ?? '').toContain('一监区');
    // Alerts first: the bureau's row leads.
    expect(await page.getByTestId('fleet-row').first().getAttribute('data-terminal')).toBe(BUREAU_ID);
    expect(await page.getByTestId('fleet-summary').textContent()).toContain('共 2 台终端，1 台有告警');
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-table.png'), fullPage: true });

    // Readable at 1280 px: no header cell wraps to more than two lines, nothing overflows sideways.
    await page.setViewportSize({ width: 1280, height: 800 });
    const layout = await page.getByTestId('fleet-table').evaluate((table) => {
      const heights = Array.from(table.querySelectorAll('th'), (th) => th.getBoundingClientRect().height);
      const line = parseFloat(getComputedStyle(table).fontSize) * 1.6;
      return { tallest: Math.max(...heights) / line, overflow: document.documentElement.scrollWidth - window.innerWidth };
    });
    expect(layout.tallest).toBeLessThan(2.6);
    expect(layout.overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize(VIEWPORT);
  });

  test('filters: by alert kind, by site, by text, offline only', async () => {
    await page.getByTestId('fleet-filter-alert').selectOption('clock');
    await expect.poll(() => page.getByTestId('fleet-row').count()).toBe(1);
    expect(await page.getByTestId('fleet-row').getAttribute('data-terminal')).toBe(BUREAU_ID);
    await page.getByTestId('fleet-filter-alert').selectOption('');
    await page.getByTestId('fleet-filter-site').selectOption({ label: '一监区' });
    await expect.poll(() => page.getByTestId('fleet-row').count()).toBe(1);
    expect(await page.getByTestId('fleet-row').getAttribute('data-terminal')).toBe(PRISON_ID);
    await page.getByTestId('fleet-filter-site').selectOption('');
    await page.getByTestId('fleet-filter-text').fill('jia-xian');
    await expect.poll(() => page.getByTestId('fleet-row').count()).toBe(1);
    await page.getByTestId('fleet-filter-text').fill('');
    // Both reported within the last 10 minutes: none is offline.
    await page.getByTestId('fleet-filter-offline').check();
    await page.getByTestId('fleet-empty').waitFor({ state: 'visible' });
    await page.getByTestId('fleet-filter-offline').uncheck();
    await expect.poll(() => page.getByTestId('fleet-row').count()).toBe(2);
  });

  test('the CSV export is the store’s (UTF-8 with BOM), with both terminals', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.getByTestId('fleet-csv').click(),
    ]);
    const saved = join(dir, 'fleet.csv');
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/^终端状态_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(saved, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    for (const s of ['甲监狱', '甲县司法局', PRISON_ID, BUREAU_ID]) expect(csv, s).toContain(s);
  });

  test('a terminal’s page: its history as four small charts, its alerts in full', async () => {
    await row(BUREAU_ID).getByTestId('fleet-open').click();
    const panel = page.getByTestId('fleet-terminal');
    await panel.waitFor({ state: 'visible', timeout: 20_000 });
    for (const chart of ['chart-disk', 'chart-clock', 'chart-backlog', 'chart-online']) {
      await expect
        .poll(async () => Number(await page.getByTestId(chart).getAttribute('data-points')), { timeout: 20_000 })
        .toBeGreaterThan(5);
    }
    // 36 reports less the silent hour, one point each 10 minutes.
    expect(Number(await page.getByTestId('chart-disk').getAttribute('data-points'))).toBe(STEPS - (SILENT.to - SILENT.from + 1));
    expect(await page.getByTestId('chart-disk').getByTestId('chart-latest').textContent()).toMatch(/^1\.\d+ GiB$/);
    expect(await page.getByTestId('chart-clock').getByTestId('chart-latest').textContent()).toMatch(/^4\d(\.\d+)? 秒$/);
    // The silent hour shows in the online strip: some bars below full.
    expect(await page.getByTestId('chart-online').locator('rect.chart__bar--warn').count()).toBeGreaterThan(0);
    const messages = (await page.getByTestId('fleet-alert-messages').textContent()) ?? '';
    expect(messages).toContain('终端偏慢');
    expect(messages).toContain('不足两次会见');
    expect(await page.locator('[data-testid="fleet-devices"] [data-device="cardReader"]').getAttribute('data-ok')).toBe('no');
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-terminal.png'), fullPage: true });
  });

  test('the log-bundle button creates a request; the bundle arrives at the terminal’s next sync round and downloads', async () => {
    await page.getByTestId('log-request-button').click();
    const request = page.getByTestId('log-request').first();
    await expect.poll(() => request.getAttribute('data-status'), { timeout: 20_000 }).toBe('requested');
    const listed = await central.store.call('GET', `/api/terminal-logs/requests?terminalId=${BUREAU_ID}`, {
      token: await central.store.login(BUREAU_A.username, BUREAU_A.password),
    });
    expect(listed.body).toEqual([expect.objectContaining({ terminalId: BUREAU_ID, status: 'requested' })]);
    const requestId = listed.body[0].id as string;

    const round = await bureau.sync.runOnce();
    expect(round.ok, JSON.stringify(bureau.sync.status().lastError)).toBe(true);
    await page.getByTestId('log-bundles').getByRole('button', { name: '刷新' }).click();
    await expect.poll(() => request.getAttribute('data-status'), { timeout: 20_000 }).toBe('received');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      request.getByTestId('log-download').click(),
    ]);
    const saved = join(dir, 'bundle.gz');
    await download.saveAs(saved);
    const { manifest, files } = await unpackLogBundle(readFileSync(saved));
    expect(manifest).toMatchObject({ terminalId: BUREAU_ID, requestId });
    expect([...files.values()].map((b) => b.toString('utf8')).join('')).toContain('读卡器第 39 次无响应');
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-log-bundle.png'), fullPage: true });
  });

  test('builds and rollouts: a rollout to one of two terminals reaches only that one (each terminal’s feed)', async () => {
    const buildId = await uploadBuild('1.1.0');
    await page.getByTestId('desk-tab-updates').click();
    const build = page.locator('[data-testid="build-row"][data-version="1.1.0"]');
    await build.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await build.getAttribute('data-complete')).toBe('yes');
    await page.getByTestId('rollout-build').selectOption(buildId);
    await page.getByTestId('rollout-kind-terminals').check();
    await page.locator(`[data-testid="rollout-terminal"][data-terminal="${PRISON_ID}"]`).check();
    await page.getByTestId('rollout-submit').click();
    await page.getByTestId('rollout-started').waitFor({ state: 'visible', timeout: 20_000 });
    await expect.poll(() => page.getByTestId('rollout-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('rollout-row').textContent()).toContain('一监区 · 一监区会见室');
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-updates.png'), fullPage: true });

    const prisonFeed = await feedOf(prison, '0.1.0');
    expect(prisonFeed.status).toBe(200);
    expect(prisonFeed.text).toMatch(/^version: '?"?1\.1\.0/m);
    expect(prisonFeed.text).toContain('yunnan-visitation-terminal-1.1.0-linux-x86_64.AppImage');
    const bureauFeed = await feedOf(bureau, '0.1.0');
    expect(bureauFeed.status).toBe(200);
    expect(bureauFeed.text).toMatch(/^version: '?"?0\.1\.0/m);
    expect(bureauFeed.text).not.toContain('1.1.0');
    expect((await feedOf(bureau, null)).status).toBe(404);

    // The prison terminal now runs behind the rollout: a version alert on the fleet page.
    await openFleet();
    await expect.poll(() => alertKinds(PRISON_ID), { timeout: 20_000 }).toEqual(['version']);
    expect(await alertKinds(BUREAU_ID)).toEqual(['clock', 'device', 'disk']);
  });

  test('the overview shows the terminals’ alerts', async () => {
    await page.getByTestId('desk-tab-overview').click();
    const card = page.getByTestId('overview-fleet');
    await card.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await card.getAttribute('data-alerts')).toBe('2');
    const kinds = await card.getByTestId('overview-fleet-kind').evaluateAll((els) => els.map((e) => e.textContent));
    expect(kinds).toEqual(['磁盘将满 1', '时钟偏差 1', '设备故障 1', '版本落后 1']);
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-overview-alerts.png'), fullPage: true });
    await card.getByTestId('overview-fleet-open').click();
    await page.getByTestId('desk-fleet').waitFor({ state: 'visible' });
  });

  test('scope: a bureau’s administrator sees only its own terminal; another bureau none; a prison its own; no rollouts for them', async () => {
    await login(BUREAU_A);
    await openFleet();
    await expect.poll(() => page.getByTestId('fleet-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('fleet-row').getAttribute('data-terminal')).toBe(BUREAU_ID);
    expect(await alertKinds(BUREAU_ID)).toEqual(['clock', 'device', 'disk']);
    expect(await page.getByTestId('desk-tab-updates').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'fleet-table-bureau.png'), fullPage: true });
    // Through the desk API too: the other terminal's history is not found, rollouts are refused.
    const list = await invoke<{ id: string }[]>('fleetTerminals', {});
    expect(list.accepted && list.value.map((t) => t.id)).toEqual([BUREAU_ID]);
    const other = await invoke('fleetHistory', { terminalId: PRISON_ID });
    expect(other.accepted).toBe(false);
    const rollout = await invoke('createRollout', { buildId: '00000000-0000-4000-8000-000000000000', target: { kind: 'all' } });
    expect(!rollout.accepted && rollout.refusal.code).toBe('FORBIDDEN');

    await login(BUREAU_B);
    await openFleet();
    await page.getByTestId('fleet-empty').waitFor({ state: 'visible', timeout: 20_000 });

    await login(PRISON_A);
    await openFleet();
    await expect.poll(() => page.getByTestId('fleet-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('fleet-row').getAttribute('data-terminal')).toBe(PRISON_ID);

    // A reviewer has no fleet tab (the store would refuse the list).
    await login(REVIEWER);
    expect(await page.getByTestId('desk-tab-fleet').count()).toBe(0);
  });

  test('no page error and no CSP violation during the whole run', () => {
    expect(problems).toEqual([]);
  });
});
