// End to end at the desk (issue 25 items 1 and 5), over the REAL main services and the REAL
// central store: a Form 2 taken in 彝语 at the office (R23.1: the interpreter noted on the
// record and printed on the form), the prison setting its own hours, days and a stricter
// limit (R14.2 ceiling refused when looser; R14.3 hours), the slot picker honouring them, and
// the applicant withdrawing after approval (a step on the chain; the visit cancelled; out of
// the queues). Screenshots of the new screens go to test-results/e2e/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const READER_DRIVER = 'ga467-simulated-desk-arrangements';
const READER_PATH = '/dev/ttySIM-desk-arrangements';
/** A Monday, a working day. */
const RECEIVED = '2026-10-12';
/** A Tuesday; the 24th is a Saturday. */
const VISIT_DATE = '2026-10-20';
const SATURDAY = '2026-10-24';

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
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(clerk.password);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

const status = () => page.getByTestId('application').getAttribute('data-status');

async function openFromQueue(id: string) {
  await page.getByTestId('desk-tab-queue').click();
  const row = page.locator(`[data-testid="queue-row"][data-application="${id}"]`);
  await row.waitFor({ state: 'visible', timeout: 20_000 });
  await row.getByTestId('queue-open').click();
  await page.getByTestId('application').waitFor({ state: 'visible' });
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

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentralStore();
  central.setChinaTime(RECEIVED, '09:00');
  seed = await seedDesk(central);
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-desk-arr-'));
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

describe('desk: the visit’s language, the prison’s own arrangements and withdrawal (issue 25)', () => {
  test('R23.1 office intake in 彝语: the language is recorded and the interpreter noted', async () => {
    await login(seed.clerks.office);
    await intake(RELATIVES.slice(0, 1));
    await page.getByTestId('language-kind').selectOption('minority');
    await page.getByTestId('language-name').fill('彝语');
    await page.getByTestId('interpreter-note').waitFor({ state: 'visible' });
    const decision = page.getByTestId('live-decision').getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('allowed');
    await expect
      .poll(async () => (await decision.getByTestId('decision-applied').allTextContents()).join('\n'))
      .toContain('彝语');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-intake-language.png'), fullPage: true });
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('application').waitFor({ state: 'visible', timeout: 20_000 });
    applicationId = (await page.getByTestId('application').getAttribute('data-application')) ?? '';
    const languages = page.getByTestId('application-languages');
    expect(await languages.textContent()).toContain('彝语');
    expect(await languages.getAttribute('data-interpreter')).toBe('yes');
    await page.getByTestId('action-forward').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('bureau-review');
    await login(seed.clerks.bureau);
    await openFromQueue(applicationId);
    await page.getByTestId('action-forward').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('prison-decision');
  });

  test('R14.2 R14.3 the prison sets its hours, days and a stricter limit; a looser one is refused', async () => {
    await login(seed.clerks.prison);
    await page.getByTestId('desk-tab-arrangements').click();
    await page.getByTestId('arrangements').waitFor({ state: 'visible' });
    await expect.poll(() => page.getByTestId('arrangements-updated').textContent(), { timeout: 20_000 }).toContain('第十四条');
    // Looser than R14.2: refused with the requirement, nothing stored.
    await page.getByTestId('adult-visitsPerMonth').fill('2');
    await page.getByTestId('arrangements-save').click();
    await expect.poll(() => page.getByTestId('desk-refusal').first().textContent(), { timeout: 20_000 }).toContain('R14.2');
    await page.getByTestId('adult-visitsPerMonth').fill('1');
    await page.getByTestId('adult-maxMinutes').fill('20');
    await page.getByTestId('prison-hours-add').click();
    await page.getByTestId('prison-hours-start-0').fill('09:00');
    await page.getByTestId('prison-hours-end-0').fill('10:00');
    for (const d of [1, 2, 3, 4, 5]) await page.getByTestId(`prison-hours-day-${d}`).check();
    await page.getByTestId('arrangements-save').click();
    await page.getByTestId('arrangements-saved').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('arrangements-updated').textContent()).toContain(seed.clerks.prison.name);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-arrangements.png'), fullPage: true });
    const stored = await invoke<{ value: { adult: { maxMinutes: number }; visitingDays: number[] } }>('arrangements', {
      prisonId: seed.ids.prisonId,
    });
    expect(stored.value).toMatchObject({ adult: { maxMinutes: 20 }, visitingDays: [1, 2, 3, 4, 5] });
  });

  test('R14.3 the slot picker honours the prison’s hours and days; the approval takes the stricter minutes (R14.2)', async () => {
    await openFromQueue(applicationId);
    await page.getByTestId('approve-form').waitFor({ state: 'visible' });
    await page.getByTestId('approve-minutes').fill('20');
    await page.getByTestId('approve-date').fill(SATURDAY);
    await page.getByTestId('slot-closed').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('slot-closed').textContent()).toContain('星期六');
    await page.getByTestId('approve-date').fill(VISIT_DATE);
    await expect
      .poll(() => page.getByTestId('slot').evaluateAll((els) => els.map((e) => e.getAttribute('data-start'))), {
        timeout: 20_000,
      })
      .toEqual(['09:00', '09:20', '09:40']);
    expect(await page.getByTestId('slot-hours').getAttribute('data-source')).toBe('prison');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-slots-arrangements.png'), fullPage: true });
    await page.locator('[data-testid="slot"][data-start="09:20"]').click();
    await page.getByTestId('approve-submit').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('bureau-notification');
    expect(await page.getByTestId('application-visit').first().textContent()).toContain(`${VISIT_DATE} 09:20`);
  });

  test('R23.1 the printed Form 2 names the language and the interpreter', async () => {
    await page.getByTestId('print-form').click();
    await page.getByTestId('print-form-2').waitFor({ state: 'visible', timeout: 20_000 });
    const line = page.getByTestId('print-language');
    expect(await line.textContent()).toContain('彝语');
    expect(await line.textContent()).toContain('翻译');
    await page.getByTestId('print-back').click();
    await page.getByTestId('application').waitFor({ state: 'visible' });
  });

  test('withdrawal: confirmed with a reason, recorded on the chain, the visit cancelled, out of the queue', async () => {
    await login(seed.clerks.bureau);
    await openFromQueue(applicationId);
    await page.getByTestId('withdraw-open').click();
    await page.getByTestId('withdraw-form').waitFor({ state: 'visible' });
    // No reason: refused at the boundary, nothing changes.
    await page.getByTestId('withdraw-confirm').click();
    await expect.poll(() => page.getByTestId('withdraw-form').textContent(), { timeout: 20_000 }).toContain('撤回理由');
    expect(await status()).toBe('bureau-notification');
    await page.getByTestId('withdraw-reason').fill('家中有事，申请人撤回');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-withdraw-confirm.png'), fullPage: true });
    await page.getByTestId('withdraw-confirm').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('withdrawn');
    expect(await page.getByTestId('application-withdrawn').textContent()).toContain('家中有事');
    const step = page.locator('[data-testid="step"][data-kind="withdrawal"]');
    expect(await step.textContent()).toContain('申请人撤回申请');
    expect(await page.getByTestId('application-visit').first().textContent()).toContain('已取消');
    expect(await page.getByTestId('withdraw-open').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-withdrawn.png'), fullPage: true });
    await page.getByTestId('desk-tab-queue').click();
    // The bureau had nothing else waiting: its queue is empty now.
    await page.getByTestId('queue-empty').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator(`[data-testid="queue-row"][data-application="${applicationId}"]`).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
