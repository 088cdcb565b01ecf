// The recorder's public surface (main process; no Electron). See design.md "Recorder".
export { startRecording, DEFAULT_SEGMENT_SECONDS, SPOOL_FILE } from './recording';
export type { Recording, RecordingEvents, RecorderProblem, Incident, StartRecordingOptions, StopOptions } from './recording';
export { recoverOpenRecordings, DEFAULT_ORPHAN_WAIT_MS, type RecoverOptions, type RecoveredRecording, type OrphanedFfmpeg } from './recover';
export { FFMPEG_PID_FILE, LOCK_FILE } from './folder-claim';
export { verifyManifest, type VerifyResult, type VerifyProblem } from './verify-manifest';
export { locateFfmpeg, loadStaticPackage, type FfmpegPaths, type LocateOptions } from './ffmpeg-locator';
export { createFfmpegTools, ffmpegTools, type FfmpegTools, type ResolvedFfmpeg } from './ffmpeg-tools';
export { startProcess, runProcess, type RunningProcess, type ProcessExit } from './child-process';
export { bytesForVisit, assessDisk, freeBytesAt, type DiskAssessment, type DiskLevel } from './disk';
export { mayDeleteLocalRecording, type RetentionDecision, type RetentionInput } from './retention';
export { loadOrCreateSigningKey, SIGNING_KEY_FILE, type SigningKey } from './signing-key';
export { MANIFEST_FORMAT, type Manifest, type SignedManifest, type Participant } from './manifest';
export { MANIFEST_FILE, CHAPTERS_FILE, UPLOAD_OUTBOX_KIND, type SealResult } from './seal-recording';
export { ARCHIVE_FILE, probeDurationMs } from './archive';
export { recorderMigration } from './migration';
export { FfmpegNotFoundError, RecorderError } from './errors';
export type { SealedSegment } from './seal-segment';
