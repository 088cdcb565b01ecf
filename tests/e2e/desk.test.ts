// End to end: the desk (the same app, mode 'desk') in Chromium over the REAL main
// services and the REAL central store on 127.0.0.1, seeded through its HTTP API only
// (tests/fixtures/desk/seed-desk.ts). A Form 2 goes from a judicial office's intake (the ID
// card read by the GA 467 simulator) through the office's first review and the bureau's
// review (R8.2) to the prison's approval with a slot (R8.3) and the bureau's notification
// (R8.4), each step's due date counted in working days across the National Day holiday
// (R14.1); the printed Form 2 is a real PDF (Chromium's page.pdf) checked with pdftotext
// and rendered with pdftoppm; a refusal shows its reason with the requirement id; a clerk of
// another bureau sees none of it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ga467SerialReader } from '../../src-main/idcard/serial/ga467-serial-reader';
import { createSimulatedSerial, loadCardFixture, ReaderSimulator } from '../../src-main/idcard/simulator';
import { registerIdCardDriver } from '../../src-main/visit-day';
import { seedDesk, type DeskClerk, type DeskSeed } from '../fixtures/desk/seed-desk';
import { IDCARD } from '../../harness/fixtures/visit-day/day-snapshot';
import { startCentralStore, type CentralStoreHandle } from '../../harness/store/seed-store';
import type { StaticServer } from '../../harness/browser/static-server';
import type { OpenedTerminal } from '../../harness/browser/terminals';
import { openDeskPage } from './harness/desk-page';
import { expectAccessible } from './harness/axe';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const READER_DRIVER = 'ga467-simulated-desk';
const READER_PATH = '/dev/ttySIM-desk';
/** Wednesday before the National Day holiday (2026-10-01 … 10-07; 10-10 is a working Saturday). */
const RECEIVED = '2026-09-30';
/** Two working days after RECEIVED: 10-08 and 10-09, the holiday skipped (R8.2, R14.1). */
const DUE_AFTER_HOLIDAY = '2026-10-09';
const VISIT_DATE = '2026-10-20';

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
let seed: DeskSeed;
let t: OpenedTerminal;
let page: Page;
let dir: string;
let applicationId = '';
const problems: string[] = [];

const RELATIVES = [
  { name: '张伟', id: '530102199003071238', relationship: 'son', card: 'resident-valid' },
  { name: '段明', id: '530121195806120014', relationship: 'father', address: '云南省昆明市官渡区关上街道100号' },
  { name: '岩温', id: '532801199211200034', relationship: 'younger-brother', address: '云南省西双版纳州景洪市曼听路1号' },
  { name: '李秀英', id: '530102199001010028', relationship: 'spouse', address: '云南省昆明市官渡区关上街道100号' },
] as const;

type Kiosk = { kiosk: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> };
/** A desk method called from the page, through the same bridge and dispatcher as the screens. */
async function invoke<T>(method: string, args?: unknown): Promise<T> {
  const result = (await page.evaluate(
    ([m, a]) => {
      const fn = (window as unknown as Kiosk).kiosk.desk?.[m as string];
      return fn ? fn(a) : { ok: false, error: { message: `no desk.${String(m)}` } };
    },
    [method, args] as const,
  )) as { ok: true; value: T } | { ok: false; error: { message: string } };
  if (!result.ok) throw new Error(`desk.${method}: ${result.error.message}`);
  return result.value;
}

async function login(clerk: DeskClerk) {
  if (await page.getByTestId('desk-logout').isVisible()) await page.getByTestId('desk-logout').click();
  await page.getByTestId('desk-login').waitFor({ state: 'visible' });
  if (!axeDone.has('login')) await axeOnce('login');
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(clerk.password);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

const status = () => page.getByTestId('application').getAttribute('data-status');

/** Issue #21 item 6: axe once per desk screen (counts printed, test-results/e2e/axe-desk.jsonl). */
const axeDone = new Set<string>();
async function axeOnce(screen: string) {
  if (axeDone.has(screen)) return;
  axeDone.add(screen);
  await expectAccessible(page, 'desk', screen);
}

async function openFromQueue(id: string) {
  await page.getByTestId('desk-tab-queue').click();
  const row = page.locator(`[data-testid="queue-row"][data-application="${id}"]`);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await axeOnce('queue');
  await row.getByTestId('queue-open').click();
  await page.getByTestId('application').waitFor({ state: 'visible' });
  await axeOnce('application');
}

async function fillApplicant(index: number, r: (typeof RELATIVES)[number]) {
  const a = page.getByTestId('applicant').nth(index);
  if ('card' in r) {
    // The ID card reader fills name, number and address.
    simulator.placeCard(loadCardFixture(IDCARD(r.card)));
    await a.getByTestId('read-card').click();
    await expect.poll(() => a.getByTestId('applicant-id').inputValue(), { timeout: 20_000 }).toBe(r.id);
    expect(await a.getByTestId('applicant-name').inputValue()).toBe(r.name);
    expect(await a.getByTestId('applicant-address').inputValue()).toContain('昆明市');
  } else {
    await a.getByTestId('applicant-name').fill(r.name);
    await a.getByTestId('applicant-id').fill(r.id);
    await a.getByTestId('applicant-address').fill(r.address);
  }
  await a.getByTestId('applicant-relationship').selectOption(r.relationship);
  await a.getByTestId('proof-household-register').check();
  await a.getByTestId('applicant-phone').fill(`1380000000${index}`);
}

/** Form 2 at the office's desk: the prison and the inmate named, the relatives entered. */
async function intake(relatives: readonly (typeof RELATIVES)[number][]) {
  await page.getByTestId('desk-tab-intake').click();
  await page.getByTestId('intake').waitFor({ state: 'visible' });
  await axeOnce('intake');
  await page.getByTestId('inmate-prison').selectOption({ label: seed.names.prison });
  await page.getByTestId('inmate-number').fill(seed.inmate.inmateNumber);
  await page.getByTestId('inmate-name').fill(seed.inmate.name);
  await page.getByTestId('inmate-find').click();
  await page.getByTestId('inmate-picked').waitFor({ state: 'visible' });
  for (const [i, r] of relatives.entries()) {
    if (i > 0) await page.getByTestId('add-applicant').click();
    await fillApplicant(i, r);
  }
  await page.getByTestId('preferred-date').fill(VISIT_DATE);
  await page.getByTestId('preferred-minutes').fill('30');
}

/** Dark pixels' share of a page rendered by pdftoppm (grey PGM, binary P5). */
function inkShare(pgmPath: string): number {
  const buf = readFileSync(pgmPath);
  const header = buf.subarray(0, 64).toString('latin1').split(/\s+/);
  const [, w, h, max] = header.map(Number);
  let offset = 0;
  for (let fields = 0; fields < 4; offset++)
    if (/\s/.test(String.fromCharCode(buf[offset] ?? 0)) && !/\s/.test(String.fromCharCode(buf[offset - 1] ?? 32))) fields++;
  const pixels = buf.subarray(offset, offset + (w ?? 0) * (h ?? 0));
  let dark = 0;
  for (const p of pixels) if (p < (max ?? 255) / 2) dark++;
  return dark / pixels.length;
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentralStore();
  central.setChinaTime(RECEIVED, '09:00');
  seed = await seedDesk(central);
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-desk-'));
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = join(dir, 'desk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...fixture,
      site: { id: seed.ids.officeId, name: seed.names.office, kind: 'office' },
      centralStoreUrl: central.url,
      dataDir: join(dir, 'data'),
      recordingDir: join(dir, 'recordings'),
      idCardReader: { driver: READER_DRIVER, path: READER_PATH },
    }),
  );
  ({ browser, server, t, page } = await openDeskPage(configPath, () => new Date(`${RECEIVED}T09:30:00+08:00`), problems));
}, 180_000);

afterAll(async () => {
  await t?.close();
  await browser?.close();
  await server?.close();
  await central?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('desk: Form 2 from office intake to notification (R8.1–R8.4, R14.1)', () => {
  test('a wrong password is refused with the store’s reason and nothing opens', async () => {
    await page.getByTestId('desk-username').fill(seed.clerks.office.username);
    await page.getByTestId('desk-password').fill('wrong-password');
    await page.getByTestId('desk-login-submit').click();
    await page.getByTestId('desk-refusal').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('desk').count()).toBe(0);
  });

  test('R8.1 R35.1 R14.2 office intake: card read, relationship from the list, live decision, first step due across the holiday (R14.1)', async () => {
    await login(seed.clerks.office);
    await intake(RELATIVES.slice(0, 2));
    const decision = page.getByTestId('live-decision').getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('allowed');
    const applied = await decision.getByTestId('decision-applied').allTextContents();
    expect(applied.join('\n')).toMatch(/R36\.1/);
    expect(applied.join('\n')).toMatch(/R14\.2/);
    // Received on 09-30; two working days, the National Day holiday not counted.
    await expect.poll(() => page.getByTestId('first-step').textContent()).toContain(`${DUE_AFTER_HOLIDAY} 前办结`);
    expect(await page.getByTestId('first-step').textContent()).toContain('R8.2：2 个工作日');

    await page.getByTestId('intake-submit').click();
    await page.getByTestId('application').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await status()).toBe('office-review');
    applicationId = (await page.getByTestId('application').getAttribute('data-application')) ?? '';
    expect(applicationId).not.toBe('');
    const step = page.locator('[data-testid="step"][data-kind="office-first-review"]');
    expect(await step.getAttribute('data-due')).toBe(DUE_AFTER_HOLIDAY);
    const rows = await page.getByTestId('applicant-row').allTextContents();
    expect(rows.join('\n')).toContain('张伟');
    expect(rows.join('\n')).toContain('儿子');
    expect(rows.join('\n')).toContain('户口簿');
  });

  test('R8.2 the office forwards; the bureau, late after the holiday, sees the step overdue first and forwards to the prison', async () => {
    await page.getByTestId('action-forward').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('bureau-review');
    // The bureau comes to it on 10-12: its 2 working days ran out on 10-09.
    central.setChinaTime('2026-10-12', '09:00');
    await login(seed.clerks.bureau);
    await page.getByTestId('desk-tab-queue').click();
    const row = page.locator(`[data-testid="queue-row"][data-application="${applicationId}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await row.getByTestId('step-due').getAttribute('data-overdue')).toBe('yes');
    expect(await row.getByTestId('step-due').textContent()).toContain(`${DUE_AFTER_HOLIDAY} 前办结`);
    expect(await row.textContent()).toContain('已逾期');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-queue.png') });
    await openFromQueue(applicationId);
    await page.getByTestId('action-forward').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('prison-decision');
    const prisonStep = page.locator('[data-testid="step"][data-kind="prison-decision"]');
    // Five working days from 10-12 (R8.3).
    expect(await prisonStep.getAttribute('data-due')).toBe('2026-10-19');
  });

  test('scope: a clerk of another bureau sees none of it, on screen or through the desk API', async () => {
    await login(seed.clerks.otherBureau);
    await page.getByTestId('desk-tab-applications').click();
    await page.getByTestId('applications-empty').waitFor({ state: 'visible', timeout: 20_000 });
    await page.getByTestId('desk-tab-queue').click();
    await page.getByTestId('queue-empty').waitFor({ state: 'visible', timeout: 20_000 });
    const direct = await invoke<{ accepted: boolean; refusal?: { code: string } }>('getApplication', { applicationId });
    expect(direct.accepted).toBe(false);
  });

  test('R8.3 the prison approves with a slot: free slots of both rooms shown, one chosen', async () => {
    await login(seed.clerks.prison);
    await openFromQueue(applicationId);
    await page.getByTestId('approve-form').waitFor({ state: 'visible' });
    await page.getByTestId('approve-date').fill(VISIT_DATE);
    const slot = page.locator('[data-testid="slot"][data-start="09:00"]');
    await slot.waitFor({ state: 'visible', timeout: 20_000 });
    await axeOnce('approve form with slots');
    // Issue #21: the date field reads the day in Chinese, and its month grid picks by touch.
    expect(await page.locator('[data-testid="approve-date"] ~ .date-input__read').innerText()).toMatch(
      /^\d{4}年\d{1,2}月\d{1,2}日 星期/,
    );
    await page.getByTestId('approve-date-pick').click();
    await axeOnce('date picker');
    await page.keyboard.press('Escape');
    expect(await slot.getAttribute('data-free')).toBe('yes');
    await slot.click();
    await page.getByTestId('approve-submit').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('bureau-notification');
    expect(await page.getByTestId('application-visit').first().textContent()).toContain(`${VISIT_DATE} 09:00`);
    // The booked slot is no longer free in those rooms (no double booking).
    const slots = await invoke<{ accepted: boolean; value: { slots: { start: string; free: boolean }[] } }>('slots', {
      date: VISIT_DATE,
      roomId: seed.ids.prisonRoomId,
      remoteRoomId: seed.ids.bureauRoomId,
      minutes: 30,
    });
    expect(slots.value.slots.find((s) => s.start === '09:00')?.free).toBe(false);
  });

  test('R8.4 the bureau records how the relatives were told; the application is approved', async () => {
    await login(seed.clerks.bureau);
    await openFromQueue(applicationId);
    await page.getByTestId('notify-phone').check();
    await page.getByTestId('action-notify').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('approved');
    const notified = page.locator('[data-testid="step"][data-kind="bureau-notifies-relative"]');
    expect(await notified.getAttribute('data-done')).toBe('yes');
  });

  test('R12.1 printing: Form 2 with the arrangement and the notice as an A4 PDF (pdftotext, pdftoppm)', async () => {
    await page.getByTestId('print-form').click();
    await page.getByTestId('print-form-2').waitFor({ state: 'visible', timeout: 20_000 });
    await axeOnce('print preview (Form 2)');
    await page
      .getByTestId('print-arrangement')
      .filter({ hasText: '10月20日上午' })
      .waitFor({ state: 'visible', timeout: 20_000 });
    // "保存为 PDF": main prints the window (page.pdf here, printToPDF in Electron) into the data folder.
    await page.getByTestId('print-save-pdf').click();
    const saved = page.getByTestId('print-saved');
    await saved.waitFor({ state: 'visible', timeout: 30_000 });
    const savedPath = ((await saved.textContent()) ?? '').replace(/^[^/]*/, '').trim();
    expect(savedPath).toMatch(/\/prints\/form-[^/]+\.pdf$/);
    const pdf = join(ARTIFACTS, 'desk-form-2.pdf');
    copyFileSync(savedPath, pdf);

    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    for (const s of [
      '远程视频会见申请表二',
      '张伟',
      '段明',
      '530102199003071238',
      '张建国',
      '10月20日上午',
      '昆明市官渡区司法局视频会见室',
      '30分钟',
      '远程视频会见须知',
      '不准谈论案情',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(text).not.toContain('desk-noprint');
    expect(text).not.toContain('返回');

    const png = join(ARTIFACTS, 'desk-form-2');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, png]);
    const pgm = join(dir, 'page');
    execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', '1', '-l', '1', pdf, pgm]);
    const share = inkShare(`${pgm}-1.pgm`);
    // The form's ruled table and text: some ink, far from a blank or a black page.
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.4);
    await page.getByTestId('print-back').click();
    await page.getByTestId('application').waitFor({ state: 'visible' });
  });

  test('R14.2 a refusal shows its reason with the requirement id (four visitors)', async () => {
    await login(seed.clerks.office);
    await intake(RELATIVES);
    const decision = page.getByTestId('live-decision').getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('refused');
    expect(await decision.getByTestId('decision-refused-by').textContent()).toContain('R14.2');
    expect(
      (await decision.locator('[data-testid="decision-applied"][data-result="failed"]').allTextContents()).join('\n'),
    ).toMatch(/R14\.2.*3人/);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-intake-refused.png'), fullPage: true });
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('application').waitFor({ state: 'visible', timeout: 20_000 });
    await page.getByTestId('refuse-reason').fill('会见人数超过三人，请减少会见人后重新申请');
    await page.getByTestId('action-refuse').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('refused');
    const refusal = page.getByTestId('application-refusal');
    expect(await refusal.getByTestId('refusal-id').allTextContents()).toContain('R14.2');
    expect(await refusal.textContent()).toContain('会见人数超过三人');
  });

  test('R14.3 the warden of the inmate’s prison approves a longer visit, recorded with who and why', async () => {
    await login(seed.clerks.warden);
    await page.getByTestId('desk-tab-applications').click();
    const row = page.locator(`[data-testid="application-row"][data-application="${applicationId}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.getByTestId('application-open').click();
    await page.getByTestId('exception-form').waitFor({ state: 'visible', timeout: 20_000 });
    await axeOnce('warden exception form');
    await page.getByTestId('exception-lifts').selectOption('duration');
    await page.getByTestId('exception-amount').fill('45');
    await page.getByTestId('exception-reason').fill('其母病重，家属请求延长会见时间');
    await page.getByTestId('exception-submit').click();
    await expect.poll(() => page.getByTestId('exceptions').textContent(), { timeout: 20_000 }).toContain(seed.clerks.warden.name);
    expect(await page.getByTestId('exceptions').textContent()).toContain('其母病重');
  });

  test('R17.2 prison staff suspend the inmate’s visits; the history shows it', async () => {
    await login(seed.clerks.prison);
    await page.getByTestId('desk-tab-inmates').click();
    await page.getByTestId('inmates-query').fill(seed.inmate.name);
    await page.getByTestId('inmates-search').click();
    await page.getByTestId('inmate-open').first().click();
    await page.getByTestId('inmate-record').waitFor({ state: 'visible', timeout: 20_000 });
    await axeOnce('inmate record');
    await page.getByTestId('suspension-start').fill('2026-10-13');
    await page.getByTestId('suspension-end').fill('2026-11-12');
    await page.getByTestId('suspension-save').click();
    await expect.poll(() => page.getByTestId('suspension').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('suspension').textContent()).toContain('2026-10-13 — 2026-11-12');
  });

  test('R29.1 overview: visits per day as a chart, outcomes, and the CSV export', async () => {
    await page.getByTestId('desk-tab-overview').click();
    await page.getByTestId('overview-from').fill('2026-10-01');
    await page.getByTestId('overview-to').fill('2026-10-31');
    const chart = page.getByTestId('chart-visits-per-day');
    await expect.poll(() => chart.getByTestId('chart-bar').count(), { timeout: 20_000 }).toBe(31);
    expect(await chart.locator('svg').getAttribute('aria-label')).toContain('31 天');
    await page.getByTestId('chart-outcomes').waitFor({ state: 'visible' });
    await axeOnce('overview');
    await page.getByTestId('large-type').click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.type)).toBe('large');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-overview-large-type.png'), fullPage: true });
    await axeOnce('overview, large type');
    await page.getByTestId('large-type').click();
    await page.screenshot({ path: join(ARTIFACTS, 'desk-overview.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.getByTestId('overview-csv').click(),
    ]);
    const saved = join(dir, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(readFileSync(saved, 'utf8').length).toBeGreaterThan(10);
  });

  test('no page error and no CSP violation during the whole run', () => {
    expect(problems).toEqual([]);
  });
});
