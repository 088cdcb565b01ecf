// What a live recording offers and reports: its options, its handle, its events and the
// problems it raises for the administrators (zh-CN). Shared by the parts in this folder.
import type { Database } from 'better-sqlite3';
import type { FfmpegPaths, LocateOptions } from '../ffmpeg/ffmpeg-locator';
import type { Participant } from '../manifest/manifest';
import type { SealResult } from '../seal/seal-recording';
import type { SealedSegment } from '../segments/seal-segment';
import type { Logger } from '../../log/logger';

export interface RecorderProblem {
  readonly kind:
    'ffmpeg-exited' | 'ffmpeg-failing' | 'disk-low' | 'disk-critical' | 'write-failed' | 'seal-failed' | 'stream-unreadable';
  readonly severity: 'warning' | 'error';
  /** zh-CN, shown to the administrators as is. */
  readonly message: string;
  readonly detail?: string;
}

export interface RecordingEvents {
  segment: SealedSegment;
  restarted: { readonly run: number; readonly reason: string; readonly resumeAtMs: number | null };
  problem: RecorderProblem;
  sealed: SealResult;
}

export interface Incident {
  readonly at: string;
  readonly offsetMs: number;
  readonly note: string;
  readonly actor: string;
}

export interface StartRecordingOptions {
  readonly visitId: string;
  readonly terminalId: string;
  /** The recordings folder (config.recordingDir); each recording gets a sub-folder. */
  readonly dir: string;
  readonly db: Database;
  readonly now?: () => Date;
  /** The terminal's Ed25519 key file, e.g. join(config.dataDir, SIGNING_KEY_FILE). */
  readonly keyPath: string;
  readonly participants?: readonly Participant[];
  /** Already located; otherwise located with `locate`. */
  readonly ffmpeg?: FfmpegPaths;
  readonly locate?: LocateOptions;
  readonly segmentSeconds?: number;
  /** For the disk monitor; defaults to the visit's scheduled length from the visits table. */
  readonly expectedEndAt?: Date;
  readonly diskCheckIntervalMs?: number;
  readonly freeBytes?: (path: string) => Promise<number>;
  /** Head-room the disk check keeps besides the stream (default SAFETY_MARGIN_BYTES). */
  readonly diskMarginBytes?: number;
  readonly spoolSyncIntervalMs?: number;
  /** Main's logger (a listener's failure goes there); JSON lines on stderr when absent (tests, benches). */
  readonly logger?: Logger;
}

export interface Recording {
  readonly recordingId: string;
  /** The recording's own folder. */
  readonly dir: string;
  /** Appends a MediaRecorder chunk to the spool (synchronously, durably; see spool.ts). */
  write(chunk: Uint8Array): void;
  /** An incident or administrator action: audited, and a chapter of the archive. */
  markIncident(note: string, actor: string): Incident;
  /**
   * Ends the stream, seals the last segment, builds the archive and the signed manifest.
   * With `interruptedBecause` (zh-CN) the recording is sealed as interrupted, and the reason
   * becomes a chapter at the point where it was cut off, for the supervisor.
   */
  stop(options?: StopOptions): Promise<SealResult>;
  on<K extends keyof RecordingEvents>(event: K, listener: (payload: RecordingEvents[K]) => void): () => void;
  /** The running ffmpeg's pid (diagnostics and tests). */
  ffmpegPid(): number | undefined;
  /** Wall-clock time of the archive's time 0, once a chunk has placed it (chapter offsets). */
  streamZeroAt(): Date | null;
}

export interface StopOptions {
  readonly interruptedBecause?: string;
}
