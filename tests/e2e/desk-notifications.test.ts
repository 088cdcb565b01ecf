// End to end at the desk (issue #25 item 8; R8.4, R9.2), over the REAL main services, the REAL
// central store and a REAL SMPP server as the operator's SMS centre: the prison approves an
// application, the store's outbox texts the applicant (UCS-2, in parts), the centre's receipts
// come back, and the bureau's clerk sees the message delivered within the step's deadline; a
// bad mobile number is refused in Chinese and writes nothing; a good one queues the message
// again, and it goes out too. The view and the resend are in the store's audit.
// The screenshot goes to test-results/e2e/.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DESK_PASSWORD, seedDesk, type DeskClerk, type DeskSeed } from '../fixtures/desk/seed-desk';
import { startCentralStore, type CentralStoreHandle } from '../../harness/store/seed-store';
import { startOperatorSmsc, type OperatorSmsc } from '../../harness/store/operator-smsc';
import type { StaticServer } from '../../harness/browser/static-server';
import type { OpenedTerminal } from '../../harness/browser/terminals';
import { openDeskPage } from './harness/desk-page';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const ARTIFACTS = root('test-results/e2e');
/** A Monday, a working day. */
const RECEIVED = '2026-10-12';
const VISIT_DATE = '2026-10-20';

let browser: Browser;
let server: StaticServer;
let central: CentralStoreHandle;
let smsc: OperatorSmsc;
let seed: DeskSeed;
let t: OpenedTerminal;
let page: Page;
let dir: string;
let applicationId: string;
const problems: string[] = [];

async function login(clerk: DeskClerk) {
  await page.getByTestId('desk-login').waitFor({ state: 'visible' });
  await page.getByTestId('desk-username').fill(clerk.username);
  await page.getByTestId('desk-password').fill(clerk.password);
  await page.getByTestId('desk-login-submit').click();
  await expect.poll(() => page.getByTestId('desk-who').textContent(), { timeout: 20_000 }).toContain(clerk.name);
}

async function ok<T>(what: string, reply: Promise<{ status: number; body: T }>): Promise<T> {
  const res = await reply;
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const count = async (table: 'notifications' | 'staff_audit') =>
  Number(
    (
      await central.app.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  smsc = await startOperatorSmsc();
  central = await startCentralStore(
    { smsGateway: { url: smsc.url(), sourceAddr: '10690000' }, statusPageUrl: 'https://hj.example.gov.cn/status' },
    { notifications: { worker: { pollMs: 200 } } },
  );
  central.setChinaTime(RECEIVED, '09:00');
  seed = await seedDesk(central);

  // The chain up to the prison's decision, through the API (the desk's own path is desk-paperwork's).
  const bureau = await central.login(seed.clerks.bureau.username, DESK_PASSWORD);
  const prison = await central.login(seed.clerks.prison.username, DESK_PASSWORD);
  const created = await ok<{ id: string }>(
    'submit',
    central.call('POST', '/api/applications', {
      token: bureau,
      body: {
        form: 'form-2',
        inmateId: seed.ids.inmateId,
        applicants: [
          {
            name: '段明',
            role: { kind: 'family', relationship: 'father', proofs: ['household-register'] },
            document: { kind: 'resident-id', number: '530121195806120014' },
            address: '云南省昆明市官渡区关上街道100号',
            phone: '13800000001',
          },
        ],
        preferred: { date: VISIT_DATE, minutes: 30 },
      },
    }),
  );
  applicationId = created.id;
  await ok('forward', central.call('POST', `/api/applications/${applicationId}/forward`, { token: bureau, body: {} }));
  await ok(
    'approve',
    central.call('POST', `/api/applications/${applicationId}/approve`, {
      token: prison,
      body: { date: VISIT_DATE, start: '10:00', minutes: 30, roomId: seed.ids.prisonRoomId, remoteRoomId: seed.ids.bureauRoomId },
    }),
  );

  dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-desk-sms-'));
  const fixture = JSON.parse(readFileSync(root('harness/fixtures/terminal-config/desk-office.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const configPath = join(dir, 'desk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      ...fixture,
      site: { id: seed.ids.bureauId, name: seed.names.bureau, kind: 'bureau' },
      centralStoreUrl: central.url,
      dataDir: join(dir, 'data'),
      recordingDir: join(dir, 'recordings'),
    }),
  );
  ({ browser, server, t, page } = await openDeskPage(configPath, () => new Date(`${RECEIVED}T09:30:00+08:00`), problems));
}, 180_000);

afterAll(async () => {
  await t?.close();
  await browser?.close();
  await server?.close();
  await central?.stop();
  await smsc?.stop().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('desk: telling the family by text (issue 25 item 8)', () => {
  test('R8.4 R9.2 the decision texts the applicant; delivered in time shows at the desk; a bad number is refused, a good one resent', async () => {
    // The worker sends what the decision queued; the centre's receipts come back.
    await expect.poll(() => smsc.accepted.length, { timeout: 20_000 }).toBeGreaterThan(0);
    const first = await central.app.ctx.db.selectFrom('notifications').selectAll().executeTakeFirstOrThrow();
    await expect.poll(() => smsc.accepted.length, { timeout: 20_000 }).toBe(Number(first.part_count));
    expect(smsc.accepted.every((p) => p.dataCoding === 8 && p.destination === '8613800000001')).toBe(true);
    expect(smsc.accepted.map((p) => p.text).join('')).toBe(first.body);
    await expect
      .poll(
        async () => (await central.app.ctx.db.selectFrom('notifications').select('status').executeTakeFirstOrThrow()).status,
        {
          timeout: 20_000,
        },
      )
      .toBe('submitted');
    for (const p of smsc.accepted) await smsc.receipt(p.messageId);

    await login(seed.clerks.bureau);
    await page.getByTestId('desk-tab-queue').click();
    const row = page.locator(`[data-testid="queue-row"][data-application="${applicationId}"]`);
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    await row.getByTestId('queue-open').click();
    await page.getByTestId('application').waitFor({ state: 'visible' });
    const panel = page.getByTestId('application-notifications');
    const rows = panel.getByTestId('notification-row');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => rows.first().getAttribute('data-status'), { timeout: 20_000 }).toBe('delivered');
    expect(await rows.first().getAttribute('data-timeliness')).toBe('in-time');
    expect(await rows.first().textContent()).toContain('期限内送达');
    expect(await rows.first().textContent()).toContain('138****0001');
    expect(await panel.getByTestId('sms-gateway').getAttribute('data-state')).toBe('ready');

    // A landline is no mobile: refused in Chinese, nothing written.
    const [before, auditsBefore] = [await count('notifications'), await count('staff_audit')];
    await panel.getByTestId('resend-phone').fill('0871-6543210');
    await panel.getByTestId('resend-send').click();
    await expect.poll(() => panel.getByTestId('desk-refusal').textContent(), { timeout: 10_000 }).toContain('手机号码格式不对');
    expect([await count('notifications'), await count('staff_audit')]).toEqual([before, auditsBefore]);

    // A relative's new mobile: queued again, sent, listed as sent at the desk.
    await panel.getByTestId('resend-phone').fill('139 0000 0002');
    await panel.getByTestId('resend-send').click();
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(2);
    await expect
      .poll(() => smsc.accepted.filter((p) => p.destination === '8613900000002').length, { timeout: 20_000 })
      .toBe(Number(first.part_count));
    await expect
      .poll(
        async () => {
          await panel.getByTestId('notifications-refresh').click();
          await page.waitForTimeout(300);
          return panel.locator('[data-testid="notification-row"][data-status="submitted"]').count();
        },
        { timeout: 20_000 },
      )
      .toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'desk-application-notifications.png'), fullPage: true });

    // The operator's centre goes down: the next message waits in the outbox, and the desk says why.
    await smsc.stop();
    await panel.getByTestId('resend-phone').fill('13900000003');
    await panel.getByTestId('resend-send').click();
    await expect
      .poll(
        async () => {
          await panel.getByTestId('notifications-refresh').click();
          await page.waitForTimeout(300);
          return panel.getByTestId('sms-gateway').getAttribute('data-state');
        },
        { timeout: 20_000 },
      )
      .toBe('failing');
    const waiting = panel.locator('[data-testid="notification-row"][data-status="queued"]');
    expect(await waiting.count()).toBe(1);
    expect(await waiting.getByTestId('notification-error').textContent()).toMatch(/短信网关 127\.0\.0\.1:\d+ 连接不上/);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'desk-notifications-gateway-down.png'), fullPage: true });

    const audit = await central.app.ctx.db
      .selectFrom('staff_audit')
      .innerJoin('staff', 'staff.id', 'staff_audit.staff_id')
      .select(['staff_audit.action', 'staff.username'])
      .where('staff_audit.action', 'like', 'notifications.%')
      .execute();
    expect(audit.filter((r) => r.action === 'notifications.resend').map((r) => r.username)).toEqual([
      seed.clerks.bureau.username,
      seed.clerks.bureau.username,
    ]);
    expect(audit.some((r) => r.action === 'notifications.view')).toBe(true);
    expect(problems).toEqual([]);
  });
});
