// Issue #25 item 8 (R8.4, R9.2): telling the family by text message, against a REAL SMPP
// server (the `smpp` package's, as the operator's SMS centre) on both engines. The store's
// worker is stepped by hand (tick) so each case says exactly what was sent when.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestEngine } from '../../../../harness/store/databases';
import { startOperatorSmsc } from '../../../../harness/store/operator-smsc';
import type { OperatorSmsc } from '../../../../harness/store/operator-smsc';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import type { ServerConfig } from '../../../../src-server/config';
import { claimDue, recordPartAccepted, recordRetry } from '../../../../src-server/areas/notifications/outbox';
import { action, atPrisonDecision, createInmate, relative, setToday, startOn } from '../applications/fixtures';
import type { Chain } from '../applications/fixtures';

const STATUS_URL = 'https://hj.example.gov.cn/status';
const quick = {
  worker: { backoff: { initialMs: 60_000, maxMs: 600_000 } },
  smpp: { requestTimeoutMs: 10_000 },
  autoStart: false,
};

async function storeWith(engine: TestEngine, overrides: Partial<ServerConfig>): Promise<Chain> {
  const { store, w } = await startOn(engine, '2026-10-13', { statusPageUrl: STATUS_URL, ...overrides }, { notifications: quick });
  return { store, w };
}

const tick = (store: TestStore) => {
  const worker = store.app.notifier.worker;
  if (worker === null) throw new Error('no worker: the store has no gateway');
  return worker.tick();
};

const rows = (store: TestStore) =>
  store.app.ctx.db.selectFrom('notifications').selectAll().orderBy('created_at').orderBy('phone').execute();

function only<T>(xs: readonly T[], what: string): T {
  const [x] = xs;
  if (x === undefined) throw new Error(`no ${what}`);
  return x;
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A Form 2 application the prison approves for 2026-10-20 09:00 (R8.3 → R8.4 step opens). */
async function approved(c: Chain, inmate: string, applicants = [relative('王母亲', '1960-03-03')]): Promise<string> {
  setToday(c.store, '2026-10-13');
  const id = await atPrisonDecision(c, inmate, applicants, { date: '2026-10-20' });
  await action(c, c.w.tokens.prisonAReviewer, id, 'approve', {
    date: '2026-10-20',
    start: '09:00',
    minutes: 30,
    roomId: c.w.prisonA.roomId,
    remoteRoomId: c.w.bureauA.roomId,
  });
  return id;
}

// Generous per test: the whole case runs a store, an SMS centre and several HTTP rounds.
describe.each(ENGINES)('issue #25 item 8: family SMS through SMPP [%s]', { timeout: 60_000 }, (engine) => {
  let smsc: OperatorSmsc;
  let c: Chain;
  let store: TestStore;
  let w: World;

  beforeAll(async () => {
    smsc = await startOperatorSmsc();
  });
  afterAll(async () => {
    await smsc.stop().catch(() => undefined);
  });
  afterEach(async () => {
    await store?.stop();
  });

  it('R8.4: the decision queues the message in its transaction; submitted as UCS-2 parts; receipts mark it delivered in time', async () => {
    c = await storeWith(engine, { smsGateway: { url: smsc.url(), sourceAddr: '10690000' } });
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '李四');
    const before = smsc.accepted.length;
    const id = await approved(c, inmate);

    const queued = await rows(store);
    expect(queued).toHaveLength(1);
    const row = only(queued, 'queued message');
    const step = await store.app.ctx.db
      .selectFrom('review_steps')
      .selectAll()
      .where('id', '=', row.step_id)
      .executeTakeFirstOrThrow();
    expect(step).toMatchObject({ kind: 'bureau-notifies-relative', application_id: id, done_at: null });
    expect(row).toMatchObject({ phone: '13800000000', cause: 'approved', due_on: step.due_on });
    // Minimum personal data: the number's tail, the outcome, when and where on their side; no names, no ID number.
    const tail = id.replace(/-/g, '').slice(-6).toUpperCase();
    expect(row.body).toContain(`申请尾号${tail}已获批准：10月20日09:00，`);
    expect(row.body).toContain(STATUS_URL);
    expect(row.body).not.toMatch(/王母亲|李四|\d{17}[\dX]/);

    await until('submitted', async () => {
      await tick(store).catch(() => undefined);
      return (await rows(store))[0]?.status === 'submitted';
    });
    const sent = smsc.accepted.slice(before);
    expect(sent.length).toBe(Number(row.part_count));
    expect(sent.length).toBeGreaterThan(1); // a long message goes as parts
    expect(sent.every((p) => p.dataCoding === 8 && p.destination === '8613800000000')).toBe(true);
    expect(sent.map((p) => p.concat?.seq)).toEqual(sent.map((_, i) => i + 1));
    expect(new Set(sent.map((p) => p.concat?.reference)).size).toBe(1);
    expect(sent.every((p) => (p.esmClass & 0x40) === 0x40 && p.text.length <= 67)).toBe(true);
    expect(sent.map((p) => p.text).join('')).toBe(row.body);

    for (const p of sent) await smsc.receipt(p.messageId, 'DELIVRD');
    await until('delivered', async () => (await rows(store))[0]?.status === 'delivered');
    const list = await store.call('GET', `/api/applications/${id}/notifications`, { token: w.tokens.bureauAReviewer });
    expect(list.status).toBe(200);
    expect(list.body.gateway).toMatchObject({ configured: true, protocol: 'smpp', state: 'ready' });
    expect(list.body.notifications).toEqual([
      expect.objectContaining({
        status: 'delivered',
        timeliness: 'in-time',
        phone: '138****0000',
        stepLabel: expect.any(String),
      }),
    ]);
    const audit = await store.app.ctx.db.selectFrom('staff_audit').select('action').where('subject_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toContain('notifications.view');
  });

  it('gateway down mid-run: nothing lost, nothing accepted twice; a failed receipt reads not told', async () => {
    c = await storeWith(engine, { smsGateway: { url: smsc.url(), sourceAddr: '10690000' } });
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '赵五');
    // Five messages: one queued by the decision, four sent again to other numbers by the bureau.
    const id = await approved(c, inmate);
    for (const phone of ['13900000001', '+86 139-0000-0002', '13900000003', '13900000004']) {
      const res = await store.call('POST', `/api/applications/${id}/notifications`, {
        token: w.tokens.bureauAReviewer,
        body: { phone },
      });
      expect(res.status).toBe(201);
    }
    const all = await rows(store);
    expect(all).toHaveLength(5);
    const before = smsc.accepted.length;
    const parts = Number(only(all, 'message').part_count);

    smsc.dieAfter(parts + 1); // the first message whole, one part of the second, then the centre dies
    await tick(store);
    let now = await rows(store);
    expect(now.filter((r) => r.status === 'submitted')).toHaveLength(1);
    expect(now.filter((r) => r.status === 'queued')).toHaveLength(4);
    expect(now.find((r) => r.status === 'queued' && r.last_error !== null)?.last_error).toMatch(/短信网关/);
    expect(smsc.dropped).toBe(1);

    // Still down after the back-off: retried, still queued, still nothing lost.
    store.clock.advanceMinutes(20);
    await tick(store);
    now = await rows(store);
    expect(now.filter((r) => r.status === 'queued')).toHaveLength(4);
    expect(now.some((r) => /连接不上|断开/.test(r.last_error ?? ''))).toBe(true);

    await smsc.restart();
    store.clock.advanceMinutes(60);
    await tick(store);
    now = await rows(store);
    expect(now.every((r) => r.status === 'submitted')).toBe(true);
    // Every part of every message accepted exactly once (the half-sent one resumed at its next part).
    const accepted = smsc.accepted.slice(before);
    expect(accepted).toHaveLength(5 * parts);
    const keys = accepted.map((p) => `${p.destination}/${p.concat?.seq ?? 1}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of now) {
      const theirs = accepted.filter((p) => p.destination === `86${r.phone}`);
      expect(theirs.map((p) => p.text).join('')).toBe(r.body);
    }

    // UNDELIV for one part of one message: failed, and the desk reads "not told".
    const target = only(
      accepted.filter((p) => p.destination === '8613900000003'),
      'part to 139****0003',
    );
    await smsc.receipt(target.messageId, 'UNDELIV');
    await until('failed', async () => (await rows(store)).some((r) => r.status === 'failed'));
    const list = await store.call('GET', `/api/applications/${id}/notifications`, { token: w.tokens.bureauAReviewer });
    const failed = list.body.notifications.find((n: { phone: string }) => n.phone === '139****0003');
    expect(failed).toMatchObject({ status: 'failed', timeliness: 'not-told', lastError: expect.stringContaining('UNDELIV') });
  });

  it('a store node that died mid-send: its claim expires, another node sends the rest, nothing twice', async () => {
    c = await storeWith(engine, { smsGateway: { url: smsc.url(), sourceAddr: '10690000' } });
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '冯十一');
    await approved(c, inmate);
    const before = smsc.accepted.length;
    // The dead node: it claimed the message and had the first part accepted, then vanished.
    const now = store.clock.now();
    const dead = await claimDue(
      store.app.ctx.db,
      store.app.ctx.engine,
      now.toISOString(),
      new Date(now.getTime() + 120_000).toISOString(),
      10,
    );
    expect(dead.rows).toHaveLength(1);
    const row = only(dead.rows, 'claimed message');
    await recordPartAccepted(store.app.ctx.db, row.id, 1, 'DEAD-NODE-1', now.toISOString());

    await tick(store); // this node: the claim still holds, nothing sent
    expect(smsc.accepted.length).toBe(before);
    expect(only(await rows(store), 'message').status).toBe('sending');

    store.clock.advanceMinutes(3);
    await tick(store);
    const after = only(await rows(store), 'message');
    expect(after.status).toBe('submitted');
    const sent = smsc.accepted.slice(before);
    // Only the parts the dead node had not handed over, each once.
    expect(sent.map((p) => p.concat?.seq)).toEqual(Array.from({ length: Number(after.part_count) - 1 }, (_, i) => i + 2));
    // A late outcome from the dead node's claim changes nothing.
    await recordRetry(store.app.ctx.db, row, dead.token, '迟到的结果', now.toISOString(), now.toISOString());
    expect(only(await rows(store), 'message').status).toBe('submitted');
  });

  it('a wrong password: the message stays queued and the desk reads why (登录失败)', async () => {
    c = await storeWith(engine, { smsGateway: { url: smsc.url('wrongpw'), sourceAddr: '10690000' } });
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '钱六');
    const id = await approved(c, inmate);
    await tick(store);
    const row = only(await rows(store), 'message');
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.last_error).toContain('短信网关登录失败：密码错误');
    const list = await store.call('GET', `/api/applications/${id}/notifications`, { token: w.tokens.bureauAReviewer });
    expect(list.body.gateway).toMatchObject({ configured: true, state: 'failing', message: expect.stringContaining('密码错误') });
    expect(list.body.notifications[0]).toMatchObject({ status: 'queued', timeliness: 'pending' });
  });

  it('no gateway: messages wait in the outbox and the desk says 短信网关未配置; a bad number is refused and writes nothing', async () => {
    c = await storeWith(engine, {});
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '孙七');
    const id = await approved(c, inmate, [
      relative('孙母亲', '1961-04-04'),
      { ...relative('孙父亲', '1960-02-02', 'father', '456'), phone: '0871-6543210' },
    ]);
    expect(store.app.notifier.worker).toBeNull();
    const queued = await rows(store);
    expect(queued.map((r) => r.status)).toEqual(['queued']); // the landline gets no SMS
    // Two working days pass without a gateway: the message is still there, and overdue.
    setToday(store, '2026-10-19');
    const list = await store.call('GET', `/api/applications/${id}/notifications`, { token: w.tokens.bureauAReviewer });
    expect(list.body.gateway).toMatchObject({
      configured: false,
      state: 'unconfigured',
      message: expect.stringContaining('短信网关未配置'),
    });
    expect(list.body.notifications[0]).toMatchObject({ status: 'queued', timeliness: 'overdue' });

    const count = async () => {
      const n = await store.app.ctx.db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const a = await store.app.ctx.db
        .selectFrom('staff_audit')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return [Number(n.n), Number(a.n)];
    };
    const before = await count();
    for (const phone of ['12345', '0871-6543210', '12800000000', '138000000001', '']) {
      const res = await store.call('POST', `/api/applications/${id}/notifications`, {
        token: w.tokens.bureauAReviewer,
        body: { phone },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('手机号码格式不对');
    }
    expect(await count()).toEqual(before);

    // The applicant withdraws: what still waits is never sent, and nothing more may be queued.
    await action(c, w.tokens.bureauAReviewer, id, 'withdraw', { reason: '家属另有安排' });
    expect((await rows(store)).map((r) => r.status)).toEqual(['cancelled']);
    const after = await store.call('GET', `/api/applications/${id}/notifications`, { token: w.tokens.bureauAReviewer });
    expect(after.body.notifications[0]).toMatchObject({ status: 'cancelled', timeliness: 'cancelled' });
    const resent = await store.call('POST', `/api/applications/${id}/notifications`, {
      token: w.tokens.bureauAReviewer,
      body: { phone: '13900000009' },
    });
    expect(resent.status).toBe(409);
    expect(resent.body.error.message).toContain('申请已撤回');
  });

  it('R9.2 the arranged time (Form 1) and R9.3 a changed time queue their own messages; a refusal names no reason', async () => {
    c = await storeWith(engine, {});
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '吴九');
    setToday(store, '2026-10-13');
    const res = await store.call('POST', '/api/applications', {
      token: w.tokens.prisonAReviewer,
      body: {
        form: 'form-1',
        inmateId: inmate,
        relativesBureauId: w.bureauA.id,
        applicants: [relative('吴妻', '1988-05-05', 'spouse')],
      },
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await action(c, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-23',
      start: '10:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    let all = await rows(store);
    expect(all.map((r) => r.cause)).toEqual(['arranged']);
    expect(only(all, 'arranged').body).toMatch(/监狱安排会见（申请尾号[0-9A-F]{6}）：10月23日10:00，.+请向司法局答复是否同意/);

    // R9.3: the prison moves the visit; the relatives get the new time (the open R9.2 step carries it).
    const visit = await store.app.ctx.db
      .selectFrom('visits')
      .select('id')
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    store.clock.advanceMinutes(5);
    const moved = await store.call('POST', `/api/visits/${visit.id}/reschedule`, {
      token: w.tokens.prisonAReviewer,
      body: { date: '2026-10-23', start: '11:00', minutes: 30 },
    });
    expect(moved.status).toBe(200);
    all = await rows(store);
    expect(all.map((r) => r.cause)).toEqual(['arranged', 'rescheduled']);
    expect(all[1]?.body).toContain('的会见改为10月23日11:00，');

    // R8.4 after a refusal: told that it was refused, not why (the reason may speak of the inmate).
    const inmate2 = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '郑十');
    const refusedId = await atPrisonDecision(c, inmate2, [relative('郑母亲', '1962-06-06')], { date: '2026-10-20' });
    await action(c, w.tokens.prisonAReviewer, refusedId, 'refuse', { reason: '该犯近期严重违反监规' });
    const refused = (await rows(store)).filter((r) => r.application_id === refusedId);
    expect(refused.map((r) => r.cause)).toEqual(['refused']);
    expect(only(refused, 'refusal').body).toContain('未获批准，原因请向受理窗口询问');
    expect(only(refused, 'refusal').body).not.toContain('监规');
  });

  it('two store nodes claiming at once never hold the same message', async () => {
    c = await storeWith(engine, {});
    ({ store, w } = c);
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '周八');
    const id = await approved(c, inmate);
    for (let i = 10; i < 30; i += 1) {
      await store.call('POST', `/api/applications/${id}/notifications`, {
        token: w.tokens.bureauAReviewer,
        body: { phone: `137000000${i}` },
      });
    }
    const over = await store.call('POST', `/api/applications/${id}/notifications`, {
      token: w.tokens.bureauAReviewer,
      body: { phone: '13700000099' },
    });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toContain('最多补发 20 条');
    const now = store.clock.now();
    const at = new Date(now.getTime() + 60_000).toISOString();
    const lease = new Date(now.getTime() + 120_000).toISOString();
    const claims = await Promise.all([1, 2, 3].map(() => claimDue(store.app.ctx.db, store.app.ctx.engine, at, lease, 8)));
    const ids = claims.flatMap((c2) => c2.rows.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(21);
    // A claim that expired is taken over by another node; one still held is not.
    const later = new Date(now.getTime() + 180_000).toISOString();
    const again = await claimDue(
      store.app.ctx.db,
      store.app.ctx.engine,
      later,
      new Date(now.getTime() + 300_000).toISOString(),
      50,
    );
    expect(again.rows).toHaveLength(21);
    expect((await claimDue(store.app.ctx.db, store.app.ctx.engine, later, later, 50)).rows).toHaveLength(0);
  });
});
