// The recording service layer over src-main/recorder: IPC-facing runtime, listing,
// and the playback file check shared by app:// and the e2e harness.
export { createRecordingManager, WINDOW_RELOADED, type RecordingManager, type RecordingManagerOptions, type StopSummary, type VerifySummary } from './manager';
export { listRecordings, VERIFIED_AUDIT_KIND, type RecordingSummary } from './list-recordings';
export { PLAYBACK_PREFIX, playbackPathOf, resolvePlaybackFile } from './playback';
export { ChunkOrder } from './chunk-order';
export { ffmpegLocateOptions } from './locate-options';
