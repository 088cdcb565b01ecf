// End to end at the desk (issue #25 item 2; R8.1, R35.1), over the REAL main services and the
// REAL central store: the office clerk attaches proof scans at intake (a PNG file and a frame
// from the document camera — Chromium's fake camera) and previews them while the form is only
// partly filled; a file that is not a scan is refused in Chinese and nothing is picked; the
// scans go with the application; the bureau's reviewer at the next step sees and opens them,
// and each view is in the store's audit. Screenshots go to test-results/e2e/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDesk, type DeskClerk, type DeskSeed } from '../fixtures/desk/seed-desk';
import { startCentralStore, type CentralStoreHandle } from '../../harness/store/seed-store';
import type { StaticServer } from '../../harness/browser/static-server';
import type { OpenedTerminal } from '../../harness/browser/terminals';
import { openDeskPage } from './harness/desk-page';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
/** A Monday, a working day. */
const RECEIVED = '2026-10-12';
const VISIT_DATE = '2026-10-20';
const SCAN = readFileSync(root('assets/icons/icon.png'));

let browser: Browser;
let server: StaticServer;
let central: CentralStoreHandle;
let seed: DeskSeed;
let t: OpenedTerminal;
let page: Page;
let dir: string;
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

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentralStore();
  central.setChinaTime(RECEIVED, '09:00');
  seed = await seedDesk(central);
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-desk-proofs-'));
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
    }),
  );
  writeFileSync(join(dir, '户口簿 第1页.png'), SCAN);
  writeFileSync(join(dir, '伪装.pdf'), '<html><script>alert(1)</script></html>');
  ({ browser, server, t, page } = await openDeskPage(configPath, () => new Date(`${RECEIVED}T09:30:00+08:00`), problems));
}, 180_000);

afterAll(async () => {
  await t?.close();
  await browser?.close();
  await server?.close();
  await central?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('desk: proof scans from intake to the next reviewer (issue 25 item 2)', () => {
  test('R8.1 R35.1 the clerk attaches scans at intake, the bureau reviewer sees and opens them, audited', async () => {
    await login(seed.clerks.office);
    await page.getByTestId('desk-tab-intake').click();
    await page.getByTestId('intake').waitFor({ state: 'visible' });

    // Before anything else is filled: a file that is not a scan is refused, nothing picked.
    const drafts = page.getByTestId('draft-proofs');
    await drafts.getByTestId('proof-file').setInputFiles(join(dir, '伪装.pdf'));
    await expect
      .poll(() => drafts.textContent(), { timeout: 10_000 })
      .toContain('只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容识别）');
    expect(await drafts.getByTestId('draft-proof').count()).toBe(0);

    // A household register scan, previewed from the desk's own bytes with the form still empty.
    await drafts.getByTestId('proof-kind').selectOption('household-register');
    await drafts.getByTestId('proof-file').setInputFiles(join(dir, '户口簿 第1页.png'));
    const preview = drafts.getByTestId('draft-proof-preview').first();
    await preview.waitFor({ state: 'visible', timeout: 10_000 });
    await expect
      .poll(() => preview.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 })
      .toBeGreaterThan(0);

    // The identity card through the document camera (Chromium's fake video device).
    await drafts.getByTestId('proof-kind').selectOption('identity-document');
    await drafts.getByTestId('proof-camera-open').click();
    const capture = drafts.getByTestId('proof-capture');
    await expect.poll(() => capture.isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.waitForTimeout(500);
    await capture.click();
    await expect.poll(() => drafts.getByTestId('draft-proof').count(), { timeout: 10_000 }).toBe(2);
    expect(await drafts.getByTestId('draft-proof').nth(1).getAttribute('data-type')).toBe('image/jpeg');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-intake-proofs.png'), fullPage: true });
    await drafts.getByRole('button', { name: '关闭摄像头' }).click();

    // Now the rest of the form, and the application with its scans.
    await page.getByTestId('inmate-prison').selectOption({ label: seed.names.prison });
    await page.getByTestId('inmate-number').fill(seed.inmate.inmateNumber);
    await page.getByTestId('inmate-name').fill(seed.inmate.name);
    await page.getByTestId('inmate-find').click();
    await page.getByTestId('inmate-picked').waitFor({ state: 'visible' });
    const a = page.getByTestId('applicant').first();
    await a.getByTestId('applicant-name').fill('段明');
    await a.getByTestId('applicant-id').fill('530121195806120014');
    await a.getByTestId('applicant-address').fill('云南省昆明市官渡区关上街道100号');
    await a.getByTestId('applicant-relationship').selectOption('father');
    await a.getByTestId('proof-household-register').check();
    await a.getByTestId('applicant-phone').fill('13800000001');
    await page.getByTestId('preferred-date').fill(VISIT_DATE);
    await page.getByTestId('preferred-minutes').fill('30');
    const decision = page.getByTestId('live-decision').getByTestId('decision');
    await expect.poll(() => decision.getAttribute('data-outcome'), { timeout: 20_000 }).toBe('allowed');
    await page.getByTestId('intake-submit').click();
    await page.getByTestId('application').waitFor({ state: 'visible', timeout: 20_000 });
    const applicationId = (await page.getByTestId('application').getAttribute('data-application')) ?? '';
    const listed = page.getByTestId('application-proofs').getByTestId('proof');
    await expect.poll(() => listed.count(), { timeout: 20_000 }).toBe(2);
    expect((await listed.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort()).toEqual([
      '户口簿 第1页.png',
      '高拍仪拍摄.jpg',
    ]);
    await page.getByTestId('action-forward').click();
    await expect.poll(status, { timeout: 20_000 }).toBe('bureau-review');

    // The bureau, next on the chain: the scans are there; opening one is audited.
    await login(seed.clerks.bureau);
    await page.getByTestId('desk-tab-queue').click();
    const row = page.locator(`[data-testid="queue-row"][data-application="${applicationId}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.getByTestId('queue-open').click();
    await page.getByTestId('application').waitFor({ state: 'visible' });
    const seen = page.getByTestId('application-proofs').getByTestId('proof');
    await expect.poll(() => seen.count(), { timeout: 20_000 }).toBe(2);
    await page.locator('[data-testid="proof"][data-name="户口簿 第1页.png"]').getByTestId('proof-view').click();
    const image = page.getByTestId('proof-image');
    await image.waitFor({ state: 'visible', timeout: 20_000 });
    await expect
      .poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await image.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'desk-application-proofs.png'), fullPage: true });

    const audit = await central.app.ctx.db
      .selectFrom('staff_audit')
      .innerJoin('staff', 'staff.id', 'staff_audit.staff_id')
      .select(['staff_audit.action', 'staff.username'])
      .where('staff_audit.action', 'like', 'proofs.%')
      .execute();
    expect(audit.filter((r) => r.action === 'proofs.upload').map((r) => r.username)).toEqual([
      seed.clerks.office.username,
      seed.clerks.office.username,
    ]);
    expect(audit.filter((r) => r.action === 'proofs.view').map((r) => r.username)).toEqual([seed.clerks.bureau.username]);
    expect(problems).toEqual([]);
  });
});
