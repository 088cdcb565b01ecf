// R13.1: a sealed recording's segments, archive and manifest uploaded with
// tus, cut mid-way, resumed from the store's offset (the URL kept locally), confirmed by
// hash → hash_confirmed_at; the local copy deleted only after confirmation AND retention.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertVisit } from '../../../harness/store/sync-helpers';
import type * as tus from 'tus-js-client';
import { startCuttingProxy } from '../server/recordings/helpers/cutting-proxy';
import { createCentralClient } from '../../../src-main/central-store/terminal-client';
import { readCredential } from '../../../src-main/sync/credential';
import { uploadRecordings } from '../../../src-main/sync/uploads';
import { startFaultProxy } from '../../../harness/sync/fault-proxy';
import { addSealedRecording } from '../../../harness/sync/recording-fixture';
import { enrolledTerminal, startCentral, type CentralWorld, type TestTerminal } from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

/** A sealed recording as the recorder leaves it: rows plus files on disk, the manifest signed with the terminal's key. */
let slot = 8;
async function sealedRecording(t: TestTerminal): Promise<{ recordingId: string; total: number }> {
  slot += 1;
  const visitId = await insertVisit(central.store.app.ctx.db, {
    roomId: central.w.prisonA.roomId,
    remoteRoomId: central.w.bureauA.roomId,
    date: '2026-03-02',
    startTime: `${String(slot).padStart(2, '0')}:00`,
  });
  return addSealedRecording({
    db: t.db,
    recordingDir: t.config.recordingDir,
    terminalId: t.config.terminalId,
    visitId,
    at: t.clock.now(),
    segmentBytes: [600_000, 600_000],
    archiveBytes: 1_500_000,
  });
}

describe('R13.1 recording uploads', { timeout: 40_000 }, () => {
  test('cut mid-way, resumed from the stored URL after a restart, confirmed by hash; deletion waits for retention', async () => {
    const t = await enrolledTerminal(central);
    const { recordingId, total } = await sealedRecording(t);
    const port = Number(new URL(central.store.url).port);
    const proxy = await startCuttingProxy(port, 1_400_000);
    const statuses: number[] = [];
    const cut = await t
      .worker({ url: proxy.url, uploadChunkBytes: 256 * 1024, onStatus: (s) => statuses.push(s.uploads?.length ?? 0) })
      .runOnce();
    await proxy.close();
    expect(cut, JSON.stringify(t.worker().status())).toMatchObject({ ok: false });
    const stored = t.db
      .prepare('SELECT file, upload_url, sent_bytes, state FROM sync_uploads WHERE recording_id = ? ORDER BY file')
      .all(recordingId) as Array<{ file: string; upload_url: string | null; sent_bytes: number; state: string }>;
    expect(
      stored.some((u) => u.upload_url !== null && u.state === 'pending'),
      JSON.stringify(stored),
    ).toBe(true);
    expect(statuses.length).toBeGreaterThan(0);

    // Restart: a new store handle and worker carry on from the kept URLs.
    t.reopen();
    const resumed = await t.worker({ uploadChunkBytes: 256 * 1024 }).runOnce();
    expect(
      resumed.ok,
      JSON.stringify([
        t.worker().status().lastError,
        t.db.prepare('SELECT file, upload_url, sent_bytes, state, last_error FROM sync_uploads').all(),
      ]),
    ).toBe(true);
    const rows = t.db.prepare('SELECT state FROM sync_uploads WHERE recording_id = ?').all(recordingId);
    expect(rows).toEqual([{ state: 'confirmed' }, { state: 'confirmed' }, { state: 'confirmed' }, { state: 'confirmed' }]);
    const rec = t.db.prepare('SELECT hash_confirmed_at FROM recordings WHERE recording_id = ?').get(recordingId) as {
      hash_confirmed_at: string | null;
    };
    expect(rec.hash_confirmed_at).toBe(t.clock.now().toISOString());
    expect(t.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'recording.upload' AND sent_at IS NULL").get()).toEqual({
      n: 0,
    });
    // The store holds each file once, confirmed, by its hash.
    const received = await central.store.app.ctx.db
      .selectFrom('recordings_received')
      .select(['status', 'size'])
      .where('terminal_id', '=', t.config.terminalId)
      .where('status', '=', 'confirmed')
      .execute();
    expect(received.length).toBe(4);
    expect(received.reduce((n, r) => n + Number(r.size), 0)).toBe(total);

    // Confirmed but within the 184 days: kept.
    expect(existsSync(join(t.config.recordingDir, recordingId))).toBe(true);
    t.clock.advance(185 * 86_400_000);
    await t.worker().runOnce();
    expect(existsSync(join(t.config.recordingDir, recordingId))).toBe(false);
    expect(t.db.prepare('SELECT deleted_at IS NOT NULL AS d FROM recordings WHERE recording_id = ?').get(recordingId)).toEqual({
      d: 1,
    });
    t.close();
  });

  test('R13.1 the chapters side-car the signed manifest lists travels too; the recording is confirmed only with it', async () => {
    const t = await enrolledTerminal(central);
    slot += 1;
    const visitId = await insertVisit(central.store.app.ctx.db, {
      roomId: central.w.prisonA.roomId,
      remoteRoomId: central.w.bureauA.roomId,
      date: '2026-03-02',
      startTime: `${String(slot).padStart(2, '0')}:00`,
    });
    const { recordingId, total } = addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId: t.config.terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: [50_000],
      archiveBytes: 80_000,
      chapters: true,
    });
    const result = await t.worker().runOnce();
    expect(result.ok, JSON.stringify(t.worker().status().lastError)).toBe(true);
    const rows = t.db.prepare('SELECT kind, state FROM sync_uploads WHERE recording_id = ? ORDER BY kind').all(recordingId);
    expect(rows).toEqual([
      { kind: 'archive', state: 'confirmed' },
      { kind: 'chapters', state: 'confirmed' },
      { kind: 'manifest', state: 'confirmed' },
      { kind: 'segment', state: 'confirmed' },
    ]);
    const received = await central.store.app.ctx.db
      .selectFrom('recordings_received')
      .select(['kind', 'filename', 'size'])
      .where('terminal_id', '=', t.config.terminalId)
      .where('visit_id', '=', visitId)
      .where('status', '=', 'confirmed')
      .execute();
    expect(received.map((r) => r.kind).sort()).toEqual(['archive', 'chapters', 'manifest', 'segment']);
    expect(received.reduce((n, r) => n + Number(r.size), 0)).toBe(total);
    expect(
      t.db.prepare('SELECT hash_confirmed_at IS NOT NULL AS c FROM recordings WHERE recording_id = ?').get(recordingId),
    ).toEqual({ c: 1 });
    t.close();
  });

  test('issue #22 item 3: files go side by side, never more than `parallel` at once; a manifest only after the rest of its recording', async () => {
    const t = await enrolledTerminal(central);
    const first = await sealedRecording(t);
    const second = await sealedRecording(t);
    const credential = readCredential(t.config.dataDir);
    if (!credential) throw new Error('not enrolled');
    const client = createCentralClient({ credential, baseUrl: central.store.url, now: () => t.clock.now() });
    const running = new Set<tus.Upload>();
    const ended: string[] = [];
    const early: string[] = [];
    let most = 0;
    const nameOf = (u: tus.Upload) => `${u.options.metadata?.['visitId'] ?? ''}/${u.options.metadata?.['kind'] ?? ''}`;
    const outcome = await uploadRecordings(t.db, client, {
      terminalId: t.config.terminalId,
      recordingDir: t.config.recordingDir,
      now: () => t.clock.now(),
      chunkSize: 256 * 1024,
      parallel: 3,
      track: (u, active) => {
        if (!active) {
          running.delete(u);
          ended.push(nameOf(u));
          return;
        }
        running.add(u);
        most = Math.max(most, running.size);
        const [visit, kind] = nameOf(u).split('/');
        // Its recording's 2 segments and archive must all have ended before the manifest starts.
        if (kind === 'manifest' && ended.filter((e) => e.startsWith(`${visit ?? ''}/`)).length < 3) early.push(visit ?? '');
      },
    });
    expect(outcome).toMatchObject({ sent: 8, confirmedRecordings: 2, more: false });
    expect(most).toBeGreaterThanOrEqual(2);
    expect(most).toBeLessThanOrEqual(3);
    expect(early).toEqual([]);
    for (const r of [first, second])
      expect(
        t.db.prepare('SELECT hash_confirmed_at IS NOT NULL AS c FROM recordings WHERE recording_id = ?').get(r.recordingId),
      ).toEqual({ c: 1 });
    t.close();
  });

  test('issue #22 item 3: state changes lost to a crash (written once per round) cost a HEAD each, no bytes and no second copy', async () => {
    const t = await enrolledTerminal(central);
    const { recordingId, total } = await sealedRecording(t);
    expect((await t.worker().runOnce()).ok).toBe(true);
    // As if the terminal died before the round's one commit: every file pending again, its upload URL kept.
    t.db.transaction(() => {
      t.db
        .prepare("UPDATE sync_uploads SET state = 'pending', confirmed_at = NULL, sent_bytes = 0 WHERE recording_id = ?")
        .run(recordingId);
      t.db.prepare('UPDATE recordings SET hash_confirmed_at = NULL WHERE recording_id = ?').run(recordingId);
    })();
    const proxy = await startFaultProxy(Number(new URL(central.store.url).port));
    const again = await t.worker({ url: proxy.url }).runOnce();
    const up = proxy.upBytes();
    await proxy.close();
    expect(again.ok, JSON.stringify(t.worker().status().lastError)).toBe(true);
    expect(up).toBeLessThan(total / 4);
    expect(t.db.prepare('SELECT DISTINCT state FROM sync_uploads WHERE recording_id = ?').all(recordingId)).toEqual([
      { state: 'confirmed' },
    ]);
    const received = await central.store.app.ctx.db
      .selectFrom('recordings_received')
      .select(['id'])
      .where('terminal_id', '=', t.config.terminalId)
      .execute();
    expect(received.length).toBe(4);
    t.close();
  });

  test('issue #22 item 3: a file sent with its creation whose answer is lost is confirmed by asking, not sent twice; a creation cut short resumes from the store', async () => {
    const t = await enrolledTerminal(central);
    const { recordingId, total } = await sealedRecording(t);
    const credential = readCredential(t.config.dataDir);
    if (!credential) throw new Error('not enrolled');
    const proxy = await startFaultProxy(Number(new URL(central.store.url).port));
    const client = createCentralClient({ credential, baseUrl: proxy.url, now: () => t.clock.now() });
    await client.token();
    const options = {
      terminalId: t.config.terminalId,
      recordingDir: t.config.recordingDir,
      now: () => t.clock.now(),
      chunkSize: 1024 * 1024,
      parallel: 1,
    };
    const start = proxy.upBytes();
    // The first segment (600,000 bytes: all in its creation) reaches the store; the answer does not.
    proxy.setFault({ kind: 'cutDown', after: 0 });
    await expect(uploadRecordings(t.db, client, options)).rejects.toThrow();
    expect(proxy.fired()).toBe(true);
    // Next round: the first segment is asked for (confirmed there), the second cut 300,000 bytes into its creation.
    proxy.setFault({ kind: 'cutUp', after: 300_000 });
    await expect(uploadRecordings(t.db, client, options)).rejects.toThrow();
    expect(proxy.fired()).toBe(true);
    const last = await uploadRecordings(t.db, client, options);
    expect(last.confirmedRecordings).toBe(1);
    const sent = proxy.upBytes() - start;
    await proxy.close();
    // Each byte about once: the first segment again would be +600,000, the second from zero +300,000.
    expect(sent).toBeGreaterThan(total);
    expect(sent).toBeLessThan(total + 200_000);
    expect(t.db.prepare('SELECT DISTINCT state FROM sync_uploads WHERE recording_id = ?').all(recordingId)).toEqual([
      { state: 'confirmed' },
    ]);
    // One upload per file at the store, each confirmed: no second copy, no stray pending one.
    const received = await central.store.app.ctx.db
      .selectFrom('recordings_received')
      .select(['status'])
      .where('terminal_id', '=', t.config.terminalId)
      .execute();
    expect(received.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed']);
    t.close();
  });

  test('an unconfirmed recording is never deleted, however old', async () => {
    const t = await enrolledTerminal(central);
    const { recordingId } = await sealedRecording(t);
    t.clock.advance(400 * 86_400_000);
    await t.worker({ url: 'http://127.0.0.1:9' }).runOnce(); // the store unreachable: nothing confirmed
    const { deleteExpiredRecordings } = await import('../../../src-main/sync/deletion');
    expect(
      deleteExpiredRecordings(t.db, {
        terminalId: t.config.terminalId,
        recordingDir: t.config.recordingDir,
        retentionDays: 184,
        now: t.clock.now(),
      }),
    ).toEqual([]);
    expect(existsSync(join(t.config.recordingDir, recordingId))).toBe(true);
    t.close();
  });
});
