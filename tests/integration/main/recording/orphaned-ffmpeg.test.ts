// R13.1 crash safety, after a kill -9 of the terminal its ffmpeg may live
// on (it gets EOF on stdin and finishes its open segment). The next start's recovery must
// wait for that ffmpeg (bounded, then SIGKILL) before touching the segments, ignore a noted
// pid that is gone or now another program's, and never write a folder a live recorder
// holds. Real child processes, real ffmpeg, real SQLite.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../../src-main/audit';
import {
  ffmpegTools,
  recoverOpenRecordings,
  RecorderError,
  startRecording,
  verifyManifest,
  type RecoveredRecording,
} from '../../../../src-main/recording';
import { FFMPEG_PID_FILE, LOCK_FILE } from '../../../../src-main/recording/seal/folder-claim';
import { identify, isRunning } from '../../../../src-main/recording/ffmpeg/process-identity';
import { insertRecording } from '../../../../src-main/recording/recorder-db';
import { segmentIndexOf } from '../../../../src-main/recording/segments/segment-list';
import { decodesCleanly, probeDurationSeconds, randomChunks, readInput, waitFor } from './helpers/media';
import { runChildUntilSealed } from './helpers/run-crash-child';
import { auditPayloads, openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const roots: string[] = [];
const strays: ChildProcess[] = [];
const newRoot = () => {
  const root = mkdtempSync(join(tmpdir(), 'yn-recorder-orphan-'));
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const p of strays.splice(0)) p.kill('SIGKILL');
});
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

const alive = (pid: number) => {
  const id = identify(pid);
  return id !== null && isRunning(id);
};
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const segmentFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => segmentIndexOf(f) !== null)
    .sort();

/** What an auditor checks: every segment's hash in the audit log matches its file; the archive decodes; the signature holds. */
async function expectConsistent(root: string, recovered: RecoveredRecording, db: ReturnType<typeof openRecorderStore>['db']) {
  const dir = join(root, 'recordings', recovered.recordingId);
  const audited = new Map(auditPayloads(db, 'recording.segment.sealed').map((p) => [String(p.file), String(p.sha256)]));
  expect(recovered.manifest.segments.length).toBeGreaterThanOrEqual(2);
  for (const s of recovered.manifest.segments) {
    expect(audited.get(s.file), s.file).toBe(s.sha256);
    expect(sha256(join(dir, s.file)), s.file).toBe(s.sha256);
  }
  // No stray segment left beside the sealed series (a racing ffmpeg would leave one).
  expect(segmentFiles(dir)).toEqual(recovered.manifest.segments.map((s) => s.file).sort());
  expect(recovered.manifest.segments.map((s) => s.index)).toEqual(recovered.manifest.segments.map((_, i) => i));
  decodesCleanly(join(dir, 'archive.webm'));
  expect((await verifyManifest(recovered.manifestPath)).ok).toBe(true);
  expect(verifyAuditChain(db, TERMINAL_ID).ok).toBe(true);
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  expect(existsSync(join(dir, FFMPEG_PID_FILE))).toBe(false);
}

test('R13.1 recovery after kill -9 of the terminal waits for its orphaned ffmpeg to finish the open segment before touching the segments', async () => {
  const root = newRoot();
  const child = await runChildUntilSealed(root);
  const dir = join(root, 'recordings', child.recordingId);
  // Freeze the terminal's ffmpeg, then kill the terminal: the ffmpeg is orphaned, alive,
  // with its open segment in hand — the race the next start must not enter.
  process.kill(child.ffmpegPid, 'SIGSTOP');
  await child.kill();
  expect(alive(child.ffmpegPid)).toBe(true);
  await ffmpegTools.resolve({}); // warm: recovery then reaches the folder at once
  const before = segmentFiles(dir);

  const store = openRecorderStore(root);
  try {
    const startedAt = Date.now();
    let settled = false;
    const recovery = recoverOpenRecordings(store.db, join(root, 'recordings'), { keyPath: join(root, 'key.pem') }).finally(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 1500));
    // While the orphan lives, recovery has not touched the folder.
    expect(settled).toBe(false);
    expect(segmentFiles(dir)).toEqual(before);
    expect(readdirSync(dir).filter((f) => /^list-\d+\.csv$/.test(f))).toEqual(['list-1.csv']);
    expect(store.db.prepare('SELECT state FROM recordings').get()).toEqual({ state: 'recording' });

    const resumedAt = Date.now();
    process.kill(child.ffmpegPid, 'SIGCONT'); // it reads EOF, closes its segment, exits
    const [recovered] = await recovery;
    if (!recovered) throw new Error('nothing recovered');
    const tookMs = Date.now() - startedAt;
    console.info(
      `[recorder] orphaned ffmpeg ${child.ffmpegPid}: recovery waited ${recovered.orphanedFfmpeg?.waitedMs} ms (resumed after ${resumedAt - startedAt} ms), whole recovery ${tookMs} ms, archive ${probeDurationSeconds(join(dir, 'archive.webm')).toFixed(3)} s, ${recovered.manifest.segments.length} segments`,
    );
    expect(recovered.orphanedFfmpeg).toMatchObject({ pid: child.ffmpegPid, outcome: 'exited' });
    expect(recovered.orphanedFfmpeg?.waitedMs).toBeGreaterThanOrEqual(resumedAt - startedAt - 100);
    expect(recovered.orphanedFfmpeg?.waitedMs).toBeLessThan(5000);
    expect(alive(child.ffmpegPid)).toBe(false);
    expect(recovered.state).toBe('interrupted');
    expect(auditPayloads(store.db, 'recording.recovered')[0]).toMatchObject({
      orphanedFfmpegPid: child.ffmpegPid,
      orphanedFfmpeg: 'exited',
    });
    await expectConsistent(root, recovered, store.db);
  } finally {
    store.close();
  }
}, 90_000);

test('R13.1 an orphaned ffmpeg that does not end within the bound is killed, then the recording is sealed', async () => {
  const root = newRoot();
  const child = await runChildUntilSealed(root);
  process.kill(child.ffmpegPid, 'SIGSTOP'); // never resumed: it would hold the folder forever
  await child.kill();
  const store = openRecorderStore(root);
  try {
    const [recovered] = await recoverOpenRecordings(store.db, join(root, 'recordings'), {
      keyPath: join(root, 'key.pem'),
      orphanWaitMs: 1500,
    });
    if (!recovered) throw new Error('nothing recovered');
    console.info(`[recorder] stuck orphaned ffmpeg: killed after ${recovered.orphanedFfmpeg?.waitedMs} ms (bound 1500 ms)`);
    expect(recovered.orphanedFfmpeg).toMatchObject({ pid: child.ffmpegPid, outcome: 'killed' });
    expect(recovered.orphanedFfmpeg?.waitedMs).toBeGreaterThanOrEqual(1500);
    expect(recovered.orphanedFfmpeg?.waitedMs).toBeLessThan(4000);
    expect(alive(child.ffmpegPid)).toBe(false);
    await expectConsistent(root, recovered, store.db);
  } finally {
    store.close();
  }
}, 90_000);

test('R13.1 a noted ffmpeg pid that is gone, or now belongs to another program, is neither waited for nor killed', async () => {
  const root = newRoot();
  const child = await runChildUntilSealed(root);
  process.kill(child.ffmpegPid, 'SIGKILL');
  await child.kill();
  // The pid is now another program's: same number, a different start time.
  const other = spawn('sleep', ['60'], { stdio: 'ignore' });
  strays.push(other);
  const otherId = identify(other.pid);
  if (!otherId) throw new Error('no /proc');
  const dir = join(root, 'recordings', child.recordingId);
  writeFileSync(join(dir, FFMPEG_PID_FILE), JSON.stringify({ ...otherId, startTicks: String(Number(otherId.startTicks) - 1) }));
  const store = openRecorderStore(root);
  try {
    const [recovered] = await recoverOpenRecordings(store.db, join(root, 'recordings'), { keyPath: join(root, 'key.pem') });
    expect(recovered?.orphanedFfmpeg).toBeNull();
    expect(alive(otherId.pid)).toBe(true);
    expect(recovered?.state).toBe('interrupted');
  } finally {
    store.close();
  }
}, 90_000);

test('R13.1 two recorders never write one folder; recovery leaves alone a folder a live recorder holds, here or in another process', async () => {
  const root = newRoot();
  const store = openRecorderStore(root);
  const recordings = join(root, 'recordings');
  try {
    const at = new Date('2025-05-04T09:00:00.000Z');
    const first = await startRecording({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      dir: recordings,
      db: store.db,
      keyPath: join(root, 'key.pem'),
      now: () => at,
    });
    // Same visit, same instant: same folder. The second recorder is refused before it writes anything.
    await expect(
      startRecording({
        visitId: VISIT_ID,
        terminalId: TERMINAL_ID,
        dir: recordings,
        db: store.db,
        keyPath: join(root, 'key.pem'),
        now: () => at,
      }),
    ).rejects.toThrow(RecorderError);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM recordings').get()).toEqual({ n: 1 });
    for (const chunk of randomChunks(readInput(10), 5)) first.write(chunk);
    await waitFor(() => first.ffmpegPid() !== undefined, 20_000, 'ffmpeg');
    expect(JSON.parse(readFileSync(join(first.dir, FFMPEG_PID_FILE), 'utf8'))).toMatchObject({ pid: first.ffmpegPid() });

    // A recovery in this process (a second terminal instance) must not seal a live recording.
    expect(await recoverOpenRecordings(store.db, recordings, { keyPath: join(root, 'key.pem') })).toEqual([]);
    expect(store.db.prepare('SELECT state FROM recordings').get()).toEqual({ state: 'recording' });
    const sealed = await first.stop();
    expect(sealed.state).toBe('sealed');
    expect(existsSync(join(first.dir, LOCK_FILE))).toBe(false);

    // An open recording whose lock names another live process (a second terminal on this data folder).
    const holder = spawn('sleep', ['60'], { stdio: 'ignore' });
    strays.push(holder);
    const holderId = identify(holder.pid);
    if (!holderId) throw new Error('no /proc');
    const otherDir = join(recordings, 'V-OTHER');
    mkdirSync(otherDir, { recursive: true });
    insertRecording(store.db, {
      recordingId: 'V-OTHER',
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      startedAt: at.toISOString(),
      participants: [],
    });
    writeFileSync(
      join(otherDir, LOCK_FILE),
      JSON.stringify({ owner: holderId, pid: holderId.pid, purpose: 'recording', at: at.toISOString() }),
    );
    expect(await recoverOpenRecordings(store.db, recordings, { keyPath: join(root, 'key.pem') })).toEqual([]);
    expect(auditPayloads(store.db, 'recording.recovery.skipped')).toEqual([
      expect.objectContaining({ recordingId: 'V-OTHER', ownerPid: holderId.pid }),
    ]);
    // Once that process is gone, the lock is stale and the next start seals the recording.
    holder.kill('SIGKILL');
    await waitFor(() => !alive(holderId.pid), 5000, 'the holder to exit');
    const later = await recoverOpenRecordings(store.db, recordings, { keyPath: join(root, 'key.pem') });
    expect(later).toEqual([expect.objectContaining({ recordingId: 'V-OTHER', state: 'interrupted' })]);
  } finally {
    store.close();
  }
}, 90_000);
