// Kill -9 of ffmpeg mid-visit. A new ffmpeg continues the segment series
// from the spool (header re-sent, then the first keyframe Cluster after the last sealed
// segment), the visit goes on, the restart is audited, and the archive still plays.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { verifyAuditChain } from '../../../../src-main/audit';
import { startRecording, verifyManifest, type RecorderProblem, type RecordingEvents } from '../../../../src-main/recording';
import {
  decodesCleanly,
  INPUT_SECONDS,
  probeDurationSeconds,
  randomChunks,
  readInput,
  waitFor,
  yieldToEventLoop,
} from './helpers/media';
import { auditPayloads, openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const root = mkdtempSync(join(tmpdir(), 'yn-recorder-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('R13.1 kill -9 of ffmpeg mid-recording: a new ffmpeg continues the series, the archive plays and loses at most one segment', async () => {
  const store = openRecorderStore(root);
  try {
    const recording = await startRecording({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      dir: join(root, 'recordings'),
      db: store.db,
      keyPath: join(root, 'key.pem'),
    });
    const problems: RecorderProblem[] = [];
    const restarts: Array<RecordingEvents['restarted']> = [];
    let sealed = 0;
    recording.on('problem', (p) => problems.push(p));
    recording.on('restarted', (r) => restarts.push(r));
    recording.on('segment', () => (sealed += 1));

    const chunks = randomChunks(readInput(), 11);
    const half = Math.floor(chunks.length * 0.55);
    for (const chunk of chunks.slice(0, half)) recording.write(chunk);
    await waitFor(() => sealed >= 1, 20_000, 'a first sealed segment');
    const pid = recording.ffmpegPid();
    expect(pid).toBeTypeOf('number');
    process.kill(pid ?? 0, 'SIGKILL');
    // The visit goes on while ffmpeg is down: chunks keep landing in the spool.
    for (const chunk of chunks.slice(half)) {
      recording.write(chunk);
      await yieldToEventLoop();
    }
    await waitFor(() => restarts.length >= 1, 20_000, 'the restart');
    const result = await recording.stop();

    expect(problems.map((p) => p.kind)).toContain('ffmpeg-exited');
    expect(problems.find((p) => p.kind === 'ffmpeg-exited')?.message).toContain('自动重启');
    expect(auditPayloads(store.db, 'recording.ffmpeg.exited')[0]).toMatchObject({ run: 1, reason: '被信号 SIGKILL 终止' });
    expect(auditPayloads(store.db, 'recording.ffmpeg.restarted')[0]).toMatchObject({ run: 2 });
    expect(verifyAuditChain(store.db, TERMINAL_ID).ok).toBe(true);

    // The series continues: consecutive indexes, written by two ffmpeg runs.
    const segments = result.manifest.segments;
    expect(segments.map((s) => s.index)).toEqual(segments.map((_, i) => i));
    expect(new Set(segments.map((s) => s.run))).toEqual(new Set([1, 2]));
    for (const s of segments) expect(s.endMs - s.startMs).toBeLessThanOrEqual(10_000);

    const archive = join(recording.dir, 'archive.webm');
    decodesCleanly(archive);
    const duration = probeDurationSeconds(archive);
    console.info(
      `[recorder] after kill -9 of ffmpeg: archive ${duration.toFixed(3)} s of ${INPUT_SECONDS} s (lost ${(INPUT_SECONDS - duration).toFixed(3)} s)`,
    );
    expect(duration).toBeGreaterThanOrEqual(INPUT_SECONDS - 10);
    expect(duration).toBeLessThanOrEqual(INPUT_SECONDS + 1);
    expect((await verifyManifest(result.manifestPath)).ok).toBe(true);
  } finally {
    store.close();
  }
}, 60_000);
