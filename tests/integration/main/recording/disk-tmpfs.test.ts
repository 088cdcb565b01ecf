// R13.1 on a REAL small file system: a tmpfs of 16 MB mounted for the
// test (needs root; skipped, and said so, where mount is not allowed — the probe-based
// test in backpressure-and-disk.test.ts still runs there). The free space is the real
// statfs of that mount; only the head-room margin is scaled down (512 KiB instead of
// 256 MiB) to fit the small disk.
//  - mid-visit, while the rest of the visit still fits, the administrators get a warning
//    (severity warning), and the visit is then recorded to its end;
//  - when the disk really fills, the recording does not stop silently: an error event
//    and the audit log say so, and once space is freed what was received is sealed.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { assessDisk, RecorderError, startRecording, type RecorderProblem } from '../../../../src-main/recording';
import { claimFolder, FFMPEG_PID_FILE } from '../../../../src-main/recording/seal/folder-claim';
import { INPUT_SECONDS, probeDurationSeconds, randomChunks, readInput, waitFor } from './helpers/media';
import { auditPayloads, openRecorderStore, TERMINAL_ID, VISIT_ID } from './helpers/store';

const MARGIN = 512 * 1024;
const root = mkdtempSync(join(tmpdir(), 'yn-disk-'));
const mounts: string[] = [];

function mountTmpfs(name: string, megabytes: number): string | null {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'pipe' });
    mounts.push(dir);
    return dir;
  } catch {
    return null;
  }
}
const canMount = (() => {
  const probe = mountTmpfs('probe', 1);
  if (!probe) return false;
  execFileSync('umount', [probe]);
  mounts.pop();
  return true;
})();

afterAll(() => {
  for (const m of mounts) execFileSync('umount', ['-l', m]);
  rmSync(root, { recursive: true, force: true });
});

const freeOn = async (dir: string) => {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
};

describe.skipIf(!canMount)('recorder: disk space on a real 16 MB tmpfs (R13.1)', () => {
  test('R13.1 warned mid-visit while the rest still fits, then the visit is recorded to its end', async () => {
    const disk = mountTmpfs('warn', 16);
    if (!disk) throw new Error('mount failed');
    const store = openRecorderStore(join(root, 'store-warn'));
    const input = readInput();
    const chunks = randomChunks(input, 11);
    const started = Date.parse('2025-05-04T09:00:00.000Z');
    let clock = started;
    const problems: RecorderProblem[] = [];
    const recording = await startRecording({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      dir: join(disk, 'recordings'),
      db: store.db,
      keyPath: join(root, 'k.pem'),
      now: () => new Date(clock),
      expectedEndAt: new Date(started + INPUT_SECONDS * 1000),
      diskCheckIntervalMs: 50,
      diskMarginBytes: MARGIN,
    });
    recording.on('problem', (p) => problems.push(p));
    let sent = 0;
    let i = 0;
    const writeUntil = (fraction: number) => {
      for (; i < chunks.length && sent < input.length * fraction; i++) {
        const chunk = chunks[i];
        if (!chunk) break;
        sent += chunk.length;
        clock = started + Math.round((sent / input.length) * INPUT_SECONDS * 1000);
        recording.write(chunk);
      }
    };
    writeUntil(0.2);
    // Fill the disk (a real file) so that it holds 1.25 × what the rest needs: too tight to
    // ignore, enough to finish.
    const elapsedS = (clock - started) / 1000;
    const need = assessDisk({
      freeBytes: 0,
      bytesPerSecond: sent / elapsedS,
      elapsedSeconds: elapsedS,
      remainingSeconds: INPUT_SECONDS - elapsedS,
      marginBytes: MARGIN,
    }).neededBytes;
    writeFileSync(join(disk, 'ballast'), Buffer.alloc(Math.max(0, (await freeOn(disk)) - Math.round(need * 1.25))));
    await waitFor(() => problems.length > 0, 10_000, 'the disk warning');
    expect(problems[0]).toMatchObject({ kind: 'disk-low', severity: 'warning' });
    expect(problems[0]?.message).toMatch(/磁盘空间偏紧.*本次会见尚可录完/);
    expect(auditPayloads(store.db, 'recording.disk.low')[0]).toMatchObject({ level: 'low' });

    writeUntil(1);
    clock = started + INPUT_SECONDS * 1000;
    const result = await recording.stop();
    // The warning was right: the rest fitted. No error, the whole visit is in the archive.
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.archiveProblem).toBeNull();
    expect(
      Math.abs(probeDurationSeconds(join(recording.dir, result.manifest.archive?.file ?? '')) - INPUT_SECONDS),
    ).toBeLessThanOrEqual(1);
    store.close();
  }, 120_000);

  test('R13.1 the disk really fills: an error event and an audit entry, never a silent stop; freed space seals what was received', async () => {
    const disk = mountTmpfs('full', 16);
    if (!disk) throw new Error('mount failed');
    const store = openRecorderStore(join(root, 'store-full'));
    const input = readInput();
    const chunks = randomChunks(input, 12);
    const problems: RecorderProblem[] = [];
    const recording = await startRecording({
      visitId: VISIT_ID,
      terminalId: TERMINAL_ID,
      dir: join(disk, 'recordings'),
      db: store.db,
      keyPath: join(root, 'k2.pem'),
      diskCheckIntervalMs: 50,
      diskMarginBytes: MARGIN,
    });
    recording.on('problem', (p) => problems.push(p));
    // Leave ~600 KB: less than the input, so a write fails part-way.
    writeFileSync(join(disk, 'ballast'), Buffer.alloc((await freeOn(disk)) - 600 * 1024));
    let failure: unknown = null;
    let accepted = 0;
    for (const chunk of chunks) {
      try {
        recording.write(chunk);
        accepted += chunk.length;
      } catch (error) {
        failure = error;
        break;
      }
    }
    expect(failure).toBeInstanceOf(RecorderError);
    expect((failure as Error).message).toMatch(/写入磁盘失败/);
    expect(problems).toContainEqual(expect.objectContaining({ kind: 'write-failed', severity: 'error' }));
    await waitFor(() => problems.some((p) => p.kind === 'disk-critical'), 10_000, 'the critical disk event');
    expect(problems.find((p) => p.kind === 'disk-critical')).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/磁盘空间不足.*录像仍在进行/),
    });
    expect(auditPayloads(store.db, 'recording.disk.low')).toContainEqual(expect.objectContaining({ level: 'critical' }));
    expect(accepted).toBeGreaterThan(100 * 1024);

    // An administrator frees space: what reached the disk is sealed and signed.
    rmSync(join(disk, 'ballast'));
    const result = await recording.stop();
    expect(result.manifest.segments.length).toBeGreaterThanOrEqual(1);
    expect(result.manifest.archive).not.toBeNull();
    store.close();
  }, 120_000);

  test('R13.1 a full disk when a new ffmpeg starts: the ffmpeg note fails with the reason and throws nothing (it once stopped the supervisor)', async () => {
    const disk = mountTmpfs('note', 1);
    if (!disk) throw new Error('mount failed');
    const claim = claimFolder(disk, 'recording');
    expect(claim.noteFfmpeg(process.pid)).toBeNull();
    rmSync(join(disk, FFMPEG_PID_FILE));
    writeFileSync(join(disk, 'ballast'), Buffer.alloc(await freeOn(disk)));
    expect(claim.noteFfmpeg(process.pid)).toMatch(/ENOSPC/);
    expect(existsSync(join(disk, `${FFMPEG_PID_FILE}.tmp`))).toBe(false);
    claim.release();
  });
});

test.runIf(!canMount)('R13.1 disk tests on a real tmpfs need root (mount); not run here', () => {
  console.warn(
    '[disk-tmpfs] mount not allowed: the tmpfs tests were skipped; backpressure-and-disk.test.ts covers the probe path',
  );
  expect(canMount).toBe(false);
});
