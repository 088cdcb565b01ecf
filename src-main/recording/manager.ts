// The recording service's runtime (R13.1): recovers recordings a crash left open,
// starts one recording per visit, writes the renderer's chunks in order, and seals, lists,
// verifies and serves them. A thin layer over the recorder (live/, seal/); no Electron.
// createRecordingManager only wires the parts, each with one job: active-recordings.ts
// (the open ones), startup-recovery.ts, visit-start.ts, chunk-intake.ts,
// verify-recording.ts, list-recordings.ts; manager-results.ts maps what they return.
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/result';
import { stderrLogger, type Logger } from '../log/logger';
import { ActiveRecordings } from './active-recordings';
import { takeChunk } from './chunk-intake';
import type { FfmpegPaths, LocateOptions } from './ffmpeg/ffmpeg-locator';
import { checkRecorderFfmpeg, type RecorderToolsCheck } from './ffmpeg/ffmpeg-readiness';
import { listRecordings, type RecordingSummary } from './list-recordings';
import { sealedState, stopSummary, type Emit, type StopSummary, type VerifySummary } from './manager-results';
import { SIGNING_KEY_FILE } from './manifest/signing-key';
import { playbackPathOf } from './playback';
import type { RecoveredRecording } from './seal/recover';
import { startupRecovery } from './startup-recovery';
import { verifyRecording } from './verify-recording';
import { visitStarts, type StartedRecording } from './visit-start';

export type { StopSummary, VerifySummary } from './manager-results';
export { WINDOW_RELOADED } from './visit-start';

export interface RecordingManagerOptions {
  readonly db: Database;
  readonly terminalId: string;
  readonly dataDir: string;
  readonly recordingDir: string;
  readonly now: () => Date;
  /** Main's logger (openTerminal's); JSON lines on stderr when absent (the benches). */
  readonly logger?: Logger;
  readonly emit?: Emit;
  /** Who acts (the logged-in administrators' staff ids), for incidents and verifications. */
  readonly actor?: () => string;
  /** Tests and the bench may pass a located ffmpeg; otherwise the recorder locates it. */
  readonly ffmpeg?: FfmpegPaths;
  /** Where to look for ffmpeg (the configured ffmpegPath, the app's resources folder). */
  readonly locate?: LocateOptions;
  readonly segmentSeconds?: number;
  /** Disk check overrides (tests on a small file system): head-room kept, check interval. */
  readonly diskMarginBytes?: number;
  readonly diskCheckIntervalMs?: number;
}

export interface RecordingManager {
  /** Seals what a crash left open (once; later calls return the same promise). */
  recover(): Promise<RecoveredRecording[]>;
  /**
   * Starts recording a visit. A recording this terminal still has open for the visit (its
   * window was reloaded) is first sealed as interrupted (WINDOW_RELOADED).
   */
  start(visitId: string): Promise<StartedRecording>;
  chunk(recordingId: string, seq: number, bytes: Uint8Array): { recordingId: string; seq: number; spooledBytes: number };
  incident(recordingId: string, note: string): { at: string; offsetMs: number; note: string; actor: string };
  stop(recordingId: string): Promise<StopSummary>;
  verify(recordingId: string): Promise<VerifySummary>;
  list(): RecordingSummary[];
  playbackUrl(recordingId: string): { url: string };
  /** Stops every live recording (quit, tests). */
  stopAll(): Promise<void>;
  /** R12.1: whether the ffmpeg a recording would use is there and can record (cached once it can). */
  checkFfmpeg(): Promise<RecorderToolsCheck>;
  readonly recordingDir: string;
}

export function createRecordingManager(options: RecordingManagerOptions): RecordingManager {
  const { db, terminalId, recordingDir, now } = options;
  const keyPath = join(options.dataDir, SIGNING_KEY_FILE);
  const emit: Emit = options.emit ?? (() => undefined);
  const logger = options.logger ?? stderrLogger;
  const actor = () => options.actor?.() || 'terminal';
  const active = new ActiveRecordings();
  const recover = startupRecovery({
    db,
    terminalId,
    recordingDir,
    keyPath,
    now,
    ffmpeg: options.ffmpeg,
    locate: options.locate,
    emit,
    logger,
  });
  const start = visitStarts({
    db,
    terminalId,
    recordingDir,
    keyPath,
    now,
    logger,
    emit,
    active,
    recover,
    ffmpeg: options.ffmpeg,
    locate: options.locate,
    segmentSeconds: options.segmentSeconds,
    diskMarginBytes: options.diskMarginBytes,
    diskCheckIntervalMs: options.diskCheckIntervalMs,
  });

  const manager: RecordingManager = {
    recordingDir,
    recover,
    start,
    chunk: (recordingId, seq, bytes) => takeChunk(active.find(recordingId), seq, bytes),
    incident: (recordingId, note) => active.find(recordingId).recording.markIncident(note, actor()),
    async stop(recordingId) {
      const entry = active.find(recordingId);
      const result = await entry.recording.stop();
      active.remove(recordingId);
      emit('recording.state', sealedState(recordingId, entry.visitId, result));
      return stopSummary(recordingId, result);
    },
    verify: (recordingId) =>
      verifyRecording({ db, terminalId, recordingDir, keyPath, now, actor, isOpen: (id) => active.has(id) }, recordingId),
    list: () => listRecordings(db),
    playbackUrl(recordingId) {
      const row = db
        .prepare<[string], { archive_file: string | null }>('SELECT archive_file FROM recording_manifests WHERE recording_id = ?')
        .get(recordingId);
      if (!row?.archive_file) throw new ServiceError('NOT_FOUND', `录像 ${recordingId} 没有可播放的归档文件。`);
      return { url: playbackPathOf(recordingId) };
    },
    async stopAll() {
      await Promise.allSettled(active.ids().map((id) => manager.stop(id)));
    },
    checkFfmpeg: () =>
      checkRecorderFfmpeg({
        ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
        ...(options.locate ? { locate: options.locate } : {}),
      }),
  };
  return manager;
}
