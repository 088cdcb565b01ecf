// Recording's public surface (main process; no Electron; design.md "Recorder"): the live
// recorder and what seals, recovers and verifies its recordings, and the IPC-facing runtime
// over it with its listing and the playback file check shared by app:// and the e2e harness.
export { startRecording, DEFAULT_SEGMENT_SECONDS, SPOOL_FILE } from './live/recording';
export type { Recording, RecordingEvents, RecorderProblem, Incident, StartRecordingOptions, StopOptions } from './live/recording';
export {
  recoverOpenRecordings,
  DEFAULT_ORPHAN_WAIT_MS,
  type RecoverOptions,
  type RecoveredRecording,
  type OrphanedFfmpeg,
} from './seal/recover';
export { FFMPEG_PID_FILE, LOCK_FILE } from './seal/folder-claim';
export { verifyManifest, type VerifyResult, type VerifyProblem } from './manifest/verify-manifest';
export { locateFfmpeg, loadStaticPackage, type FfmpegPaths, type LocateOptions } from './ffmpeg/ffmpeg-locator';
export { createFfmpegTools, ffmpegTools, type FfmpegTools, type ResolvedFfmpeg } from './ffmpeg/ffmpeg-tools';
export {
  checkFfmpegBuild,
  FfmpegUnsuitableError,
  inspectFfmpegBuild,
  MIN_FFMPEG_VERSION,
  type FfmpegBuildReport,
} from './ffmpeg/ffmpeg-check';
export { checkRecorderFfmpeg, type RecorderToolsCheck } from './ffmpeg/ffmpeg-readiness';
export { startProcess, runProcess, type RunningProcess, type ProcessExit } from './ffmpeg/child-process';
export { bytesForVisit, assessDisk, freeBytesAt, type DiskAssessment, type DiskLevel } from './live/disk';
export { mayDeleteLocalRecording, type RetentionDecision, type RetentionInput } from './retention';
export { loadOrCreateSigningKey, SIGNING_KEY_FILE, type SigningKey } from './manifest/signing-key';
export { MANIFEST_FORMAT, type Manifest, type SignedManifest, type Participant } from './manifest/manifest';
export { MANIFEST_FILE, CHAPTERS_FILE, UPLOAD_OUTBOX_KIND, type SealResult } from './seal/seal-recording';
export { ARCHIVE_FILE, probeDurationMs } from './seal/archive';
export { recorderMigration } from './migration';
export { FfmpegNotFoundError, RecorderError } from './errors';
export type { SealedSegment } from './segments/seal-segment';
export {
  createRecordingManager,
  WINDOW_RELOADED,
  type RecordingManager,
  type RecordingManagerOptions,
  type StopSummary,
  type VerifySummary,
} from './manager';
export { listRecordings, VERIFIED_AUDIT_KIND, type RecordingSummary } from './list-recordings';
export { PLAYBACK_PREFIX, playbackPathOf, resolvePlaybackFile } from './playback';
export { ChunkOrder } from './chunk-order';
export { ffmpegLocateOptions } from './locate-options';
