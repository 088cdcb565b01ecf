// At start-up: every recording still marked `recording` was cut off by a crash or power
// cut. Seal each one from what is on disk: its sealed segments, plus whatever the spool
// holds after the last sealed segment (re-muxed into new segments), then archive, signed
// manifest, state `interrupted` and an outbox row for the upload.
// The terminal's ffmpeg may outlive a kill -9 of the terminal (it gets EOF on stdin and
// finishes its open segment): before touching a folder, recovery waits for the ffmpeg the
// recorder noted there (bounded, then SIGKILL), and it leaves alone a folder that a live
// recorder, here or in another process, still holds (folder-claim.ts).
import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../../audit/audit-log';
import { describeExit } from '../ffmpeg/child-process';
import { claimFolder, folderOwner, notedFfmpeg, type FolderClaim } from './folder-claim';
import type { FfmpegPaths, LocateOptions } from '../ffmpeg/ffmpeg-locator';
import { ffmpegTools } from '../ffmpeg/ffmpeg-tools';
import { openRecordings, segmentsOf, type RecordingRow } from '../recorder-db';
import { DEFAULT_SEGMENT_SECONDS, SPOOL_FILE } from '../live/recording';
import { awaitExit, type AwaitExitResult } from '../ffmpeg/process-identity';
import { findResumePoint, firstClusterMs } from '../segments/resume-point';
import { sealRecording, type SealResult } from './seal-recording';
import { sealSegment } from '../segments/seal-segment';
import { segmentIndexOf } from '../segments/segment-list';
import { listFileName, startSegmentRun } from '../segments/segment-run';
import { loadOrCreateSigningKey, type SigningKey } from '../manifest/signing-key';
import { PRIVATE_DIR_MODE } from '../../store/private-files';
import { Spool } from '../segments/spool';
import { WebmIndex } from '../segments/webm-index';

export interface RecoverOptions {
  readonly keyPath: string;
  readonly ffmpeg?: FfmpegPaths;
  readonly locate?: LocateOptions;
  readonly now?: () => Date;
  /** Used when a row predates the terminal_id column. */
  readonly terminalId?: string;
  readonly segmentSeconds?: number;
  /** How long to let an orphaned ffmpeg finish by itself before SIGKILL (default 5 s). */
  readonly orphanWaitMs?: number;
}

export const DEFAULT_ORPHAN_WAIT_MS = 5_000;

/** The previous terminal's ffmpeg that was still alive at this start, and what became of it. */
export interface OrphanedFfmpeg extends AwaitExitResult {
  readonly pid: number;
}

export interface RecoveredRecording extends SealResult {
  /** Segments sealed before the crash. */
  readonly segmentsBefore: number;
  /** Segments re-muxed from the spool now. */
  readonly segmentsRecovered: number;
  /** zh-CN, when re-muxing the spool failed (the sealed segments still count). */
  readonly spoolProblem: string | null;
  /** null when no ffmpeg of the crashed terminal was still running. */
  readonly orphanedFfmpeg: OrphanedFfmpeg | null;
}

/** Re-muxes the part of the spool after the last sealed segment; returns how many segments it sealed. */
async function replaySpool(options: {
  db: Database;
  dir: string;
  recordingId: string;
  visitId: string;
  terminalId: string;
  ffmpeg: string;
  now: () => Date;
  segmentSeconds: number;
  claim: FolderClaim;
}): Promise<{ sealed: number; problem: string | null }> {
  const spoolPath = join(options.dir, SPOOL_FILE);
  if (!existsSync(spoolPath) || statSync(spoolPath).size === 0) return { sealed: 0, problem: null };
  const before = segmentsOf(options.db, options.recordingId);
  const spool = Spool.openForReading(spoolPath);
  try {
    const index = new WebmIndex(spool);
    index.update();
    const resume = findResumePoint(spool, index, before.at(-1)?.end_ms ?? null);
    if (!resume) return { sealed: 0, problem: index.broken };
    const run = Math.max(0, ...before.map((s) => s.run)) + 1;
    const baseMs = resume.baseMs ?? firstClusterMs(index);
    let sealed = 0;
    const ctx = {
      db: options.db,
      terminalId: options.terminalId,
      recordingId: options.recordingId,
      visitId: options.visitId,
      dir: options.dir,
      now: options.now,
    };
    const segmentRun = startSegmentRun({
      ffmpeg: options.ffmpeg,
      dir: options.dir,
      run,
      startNumber: Math.max(-1, ...before.map((s) => s.seq)) + 1,
      segmentSeconds: options.segmentSeconds,
      spool,
      header: resume.header,
      fromOffset: resume.offset,
      onSegment: async (segment) => {
        await sealSegment(ctx, segment, baseMs);
        sealed += 1;
      },
    });
    // Recovery can be killed too: the next start then waits for this ffmpeg.
    options.claim.noteFfmpeg(segmentRun.pid);
    const outcome = await segmentRun.outcome;
    rmSync(join(options.dir, listFileName(run)), { force: true });
    // A truncated last cluster makes ffmpeg complain but still close what it had.
    const problem =
      outcome.exit.code === 0 || sealed > 0 ? null : `${describeExit(outcome.exit)}：${outcome.stderrTail.slice(-300)}`;
    return { sealed, problem };
  } finally {
    spool.close();
  }
}

export async function recoverOpenRecordings(db: Database, dir: string, options: RecoverOptions): Promise<RecoveredRecording[]> {
  const open = openRecordings(db);
  if (open.length === 0) return [];
  const now = options.now ?? (() => new Date());
  const { paths: ffmpeg, version } = await ffmpegTools.resolve({
    ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
    ...(options.locate ? { locate: options.locate } : {}),
  });
  const key = loadOrCreateSigningKey(options.keyPath);
  const results: RecoveredRecording[] = [];

  for (const row of open) {
    const recordingDir = join(dir, row.recording_id);
    mkdirSync(recordingDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    const terminalId = row.terminal_id ?? options.terminalId ?? 'unknown';
    const owner = folderOwner(recordingDir);
    // A live recorder (a second terminal process on this data folder, or one of this
    // process) is still writing it: not a crash, nothing to recover.
    if (owner.kind === 'here') continue;
    if (owner.kind === 'elsewhere') {
      appendAudit(
        db,
        terminalId,
        {
          kind: 'recording.recovery.skipped',
          payload: {
            recordingId: row.recording_id,
            visitId: row.visit_id,
            ownerPid: owner.pid,
            reason: '录像文件夹仍由运行中的录像程序使用',
          },
        },
        now(),
      );
      continue;
    }
    let claim: FolderClaim;
    try {
      claim = claimFolder(recordingDir, 'recovery');
    } catch {
      continue; // another start took it over at this very moment: it recovers it
    }
    try {
      const result = await recoverOne({ db, row, recordingDir, terminalId, ffmpeg, version, key, now, options, claim });
      if (result) results.push(result);
    } finally {
      claim.release();
    }
  }
  return results;
}

async function recoverOne(args: {
  db: Database;
  row: RecordingRow;
  recordingDir: string;
  terminalId: string;
  ffmpeg: FfmpegPaths;
  version: string;
  key: SigningKey;
  now: () => Date;
  options: RecoverOptions;
  claim: FolderClaim;
}): Promise<RecoveredRecording | null> {
  const { db, row, recordingDir, terminalId, ffmpeg, version, key, now, options, claim } = args;
  // The crashed terminal's ffmpeg may still be finishing its open segment: let it end
  // (or kill it) before deleting or re-making any segment, or the two would race.
  const noted = notedFfmpeg(recordingDir);
  let orphanedFfmpeg: OrphanedFfmpeg | null = null;
  if (noted) {
    const waited = await awaitExit(noted, { timeoutMs: options.orphanWaitMs ?? DEFAULT_ORPHAN_WAIT_MS });
    if (waited.outcome !== 'gone') orphanedFfmpeg = { pid: noted.pid, ...waited };
    if (waited.outcome === 'unkillable') {
      appendAudit(
        db,
        terminalId,
        {
          kind: 'recording.recovery.deferred',
          payload: {
            recordingId: row.recording_id,
            visitId: row.visit_id,
            ffmpegPid: noted.pid,
            waitedMs: waited.waitedMs,
            reason: '上次的录像程序 ffmpeg 无法结束，本次不封存，下次启动时再试',
          },
        },
        now(),
      );
      return null;
    }
  }
  const sealedFiles = new Set(segmentsOf(db, row.recording_id).map((s) => s.file));
  // Segments never sealed (open at the crash, or closed but not yet recorded) are
  // rebuilt from the spool, so the half-written files go.
  for (const file of readdirSync(recordingDir)) {
    if ((segmentIndexOf(file) !== null && !sealedFiles.has(file)) || file.endsWith('.partial'))
      rmSync(join(recordingDir, file), { force: true });
  }
  const segmentsBefore = sealedFiles.size;
  const replay = await replaySpool({
    db,
    dir: recordingDir,
    recordingId: row.recording_id,
    visitId: row.visit_id,
    terminalId,
    ffmpeg: ffmpeg.ffmpeg,
    now,
    segmentSeconds: options.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS,
    claim,
  });
  const spoolPath = join(recordingDir, SPOOL_FILE);
  const lastSegment = segmentsOf(db, row.recording_id).at(-1);
  // The last thing the terminal wrote is the best estimate of when the visit was cut off.
  const endedAt = existsSync(spoolPath)
    ? statSync(spoolPath).mtime
    : lastSegment
      ? new Date(lastSegment.sealed_at)
      : new Date(row.started_at);
  const sealed = await sealRecording({
    db,
    recordingId: row.recording_id,
    dir: recordingDir,
    ffmpeg,
    ffmpegVersion: version,
    key,
    state: 'interrupted',
    endedAt,
    now,
  });
  appendAudit(
    db,
    terminalId,
    {
      kind: 'recording.recovered',
      payload: {
        recordingId: row.recording_id,
        visitId: row.visit_id,
        segmentsBefore,
        segmentsRecovered: replay.sealed,
        spoolProblem: replay.problem,
        orphanedFfmpegPid: orphanedFfmpeg?.pid ?? null,
        orphanedFfmpeg: orphanedFfmpeg?.outcome ?? null,
        orphanWaitMs: orphanedFfmpeg?.waitedMs ?? null,
      },
    },
    now(),
  );
  if (replay.problem === null) {
    rmSync(spoolPath, { force: true });
    for (const file of readdirSync(recordingDir))
      if (/^list-\d+\.csv$/.test(file)) rmSync(join(recordingDir, file), { force: true });
  }
  return { ...sealed, segmentsBefore, segmentsRecovered: replay.sealed, spoolProblem: replay.problem, orphanedFfmpeg };
}
