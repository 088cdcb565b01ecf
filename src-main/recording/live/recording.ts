// A live recording: the renderer's MediaRecorder chunks (WebM, VP8/VP9 + Opus,
// header in the first chunk) go to write(); they are appended to the spool at once and a
// pump feeds them to ffmpeg, which copies them (no re-encoding) into sealed segments of
// at most 10 s, each hashed, recorded and audited as it closes. If ffmpeg dies, a new one
// continues the series from the spool. stop() builds the archive and the signed manifest.
import type { Database } from 'better-sqlite3';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backoffDelay } from '../../../src-shared/retry/backoff';
import { appendAudit } from '../../audit/audit-log';
import { describeExit } from '../ffmpeg/child-process';
import { claimFolder } from '../seal/folder-claim';
import { assessDisk, freeBytesAt, type DiskLevel } from './disk';
import { RecorderError } from '../errors';
import type { FfmpegPaths, LocateOptions } from '../ffmpeg/ffmpeg-locator';
import { ffmpegTools } from '../ffmpeg/ffmpeg-tools';
import type { Participant } from '../manifest/manifest';
import { insertIncident, insertRecording, reoffsetIncidents, visitMinutes } from '../recorder-db';
import { findResumePoint, firstClusterMs } from '../segments/resume-point';
import { sealRecording, type SealResult } from '../seal/seal-recording';
import { sealSegment, type SealContext, type SealedSegment } from '../segments/seal-segment';
import { segmentIndexOf } from '../segments/segment-list';
import { listFileName, startSegmentRun, type ClosedSegment, type SegmentRun } from '../segments/segment-run';
import { loadOrCreateSigningKey } from '../manifest/signing-key';
import { PRIVATE_DIR_MODE } from '../../store/private-files';
import { Spool } from '../segments/spool';
import { TypedEvents } from '../typed-events';
import { WebmIndex } from '../segments/webm-index';
import { stderrLogger, type Logger } from '../../log/logger';

export const SPOOL_FILE = 'spool.webm';
/**
 * Segment target. The segment muxer cuts at the first keyframe at or after each multiple
 * of segment_time, so a segment lasts up to segment_time + one keyframe interval. The
 * renderer asks MediaRecorder for a keyframe every second, but a starved Chromium drops
 * frames (keyframe gaps of 3–4 s seen in the e2e runs on a loaded machine); 6 s keeps
 * every segment ≤ 10 s for keyframe gaps up to 4 s.
 */
export const DEFAULT_SEGMENT_SECONDS = 6;

export interface RecorderProblem {
  readonly kind: 'ffmpeg-exited' | 'ffmpeg-failing' | 'disk-low' | 'disk-critical' | 'write-failed' | 'seal-failed' | 'stream-unreadable';
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

/** Give up restarting after this many ffmpeg deaths without a sealed segment in between. */
const MAX_CONSECUTIVE_FAILURES = 5;

const stamp = (at: Date): string => at.toISOString().replace(/[-:.]/g, '');
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startRecording(options: StartRecordingOptions): Promise<Recording> {
  const now = options.now ?? (() => new Date());
  // Cached per process (ffmpeg-tools.ts): the lookup and `-version` cost seconds under load.
  const { paths: ffmpeg, version } = await ffmpegTools.resolve({
    ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
    ...(options.locate ? { locate: options.locate } : {}),
  });
  const key = loadOrCreateSigningKey(options.keyPath);
  const startedAt = now();
  const recordingId = `${options.visitId}-${stamp(startedAt)}`;
  const dir = join(options.dir, recordingId);
  // Owner-only: what ffmpeg writes inside is unreachable for other local users whatever its mode.
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Before anything is written: never two recorders (or a recovery) on one folder.
  const claim = claimFolder(dir, 'recording');
  const { db, terminalId, visitId } = options;

  try {
    db.transaction(() => {
      insertRecording(db, { recordingId, visitId, terminalId, startedAt: startedAt.toISOString(), participants: options.participants ?? [] });
      appendAudit(db, terminalId, {
        kind: 'recording.started',
        payload: { recordingId, visitId, ffmpeg: ffmpeg.ffmpeg, ffmpegSource: ffmpeg.sources.ffmpeg, ffmpegVersion: version, keyId: key.keyId },
      }, startedAt);
    })();
  } catch (error) {
    claim.release();
    throw error;
  }

  const spool = Spool.openForAppend(join(dir, SPOOL_FILE), { syncIntervalMs: options.spoolSyncIntervalMs });
  const index = new WebmIndex(spool);
  const logger = options.logger ?? stderrLogger;
  const events = new TypedEvents<RecordingEvents>((error) => logger.error('录像事件监听器出错', { recordingId, error }));
  const sealCtx: SealContext = { db, terminalId, recordingId, visitId, dir, now };
  const segmentSeconds = options.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS;

  const problem = (p: RecorderProblem) => {
    events.emit('problem', p);
  };
  const audit = (kind: string, payload: Record<string, string | number | boolean | null>) => {
    try {
      appendAudit(db, terminalId, { kind, payload: { recordingId, visitId, ...payload } }, now());
    } catch (error) {
      problem({ kind: 'write-failed', severity: 'error', message: '录像审计记录写入失败', detail: String(error) });
    }
  };

  let current: SegmentRun | null = null;
  let run = 1;
  let nextIndex = 0;
  let lastSealedEndMs: number | null = null;
  let consecutiveFailures = 0;
  const runBase = new Map<number, number>();

  const onSegment = async (segment: ClosedSegment): Promise<void> => {
    try {
      let base = runBase.get(segment.run);
      if (base === undefined) {
        base = firstClusterMs(index);
        runBase.set(segment.run, base);
      }
      const sealed = await sealSegment(sealCtx, segment, base);
      lastSealedEndMs = sealed.endMs;
      nextIndex = Math.max(nextIndex, sealed.index + 1);
      consecutiveFailures = 0;
      events.emit('segment', sealed);
    } catch (error) {
      problem({ kind: 'seal-failed', severity: 'error', message: `录像分段 ${segment.file} 封存失败`, detail: error instanceof Error ? error.message : String(error) });
    }
  };

  /** Waits until the spool grows or ends. */
  const nextAppend = () =>
    new Promise<void>((resolve) => {
      const off = spool.onAppend(() => {
        off();
        resolve();
      });
    });

  /** Runs ffmpeg, and a new one each time it dies, until the spool is fully consumed. */
  const supervise = async (): Promise<boolean> => {
    let header: Uint8Array | null = null;
    let fromOffset = 0;
    for (;;) {
      current = startSegmentRun({ ffmpeg: ffmpeg.ffmpeg, dir, run, startNumber: nextIndex, segmentSeconds, spool, header, fromOffset, onSegment });
      // So that after a kill -9 of this process the next start waits for this ffmpeg.
      const unnoted = claim.noteFfmpeg(current.pid);
      // A full disk is announced by the disk check; the audit says recovery lacks the note.
      if (unnoted) audit('recording.ffmpeg.unnoted', { run, reason: unnoted });
      const outcome = await current.outcome;
      current = null;
      if (outcome.inputComplete && outcome.exit.code === 0) return true;

      consecutiveFailures += 1;
      const reason = describeExit(outcome.exit);
      if (outcome.openFile) rmSync(join(dir, outcome.openFile), { force: true });
      const onDisk = readdirSync(dir).map(segmentIndexOf).filter((i): i is number => i !== null);
      nextIndex = Math.max(nextIndex, ...onDisk.map((i) => i + 1));
      audit('recording.ffmpeg.exited', { run, reason, discarded: outcome.openFile, stderr: outcome.stderrTail.slice(-500) });
      if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES) {
        problem({ kind: 'ffmpeg-failing', severity: 'error', message: `录像程序 ffmpeg 连续 ${consecutiveFailures} 次异常退出，录像已停止写入分段；已收到的数据仍保存在缓存中，请联系技术人员。`, detail: outcome.stderrTail.slice(-500) });
        return false;
      }
      problem({ kind: 'ffmpeg-exited', severity: 'warning', message: `录像程序 ffmpeg 意外退出（${reason}），正在自动重启，会见可以继续。`, detail: outcome.stderrTail.slice(-500) });
      await delay(consecutiveFailures > 1 ? backoffDelay(consecutiveFailures, { initialMs: 250, maxMs: 10_000 }) : 0);

      let resume = findResumePoint(spool, index, lastSealedEndMs);
      while (!resume && !spool.ended && !index.broken) {
        await nextAppend();
        resume = findResumePoint(spool, index, lastSealedEndMs);
      }
      if (index.broken) {
        problem({ kind: 'stream-unreadable', severity: 'error', message: '录像数据流格式异常，无法从断点继续录像，请联系技术人员。', detail: index.broken });
        return false;
      }
      if (!resume) return true; // nothing after the last sealed segment: the stream ended there
      run += 1;
      if (resume.baseMs !== null) runBase.set(run, resume.baseMs);
      header = resume.header;
      fromOffset = resume.offset;
      audit('recording.ffmpeg.restarted', { run, startIndex: nextIndex, resumeAtMs: resume.baseMs, fromOffset });
      events.emit('restarted', { run, reason, resumeAtMs: resume.baseMs });
    }
  };
  const supervised = supervise();

  // Disk monitor: warns while the rest still fits; never stops the recording by itself.
  const visitEnd = options.expectedEndAt ?? new Date(startedAt.getTime() + (visitMinutes(db, visitId) ?? 30) * 60_000);
  let diskLevel: DiskLevel = 'ok';
  const checkDisk = async () => {
    try {
      const free = await (options.freeBytes ?? freeBytesAt)(dir);
      const elapsedSeconds = Math.max(1, (now().getTime() - startedAt.getTime()) / 1000);
      const verdict = assessDisk({
        freeBytes: free,
        bytesPerSecond: spool.size() / elapsedSeconds,
        elapsedSeconds,
        remainingSeconds: (visitEnd.getTime() - now().getTime()) / 1000,
        ...(options.diskMarginBytes !== undefined ? { marginBytes: options.diskMarginBytes } : {}),
      });
      if (verdict.level !== diskLevel && verdict.level !== 'ok') {
        audit('recording.disk.low', { level: verdict.level, freeBytes: verdict.freeBytes, neededBytes: verdict.neededBytes });
        problem({ kind: verdict.level === 'critical' ? 'disk-critical' : 'disk-low', severity: verdict.level === 'critical' ? 'error' : 'warning', message: verdict.message ?? '' });
      }
      diskLevel = verdict.level;
    } catch (error) {
      problem({ kind: 'disk-low', severity: 'warning', message: '无法读取磁盘剩余空间', detail: String(error) });
    }
  };
  const diskTimer = setInterval(() => void checkDisk(), options.diskCheckIntervalMs ?? 15_000);
  diskTimer.unref();

  // Chapter offsets: the archive's time 0 is the stream's first Cluster,
  // not main's start (the renderer holds its first chunks until start() returns, seconds
  // under load). Each chunk that arrives carries media up to index.lastBlockMs; it cannot
  // have arrived before that media was captured, so arrival − (lastBlockMs − firstCluster)
  // is an upper bound of time 0 on the wall clock, and the smallest over the chunks (the
  // ones sent as soon as they were made) is within one frame plus the IPC latency of it.
  let zeroAtMs: number | null = null;
  let incidents = 0;
  const placeZero = (arrivedAtMs: number) => {
    index.update();
    const first = index.clusters[0]?.timestampMs;
    if (index.lastBlockMs === null || first === undefined || first === null) return;
    const estimate = Math.round(arrivedAtMs - (index.lastBlockMs - first));
    if (zeroAtMs !== null && estimate >= zeroAtMs) return;
    zeroAtMs = estimate;
    if (incidents > 0) reoffsetIncidents(db, recordingId, zeroAtMs);
  };
  const offsetOf = (atMs: number): number => (zeroAtMs === null ? 0 : Math.max(0, Math.round(atMs - zeroAtMs)));

  let stopping: Promise<SealResult> | null = null;
  /** When the last chunk arrived: where an interrupted stream was cut off. */
  let lastWriteAt: Date | null = null;
  const addIncident = (note: string, actor: string, at: Date, auditAt = at): Incident => {
    // Before the first chunk, 0 for now: placeZero re-places it once time 0 is known.
    const incident: Incident = { at: at.toISOString(), offsetMs: offsetOf(at.getTime()), note, actor };
    db.transaction(() => {
      insertIncident(db, recordingId, { at: incident.at, offset_ms: incident.offsetMs, note, actor });
      appendAudit(db, terminalId, { kind: 'recording.incident', actor, payload: { recordingId, visitId, offsetMs: incident.offsetMs, note } }, auditAt);
    })();
    incidents += 1;
    return incident;
  };
  const recording: Recording = {
    recordingId,
    dir,
    write(chunk) {
      if (stopping) throw new RecorderError('录像已结束，不能再写入');
      try {
        spool.append(chunk);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        problem({ kind: 'write-failed', severity: 'error', message: '录像数据写入磁盘失败，录像可能不完整，请立即检查磁盘。', detail });
        throw new RecorderError('录像数据写入磁盘失败', detail, { cause: error });
      }
      lastWriteAt = now();
      try {
        placeZero(lastWriteAt.getTime());
      } catch (error) {
        // Chapter placement must never cost the recording itself; the chapters stay approximate.
        problem({ kind: 'write-failed', severity: 'warning', message: '录像章节时间校准失败，章节位置可能不准', detail: String(error) });
      }
    },
    markIncident(note, actor): Incident {
      // After stop() the manifest is being signed: a late incident would be missing from it.
      if (stopping) throw new RecorderError('录像已结束，不能再标记事件');
      return addIncident(note, actor, now());
    },
    stop(stopOptions = {}) {
      if (!stopping && stopOptions.interruptedBecause) {
        // Where the stream was cut off, as a chapter: the supervisor sees why it ends there.
        addIncident(`录像中断：${stopOptions.interruptedBecause}`, 'terminal', lastWriteAt ?? now(), now());
      }
      stopping ??= (async () => {
        clearInterval(diskTimer);
        spool.endWriting();
        const consumed = await supervised;
        const reason = stopOptions.interruptedBecause ?? null;
        let result: SealResult;
        try {
          result = await sealRecording({ db, recordingId, dir, ffmpeg, ffmpegVersion: version, key, state: reason ? 'interrupted' : 'sealed', endedAt: reason ? (lastWriteAt ?? now()) : now(), now, reason });
        } finally {
          claim.release();
        }
        spool.close();
        // The segments and the archive now hold everything; a spool ffmpeg could not
        // consume stays, with the run lists, for a technician.
        if (consumed) {
          rmSync(spool.path, { force: true });
          for (let r = 1; r <= run; r++) rmSync(join(dir, listFileName(r)), { force: true });
        }
        events.emit('sealed', result);
        return result;
      })();
      return stopping;
    },
    on: (event, listener) => events.on(event, listener),
    ffmpegPid: () => current?.pid,
    streamZeroAt: () => (zeroAtMs === null ? null : new Date(zeroAtMs)),
  };
  return recording;
}

