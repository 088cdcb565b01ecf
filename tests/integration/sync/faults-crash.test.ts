// R13.1, R26.1: crashes on either side during the sync, against the
// REAL central store: the store's process SIGKILLed mid-push and mid-upload and started
// again on the same data folder; the terminal's sync worker SIGKILLed mid-upload (a child
// process) and reopened on the same data folder. After recovery every event is stored
// centrally exactly once (terminal id + seq) and every recording file matches its hash.
import { afterAll, describe, expect, test } from 'vitest';
import { compareWithCentral } from './helpers/central-check';
import { startChild } from '../../../harness/sync/child-process';
import { startFaultProxy, type FaultProxy } from '../../../harness/sync/fault-proxy';
import { addSealedRecording, fillAudit } from '../../../harness/sync/recording-fixture';
import { drain, killableCentral, newVisit, TERMINAL_CHILD, type KillableCentral } from '../../../harness/sync/worlds';
import { enrolledTerminal, startCentral, type TestTerminal } from '../../../harness/sync/sync-world';

const FAST = { requestTimeoutMs: 5_000, uploadStallMs: 5_000, uploadChunkBytes: 64 * 1024, batchSize: 100 };
const cleanups: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function crashWorld(): Promise<{
  central: KillableCentral;
  t: TestTerminal;
  proxy: FaultProxy;
  supervisor: string;
  storeUrl: () => string;
}> {
  const { central, seeded, w } = await killableCentral(async (store, world) => {
    const t = await enrolledTerminal({ store, w: world, stop: async () => undefined });
    const visits = [await newVisit(store, world), await newVisit(store, world)];
    return { t, visits };
  });
  const { t, visits } = seeded;
  cleanups.push(
    () => central.stop(),
    () => t.close(),
  );
  fillAudit(t.db, t.config.terminalId, 600, t.clock.now(), 200);
  for (const visitId of visits)
    addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId: t.config.terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: [300_000, 250_000],
      archiveBytes: 700_000,
    });
  const proxy = await startFaultProxy(central.port());
  cleanups.push(() => proxy.close());
  return { central, t, proxy, supervisor: w.tokens.supervisor, storeUrl: () => central.child.ready.url };
}

async function chainVerifies(url: string, token: string, terminalId: string): Promise<unknown> {
  const res = await fetch(`${url}/api/audit/terminals/${terminalId}/verify`, { headers: { authorization: `Bearer ${token}` } });
  return res.json();
}

describe('R13.1 R26.1 sync survives crashes of either side', { timeout: 300_000 }, () => {
  test('the central store SIGKILLed mid-push and again mid-upload, restarted on the same data folder: nothing lost, nothing twice', async () => {
    const { central, t, proxy, supervisor, storeUrl } = await crashWorld();
    const worker = t.worker({ url: proxy.url, ...FAST });
    // Kill 1 while the audit chain goes out (600 events of ~0.4 kB in batches of 100).
    let kill: Promise<void> | null = null;
    proxy.onUp((total) => {
      if (total > 60_000 && kill === null) kill = central.child.kill();
    });
    const first = await worker.runOnce();
    expect(first.ok).toBe(false);
    expect(kill).not.toBeNull();
    await kill;
    proxy.cutAll();
    proxy.setTarget(await central.restart());
    // Kill 2 while the recordings go out.
    const atRestart = proxy.upBytes();
    let kill2: Promise<void> | null = null;
    proxy.onUp((total) => {
      if (total > atRestart + 600_000 && kill2 === null) kill2 = central.child.kill();
    });
    let rounds = 0;
    while (kill2 === null && rounds++ < 10) await worker.runOnce();
    expect(kill2).not.toBeNull();
    await kill2;
    const mid = t.db.prepare("SELECT COUNT(*) AS n FROM sync_uploads WHERE state = 'confirmed'").get() as { n: number };
    expect(mid.n).toBeLessThan(8); // the kill came before the last file was through
    proxy.onUp(null);
    proxy.cutAll();
    proxy.setTarget(await central.restart());
    const done = await drain(worker);
    expect(done, JSON.stringify(t.db.prepare('SELECT file, state, last_error FROM sync_uploads').all())).toMatchObject({
      ok: true,
    });
    // The store's SQLite file is read directly, the verify API recomputes the chain.
    expect(compareWithCentral(t.db, t.config.terminalId, central)).toEqual([]);
    expect(await chainVerifies(storeUrl(), supervisor, t.config.terminalId)).toMatchObject({ ok: true });
  });

  test('the terminal SIGKILLed mid-upload, reopened on the same data folder: resumes, nothing lost, nothing twice', async () => {
    const { central, t, proxy } = await crashWorld();
    const config = { ...t.config, centralStoreUrl: proxy.url };
    const before = t.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number };
    let killed: Promise<void> | null = null;
    const child = await startChild<{ ready: boolean }>(TERMINAL_CHILD, [
      JSON.stringify({ config, nowMs: t.clock.now().getTime(), options: FAST }),
    ]);
    // Mid-upload: the 600 events are ~270 kB on the wire, the recordings 2.5 MB.
    proxy.onUp((total) => {
      if (total > 1_200_000 && killed === null) killed = child.kill();
    });
    const exit = await Promise.race([child.exited, new Promise((r) => setTimeout(r, 120_000, 'timeout'))]);
    expect(killed, `child ended by itself: ${String(exit)}`).not.toBeNull();
    await killed;
    proxy.onUp(null);
    t.reopen();
    const partial = t.db.prepare("SELECT COUNT(*) AS n FROM sync_uploads WHERE state = 'confirmed'").get() as { n: number };
    expect(partial.n).toBeLessThan(8);
    const resumable = t.db.prepare('SELECT COUNT(*) AS n FROM sync_uploads WHERE upload_url IS NOT NULL').get() as { n: number };
    expect(resumable.n).toBeGreaterThan(0);
    // The crash lost no local audit entries.
    expect((t.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBeGreaterThanOrEqual(before.n);
    const done = await drain(t.worker({ url: proxy.url, ...FAST }));
    expect(done).toMatchObject({ ok: true });
    expect(compareWithCentral(t.db, t.config.terminalId, central)).toEqual([]);
  });

  test('a line that stalls mid-upload (bytes swallowed, socket open) ends the round after uploadStallMs; the upload resumes', async () => {
    const central = await startCentral();
    cleanups.push(() => central.stop());
    const t = await enrolledTerminal(central);
    cleanups.push(() => t.close());
    const visitId = await newVisit(central.store, central.w);
    addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId: t.config.terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: [],
      archiveBytes: 600_000,
    });
    const proxy = await startFaultProxy(Number(new URL(central.store.url).port));
    cleanups.push(() => proxy.close());
    const worker = t.worker({ url: proxy.url, requestTimeoutMs: 800, uploadStallMs: 800, uploadChunkBytes: 64 * 1024 });
    proxy.setFault({ kind: 'stall', after: 200_000 });
    const started = Date.now();
    const stalled = await worker.runOnce();
    expect(proxy.fired()).toBe(true);
    expect(stalled).toMatchObject({ ok: false, state: 'offline' });
    expect(Date.now() - started).toBeLessThan(30_000);
    const row = t.db.prepare('SELECT upload_url, sent_bytes FROM sync_uploads').get() as {
      upload_url: string | null;
      sent_bytes: number;
    };
    expect(row.upload_url).not.toBeNull();
    proxy.setFault({ kind: 'none' });
    expect(await drain(worker)).toMatchObject({ ok: true });
    expect(
      compareWithCentral(t.db, t.config.terminalId, {
        file: (central.store.fresh.database as { file: string }).file,
        dataDir: central.store.fresh.dataDir,
      }),
    ).toEqual([]);
  });
});
