// R26.1: the audit chain pushed in batches from the store's head,
// idempotent across a restart, a network cut mid-sync resumed with nothing lost or
// duplicated, a tampered local row refused (422 → alarm), back-off while the store is away.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { appendAudit } from '../../../src-main/audit/audit-log';
import { getKv } from '../../../src-main/store/kv';
import { startCuttingProxy } from '../server/recordings/helpers/cutting-proxy';
import {
  enrolledTerminal,
  localAuditCount,
  manualTimers,
  serverEventCount,
  startCentral,
  type CentralWorld,
} from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

// One transaction: synchronous=FULL would otherwise fsync every entry.
const fill = (db: Parameters<typeof appendAudit>[0], terminalId: string, n: number, at: Date) =>
  db.transaction(() => {
    for (let i = 0; i < n; i++) appendAudit(db, terminalId, { kind: 'visit.note', payload: { n: i, text: `第 ${i} 条` } }, at);
  })();

describe('R26.1 audit chain push', { timeout: 30_000 }, () => {
  test('batches from the head; repeated after a restart (state lost) nothing is stored twice', async () => {
    const t = await enrolledTerminal(central);
    fill(t.db, t.config.terminalId, 1234, t.clock.now());
    const first = await t.worker({ batchSize: 500 }).runOnce();
    expect(first).toMatchObject({ ok: true, state: 'idle', batches: 3, pushed: localAuditCount(t.db) });
    expect(await serverEventCount(central, t.config.terminalId)).toBe(localAuditCount(t.db));
    expect(t.worker().status()).toMatchObject({ unsentAuditEntries: 0, lastError: null, state: 'idle' });

    // A restart that forgot what it pushed: the store's head says where to go on.
    t.reopen();
    t.db.prepare("DELETE FROM kv WHERE key = 'sync.pushedSeq'").run();
    const again = await t.worker().runOnce();
    expect(again).toMatchObject({ ok: true, pushed: 0, batches: 0 });
    expect(await serverEventCount(central, t.config.terminalId)).toBe(localAuditCount(t.db));
    t.close();
  });

  test('network cut mid-sync, then resumed: every event exactly once, the chain verifies', async () => {
    const t = await enrolledTerminal(central);
    fill(t.db, t.config.terminalId, 3000, t.clock.now());
    const port = Number(new URL(central.store.url).port);
    const proxy = await startCuttingProxy(port, 400_000);
    const cut = await t.worker({ url: proxy.url, batchSize: 200 }).runOnce();
    await proxy.close();
    expect(cut.ok).toBe(false);
    expect(cut.state).toBe('offline');
    const partial = await serverEventCount(central, t.config.terminalId);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(localAuditCount(t.db));
    expect(getKv(t.db, 'sync.lastError')).toMatch(/中心库|连接|网络/);

    const worker = t.worker({ batchSize: 200, maxBatchesPerRound: 100 });
    const resumed = await worker.runOnce();
    expect(resumed.ok).toBe(true);
    expect(await serverEventCount(central, t.config.terminalId)).toBe(localAuditCount(t.db));
    const verify = await central.store.call('GET', `/api/audit/terminals/${t.config.terminalId}/verify`, {
      token: central.w.tokens.supervisor,
    });
    expect(verify.body).toMatchObject({ ok: true, chains: [{ chainId: 'main', ok: true, count: localAuditCount(t.db) }] });
    t.close();
  });

  test('a tampered local row is refused (422): alarm, no endless retry, no deletion; cleared by an administrator', async () => {
    const t = await enrolledTerminal(central);
    fill(t.db, t.config.terminalId, 10, t.clock.now());
    expect((await t.worker().runOnce()).ok).toBe(true);
    fill(t.db, t.config.terminalId, 5, t.clock.now());
    // Someone edits an unsent row behind the triggers' back.
    t.db.exec('DROP TRIGGER audit_log_no_update');
    const seq = (t.db.prepare('SELECT MAX(seq) AS s FROM audit_log').get() as { s: number }).s - 2;
    t.db.prepare('UPDATE audit_log SET payload = \'{"n":999}\' WHERE seq = ?').run(seq);
    const timers = manualTimers();
    const worker = t.worker({ timers, intervalMs: 30_000 });
    const outcome = await worker.runOnce();
    expect(outcome.state).toBe('alarm');
    const status = worker.status();
    expect(status.state).toBe('alarm');
    expect(status.alarm).toMatch(/审计链.*第 \d+ 条/);
    expect(status.lastError).toMatch(/拒收/);
    // Not retried at back-off pace: the next round is the normal interval, and it does not push.
    expect(timers.delays.at(-1)).toBe(30_000);
    const before = await serverEventCount(central, t.config.terminalId);
    await worker.runOnce();
    expect(await serverEventCount(central, t.config.terminalId)).toBe(before);
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'sync.chainRejected'").get()).toEqual({ n: 1 });
    expect(worker.clearAlarm().alarm).toBeNull();
    t.close();
  });

  test('the store away: offline in plain Chinese, exponential back-off with jitter', async () => {
    const t = await enrolledTerminal(central);
    const timers = manualTimers();
    const worker = t.worker({ url: 'http://127.0.0.1:9', timers, backoffBaseMs: 1000, backoffMaxMs: 8000, random: () => 0 });
    for (let i = 0; i < 5; i++) expect((await worker.runOnce()).state).toBe('offline');
    // random 0 → half the exponential delay: 500, 1000, 2000, 4000, then capped at 8000/2.
    expect(timers.delays).toEqual([500, 1000, 2000, 4000, 4000]);
    expect(worker.status()).toMatchObject({ state: 'offline', lastError: expect.stringMatching(/无法连接中心库/) });
    expect(worker.status().nextAttemptAt).not.toBeNull();
    t.close();
  });
});
