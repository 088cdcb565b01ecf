// When ffmpeg falls behind, chunks queue on disk (the spool), not
// in memory; and a low disk is reported as an event (and audited), never silently.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { recorderMigration, SPOOL_FILE, startRecording, type RecorderProblem } from '../../../../src-main/recording';
import { latestVersion } from '../../../../src-main/store';
import { INPUT_SECONDS, probeDurationSeconds, randomChunks, readInput, waitFor } from './helpers/media';
import { auditPayloads, openRecorderStore, TERMINAL_ID, VISIT_ID, withRecorderMigration } from './helpers/store';

const root = mkdtempSync(join(tmpdir(), 'yn-recorder-bp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('the recorder migration extends recordings and adds its tables (version 2, after the foundation)', () => {
  const list = withRecorderMigration();
  expect(list.at(-1)?.version).toBe(latestVersion(list));
  expect(list.indexOf(list.find((m) => m.name === recorderMigration.name) ?? recorderMigration) + 1).toBe(
    recorderMigration.version,
  );
  const store = openRecorderStore(join(root, 'm'));
  try {
    const columns = (store.db.prepare("SELECT name FROM pragma_table_info('recordings')").all() as Array<{ name: string }>).map(
      (c) => c.name,
    );
    expect(columns).toEqual(
      expect.arrayContaining([
        'recording_id',
        'visit_id',
        'state',
        'terminal_id',
        'ended_at',
        'hash_confirmed_at',
        'participants',
      ]),
    );
    const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['recording_segments', 'recording_incidents', 'recording_manifests']));
  } finally {
    store.close();
  }
});

test('R13.1 ffmpeg stalled: write() returns at once, the chunks wait in the spool on disk, and the low disk is announced', async () => {
  const store = openRecorderStore(root);
  try {
    const recording = await startRecording({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      dir: join(root, 'recordings'),
      db: store.db,
      keyPath: join(root, 'key.pem'),
      freeBytes: async () => 10 * 1024 * 1024,
      diskCheckIntervalMs: 50,
    });
    const problems: RecorderProblem[] = [];
    recording.on('problem', (p) => problems.push(p));
    const pid = recording.ffmpegPid() ?? 0;
    process.kill(pid, 'SIGSTOP');
    const input = readInput();
    const heapBefore = process.memoryUsage().arrayBuffers;
    const started = Date.now();
    for (const chunk of randomChunks(input, 5)) recording.write(chunk);
    expect(Date.now() - started).toBeLessThan(2_000);
    // Everything is on disk already, although ffmpeg has read at most a pipe's worth.
    expect(statSync(join(recording.dir, SPOOL_FILE)).size).toBe(input.length);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(input.length);
    await waitFor(() => problems.some((p) => p.kind === 'disk-critical'), 5_000, 'the disk event');
    expect(problems.find((p) => p.kind === 'disk-critical')?.message).toContain('磁盘空间不足');
    expect(auditPayloads(store.db, 'recording.disk.low')[0]).toMatchObject({ level: 'critical' });

    process.kill(pid, 'SIGCONT');
    const result = await recording.stop();
    expect(Math.abs(probeDurationSeconds(join(recording.dir, 'archive.webm')) - INPUT_SECONDS)).toBeLessThanOrEqual(1);
    expect(result.manifest.segments.length).toBeGreaterThanOrEqual(3);
    expect(() => recording.write(new Uint8Array(1))).toThrow('录像已结束');
  } finally {
    store.close();
  }
}, 60_000);
