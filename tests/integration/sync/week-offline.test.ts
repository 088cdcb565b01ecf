// A week without the central store. 7 days × 20 visits, each with its
// visit-day steps audited and queued (recordStep, clock-injected), while every round fails
// offline; then the store comes back and the backlog drains in order, nothing lost, nothing
// twice, and the store verifies the whole chain (R26.1).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { recordStep } from '../../../src-main/visit-day/record-step';
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

const STEPS = [
  'checkin.accepted',
  'checkin.accepted',
  'visit.noticeAcknowledged',
  'visit.depositRecorded',
  'visit.equipmentChecked',
  'visit.started',
  'recording.sealed',
  'visit.ended',
];

describe('a week offline', { timeout: 60_000 }, () => {
  test('7 days × 20 visits queued offline, flushed when the store returns: counts and chain head verified', async () => {
    const t = await enrolledTerminal(central);
    const timers = manualTimers();
    const offline = t.worker({ url: 'http://127.0.0.1:9', timers, random: () => 0.5 });
    for (let day = 0; day < 7; day++) {
      t.db.transaction(() => {
        for (let v = 0; v < 20; v++) {
          for (const [i, kind] of STEPS.entries()) {
            t.clock.advance(60_000);
            recordStep(t.db, t.config.terminalId, { kind, actor: 'staff-1', payload: { day, visit: v, step: i } }, t.clock.now());
          }
        }
      })();
      expect((await offline.runOnce()).state).toBe('offline');
      t.clock.advance(86_400_000 - 20 * STEPS.length * 60_000);
    }
    const queued = offline.status();
    expect(queued.queuedEvents).toBe(7 * 20 * STEPS.length);
    expect(queued.unsentAuditEntries).toBe(localAuditCount(t.db));
    expect(await serverEventCount(central, t.config.terminalId)).toBe(0);

    // The store is back: rounds run until nothing more waits (as the worker schedules them).
    const online = t.worker({ batchSize: 500, maxBatchesPerRound: 2 });
    const started = performance.now();
    let batches = 0;
    let rounds = 0;
    for (;;) {
      const outcome = await online.runOnce();
      expect(outcome.ok).toBe(true);
      batches += outcome.batches;
      rounds += 1;
      if (!outcome.more) break;
    }
    const seconds = (performance.now() - started) / 1000;
    const events = localAuditCount(t.db);
    expect(await serverEventCount(central, t.config.terminalId)).toBe(events);
    expect(online.status()).toMatchObject({ queuedEvents: 0, unsentAuditEntries: 0, lastError: null });
    const verify = await central.store.call('GET', `/api/audit/terminals/${t.config.terminalId}/verify`, {
      token: central.w.tokens.supervisor,
    });
    const head = t.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    expect(verify.body).toMatchObject({
      ok: true,
      chains: [{ chainId: 'main', ok: true, count: events, headSeq: head.seq, headHash: head.hash }],
    });
    console.info(JSON.stringify({ weekOffline: { events, batches, rounds, seconds: Number(seconds.toFixed(2)) } }));
    t.close();
  });
});
