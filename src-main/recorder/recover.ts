// At start-up: every recording still marked `recording` was cut off by a crash or power
// cut. Seal each one from what is on disk: its sealed segments, plus whatever the spool
// holds after the last sealed segment (re-muxed into new segments), then archive, signed
// manifest, state `interrupted` and an outbox row for the upload.
import type { Database } from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../audit/audit-log';
import { describeExit } from './child-process';
import type { FfmpegPaths, LocateOptions } from './ffmpeg-locator';
import { ffmpegTools } from './ffmpeg-tools';
import { openRecordings, segmentsOf } from './recorder-db';
import { DEFAULT_SEGMENT_SECONDS, SPOOL_FILE } from './recording';
import { findResumePoint, firstClusterMs } from './resume-point';
import { sealRecording, type SealResult } from './seal-recording';
import { sealSegment } from './seal-segment';
import { segmentIndexOf } from './segment-list';
import { listFileName, startSegmentRun } from './segment-run';
import { loadOrCreateSigningKey } from './signing-key';
import { Spool } from './spool';
import { WebmIndex } from './webm-index';

export interface RecoverOptions {
  readonly keyPath: string;
  readonly ffmpeg?: FfmpegPaths;
  readonly locate?: LocateOptions;
  readonly now?: () => Date;
  /** Used when a row predates the terminal_id column. */
  readonly terminalId?: string;
  readonly segmentSeconds?: number;
}

export interface RecoveredRecording extends SealResult {
  /** Segments sealed before the crash. */
  readonly segmentsBefore: number;
  /** Segments re-muxed from the spool now. */
  readonly segmentsRecovered: number;
  /** zh-CN, when re-muxing the spool failed (the sealed segments still count). */
  readonly spoolProblem: string | null;
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
    const ctx = { db: options.db, terminalId: options.terminalId, recordingId: options.recordingId, visitId: options.visitId, dir: options.dir, now: options.now };
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
    const outcome = await segmentRun.outcome;
    rmSync(join(options.dir, listFileName(run)), { force: true });
    // A truncated last cluster makes ffmpeg complain but still close what it had.
    const problem = outcome.exit.code === 0 || sealed > 0 ? null : `${describeExit(outcome.exit)}：${outcome.stderrTail.slice(-300)}`;
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
    mkdirSync(recordingDir, { recursive: true });
    const terminalId = row.terminal_id ?? options.terminalId ?? 'unknown';
    const sealedFiles = new Set(segmentsOf(db, row.recording_id).map((s) => s.file));
    // Segments never sealed (open at the crash, or closed but not yet recorded) are
    // rebuilt from the spool, so the half-written files go.
    for (const file of readdirSync(recordingDir)) {
      if ((segmentIndexOf(file) !== null && !sealedFiles.has(file)) || file.endsWith('.partial')) rmSync(join(recordingDir, file), { force: true });
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
    });
    const spoolPath = join(recordingDir, SPOOL_FILE);
    const lastSegment = segmentsOf(db, row.recording_id).at(-1);
    // The last thing the terminal wrote is the best estimate of when the visit was cut off.
    const endedAt = existsSync(spoolPath) ? statSync(spoolPath).mtime : lastSegment ? new Date(lastSegment.sealed_at) : new Date(row.started_at);
    const sealed = await sealRecording({ db, recordingId: row.recording_id, dir: recordingDir, ffmpeg, ffmpegVersion: version, key, state: 'interrupted', endedAt, now });
    appendAudit(db, terminalId, {
      kind: 'recording.recovered',
      payload: { recordingId: row.recording_id, visitId: row.visit_id, segmentsBefore, segmentsRecovered: replay.sealed, spoolProblem: replay.problem },
    }, now());
    if (replay.problem === null) {
      rmSync(spoolPath, { force: true });
      for (const file of readdirSync(recordingDir)) if (/^list-\d+\.csv$/.test(file)) rmSync(join(recordingDir, file), { force: true });
    }
    results.push({ ...sealed, segmentsBefore, segmentsRecovered: replay.sealed, spoolProblem: replay.problem });
  }
  return results;
}
