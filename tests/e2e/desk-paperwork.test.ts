// End to end, issue #25 items 3, 7 and 9: the desk in Chromium over the REAL main services and
// the REAL central store on 127.0.0.1. A prison imports its register from a GBK CSV (as Excel
// on Chinese Windows saves it; a bad row is shown in the preview and blocks the import) and
// from an .xlsx (previewed, then imported); the inmate's ward and home address are kept in the
// inmates view and printed on Form 1 (R9.1, a real PDF checked with pdftotext and rendered with
// pdftoppm); a relative asks the store's public status page for that application (Chromium).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { seedDesk, type DeskClerk, type DeskSeed } from '../fixtures/desk/seed-desk';
import { startCentralStore, type CentralStoreHandle } from '../../harness/store/seed-store';
import type { StaticServer } from '../../harness/browser/static-server';
import type { OpenedTerminal } from '../../harness/browser/terminals';
import { openDeskPage } from './harness/desk-page';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
const TODAY = '2026-09-30';
const HOME = '云南省昆明市官渡区关上街道88号';
const RELATIVE = { name: '段明', id: '530121195806120014' };

let browser: Browser;
let server: StaticServer;
let central: CentralStoreHandle;
let seed: DeskSeed;
let t: OpenedTerminal;
let page: Page;
let dir: string;
let applicationId = '';
const problems: string[] = [];

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
  await page.getByTestId('desk-login').waitFor({ state: 'visible' });
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(clerk.password);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

async function openInmate(query: string) {
  await page.getByTestId('desk-tab-inmates').click();
  await page.getByTestId('inmates-query').fill(query);
  await page.getByTestId('inmates-search').click();
  await page.getByTestId('inmate-open').first().click();
  await page.getByTestId('inmate-record').waitFor({ state: 'visible', timeout: 20_000 });
}

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('罪犯名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  central = await startCentralStore();
  central.setChinaTime(TODAY, '09:00');
  seed = await seedDesk(central);
  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-paperwork-'));
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = join(dir, 'desk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...fixture,
      terminalId: 'yn-jy01-desk1',
      site: { id: seed.ids.prisonId, name: seed.names.prison, kind: 'prison' },
      centralStoreUrl: central.url,
      dataDir: join(dir, 'data'),
      recordingDir: join(dir, 'recordings'),
    }),
  );
  ({ browser, server, t, page } = await openDeskPage(configPath, () => new Date(`${TODAY}T09:30:00+08:00`), problems));
}, 180_000);

afterAll(async () => {
  await t?.close();
  await browser?.close();
  await server?.close();
  await central?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('desk: the paperwork complete (issue #25 items 3, 7, 9)', () => {
  test('the prison clerk logs in', async () => {
    await login(seed.clerks.prison);
  });

  test('R8.1 R9.1 issue #25 item 7: a GBK CSV with a bad row previews its rows and errors and cannot be imported', async () => {
    const csv = join(dir, '罪犯名单.csv');
    writeFileSync(
      csv,
      iconv.encode(
        '罪犯编号,姓名,监区,出生日期,家庭住址\r\nJY01-2026-0001,李国强,三监区,1979-03-02,云南省曲靖市麒麟区南宁街道1号\r\nJY01-2026-0002,王小明,九监区,1985-02-30,云南省玉溪市红塔区\r\n',
        'gbk',
      ),
    );
    await page.getByTestId('desk-tab-inmates').click();
    await page.getByTestId('inmate-import-file').setInputFiles(csv);
    const preview = page.getByTestId('inmate-import-preview');
    await preview.waitFor({ state: 'visible', timeout: 20_000 });
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('CSV（GBK/GB18030）');
    expect(text).toContain('李国强'); // read as GBK, not mojibake
    expect(text).toContain('云南省曲靖市麒麟区南宁街道1号');
    const issues = (await page.getByTestId('inmate-import-issues').textContent()) ?? '';
    expect(issues).toContain('第 3 行「监区」：本监狱没有监区“九监区”');
    expect(issues).toContain('第 3 行「出生日期」');
    expect(await page.getByTestId('inmate-import-commit').count()).toBe(0);
    await page.getByTestId('inmate-import').screenshot({ path: join(ARTIFACTS, 'desk-import-preview-errors.png') });
    // Nothing was written: the good row is not there either.
    expect(await invoke<unknown[]>('searchInmates', { inmateNumber: 'JY01-2026-0001' })).toEqual({
      accepted: true,
      value: [],
    });
  });

  test('R8.1 R9.1 issue #25 item 7: an .xlsx previews, then imports every row; the record shows the ward and address', async () => {
    const file = join(dir, '罪犯名单.xlsx');
    writeFileSync(
      file,
      await xlsx([
        ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'],
        ['JY01-2026-0001', '李国强', '三监区', '1979-03-02', '云南省曲靖市麒麟区南宁街道1号'],
        ['JY01-2026-0002', '王小明', 'YN-JY01-W3', '1985-02-28', '云南省玉溪市红塔区'],
      ]),
    );
    await page.getByTestId('inmate-import-file').setInputFiles(file);
    const preview = page.getByTestId('inmate-import-preview');
    await expect.poll(() => preview.textContent(), { timeout: 20_000 }).toContain('Excel 工作簿（.xlsx）');
    expect(await page.getByTestId('inmate-import-issues').count()).toBe(0);
    await page.getByTestId('inmate-import').screenshot({ path: join(ARTIFACTS, 'desk-import-preview.png') });
    await page.getByTestId('inmate-import-commit').click();
    await expect.poll(() => page.getByTestId('inmate-import-done').textContent(), { timeout: 20_000 }).toBe('已导入 2 名罪犯。');
    await openInmate('JY01-2026-0002');
    expect(await page.getByTestId('inmate-ward').textContent()).toBe('监区：三监区');
    expect(await page.getByTestId('inmate-home-address').inputValue()).toBe('云南省玉溪市红塔区');
  });

  test('R9.1 issue #25 item 3: the home address kept in the inmates view and the ward print on Form 1 (pdftotext, pdftoppm)', async () => {
    await openInmate(seed.inmate.inmateNumber);
    expect(await page.getByTestId('inmate-ward').textContent()).toBe('监区：三监区');
    await page.getByTestId('inmate-home-address').fill(HOME);
    await page.getByTestId('inmate-address-save').click();
    await expect
      .poll(
        async () =>
          (await invoke<{ value: { homeAddress: string } }>('inmate', { inmateId: seed.ids.inmateId })).value.homeAddress,
        { timeout: 20_000 },
      )
      .toBe(HOME);

    // R9.1: the inmate applies at the prison (Form 1); the relatives' bureau named.
    const created = await invoke<{ accepted: boolean; value: { id: string } }>('submitApplication', {
      form: 'form-1',
      inmateId: seed.ids.inmateId,
      relativesBureauId: seed.ids.bureauId,
      applicants: [
        {
          name: RELATIVE.name,
          role: { kind: 'family', relationship: 'father', proofs: ['household-register'] },
          document: { kind: 'resident-id', number: RELATIVE.id },
          address: '云南省昆明市官渡区关上街道100号',
          phone: '13800000001',
        },
      ],
    });
    expect(created.accepted).toBe(true);
    applicationId = created.value.id;

    await page.getByTestId('desk-tab-applications').click();
    const row = page.locator(`[data-testid="application-row"][data-application="${applicationId}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.getByTestId('application-open').click();
    await page.getByTestId('application').waitFor({ state: 'visible' });
    // Issue #25 item 9: the clerk reads out the number the status page asks for.
    expect(await page.getByTestId('application-number').textContent()).toContain(applicationId);
    await page.getByTestId('print-form').click();
    await page.getByTestId('print-form-1').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.getByTestId('print-inmate-address').textContent()).toBe(HOME);
    expect(await page.getByTestId('print-inmate-ward').textContent()).toBe('三监区');
    await page.getByTestId('print-save-pdf').click();
    const saved = page.getByTestId('print-saved');
    await saved.waitFor({ state: 'visible', timeout: 30_000 });
    const savedPath = ((await saved.textContent()) ?? '').replace(/^[^/]*/, '').trim();
    const pdf = join(ARTIFACTS, 'desk-form-1-address.pdf');
    copyFileSync(savedPath, pdf);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
    for (const s of ['远程视频会见申请表一', seed.inmate.name, '三监区', RELATIVE.name]) expect(text, s).toContain(s);
    // The address cell of the form is narrow: the address wraps, its characters in order.
    const raw = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(raw).toMatch(new RegExp([...HOME].join('[\\s\\S]{0,40}')));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(ARTIFACTS, 'desk-form-1-address')]);
    await page.getByTestId('print-back').click();
  });

  test('issue #25 item 9: a relative asks the store’s status page in Chromium: step and due date; a wrong ID number, the neutral answer', async () => {
    let context: BrowserContext | null = null;
    try {
      context = await browser.newContext({ viewport: { width: 900, height: 760 }, locale: 'zh-CN' });
      const status = await context.newPage();
      const errors: string[] = [];
      status.on('pageerror', (e) => errors.push(e.message));
      status.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await status.goto(`${central.url}/status`);
      expect(await status.title()).toBe('远程视频会见申请进度查询');
      await status.fill('#application-number', applicationId);
      await status.fill('#id-number', '530121195806120015');
      await status.click('#status-submit');
      await expect
        .poll(() => status.textContent('#result'), { timeout: 20_000 })
        .toContain('未查到与所填申请编号和证件号码相符的申请');

      await status.fill('#id-number', RELATIVE.id);
      await status.click('#status-submit');
      await expect.poll(() => status.textContent('#result'), { timeout: 20_000 }).toContain('当前环节：监狱审批罪犯申请');
      const result = (await status.textContent('#result')) ?? '';
      expect(result).toMatch(/办理期限：2026年10月\d+日 前/);
      // Nothing else: no names.
      expect(result).not.toContain(seed.inmate.name);
      expect(result).not.toContain(RELATIVE.name);
      await status.screenshot({ path: join(ARTIFACTS, 'status-page.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context?.close();
    }
  });

  test('no page error and no CSP violation during the whole run', () => {
    expect(problems).toEqual([]);
  });
});
