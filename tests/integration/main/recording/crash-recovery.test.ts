// Kill -9 of the whole terminal mid-visit. At the next start,
// recoverOpenRecordings seals the recording from its sealed segments plus what the spool
// still holds, marks it interrupted and queues the upload; at most the open segment is lost.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../../src-main/audit';
import { recoverOpenRecordings, verifyManifest } from '../../../../src-main/recording';
import { decodesCleanly, probeDurationSeconds, readInput } from './helpers/media';
import { runChildUntilSealed } from './helpers/run-crash-child';
import { auditKinds, auditPayloads, openRecorderStore, TERMINAL_ID } from './helpers/store';

const root = mkdtempSync(join(tmpdir(), 'yn-recorder-crash-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Seconds of video in a prefix of the input: the last video packet's timestamp. */
function secondsIn(prefix: Uint8Array): number {
  const path = join(root, 'prefix.webm');
  writeFileSync(path, prefix);
  const out = execFileSync(
    'ffprobe',
    ['-v', 'quiet', '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path],
    { encoding: 'utf8' },
  );
  return Math.max(...out.trim().split('\n').map(Number).filter(Number.isFinite));
}

test('R13.1 a terminal killed mid-visit: the next start seals the recording as interrupted, queues it for upload, loses at most the open segment', async () => {
  const child = await runChildUntilSealed(root);
  // The whole terminal dies: its ffmpeg and itself, with no chance to clean up.
  process.kill(child.ffmpegPid, 'SIGKILL');
  await child.kill();

  const store = openRecorderStore(root);
  try {
    const db = store.db;
    expect(db.prepare('SELECT state FROM recordings').get()).toEqual({ state: 'recording' });
    const results = await recoverOpenRecordings(db, join(root, 'recordings'), { keyPath: join(root, 'key.pem') });
    expect(results).toHaveLength(1);
    const [recovered] = results;
    if (!recovered) throw new Error('unreachable');
    expect(recovered.state).toBe('interrupted');
    expect(recovered.segmentsBefore).toBeGreaterThanOrEqual(1);
    expect(recovered.segmentsRecovered).toBeGreaterThanOrEqual(1);
    expect(recovered.spoolProblem).toBeNull();

    expect(db.prepare('SELECT state FROM recordings').get()).toEqual({ state: 'interrupted' });
    const outbox = db.prepare("SELECT payload FROM outbox WHERE kind = 'recording.upload'").all() as Array<{ payload: string }>;
    expect(outbox.map((r) => JSON.parse(r.payload) as { state: string; recordingId: string })).toEqual([
      expect.objectContaining({ state: 'interrupted', recordingId: child.recordingId }),
    ]);
    expect(auditKinds(db)).toEqual(expect.arrayContaining(['recording.interrupted', 'recording.recovered']));
    expect(auditPayloads(db, 'recording.recovered')[0]).toMatchObject({
      recordingId: child.recordingId,
      segmentsBefore: recovered.segmentsBefore,
    });
    expect(verifyAuditChain(db, TERMINAL_ID).ok).toBe(true);

    const m = recovered.manifest;
    expect(m.state).toBe('interrupted');
    expect(m.incidents.map((i) => i.note)).toEqual(['管理员中止前的警告']);
    expect(m.segments.map((s) => s.index)).toEqual(m.segments.map((_, i) => i));
    expect((await verifyManifest(recovered.manifestPath)).ok).toBe(true);

    const archive = join(root, 'recordings', child.recordingId, 'archive.webm');
    decodesCleanly(archive);
    const recorded = secondsIn(readInput().subarray(0, child.written));
    const duration = probeDurationSeconds(archive);
    console.info(
      `[recorder] after kill -9 of the terminal: archive ${duration.toFixed(3)} s of ${recorded.toFixed(3)} s written (lost ${(recorded - duration).toFixed(3)} s)`,
    );
    expect(duration).toBeGreaterThanOrEqual(recorded - 10);
    expect(duration).toBeLessThanOrEqual(recorded + 1);

    // Idempotent: a second start finds nothing left open.
    expect(await recoverOpenRecordings(db, join(root, 'recordings'), { keyPath: join(root, 'key.pem') })).toEqual([]);
  } finally {
    store.close();
  }
}, 60_000);
