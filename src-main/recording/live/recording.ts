// A live recording: the renderer's MediaRecorder chunks (WebM, VP8/VP9 + Opus,
// header in the first chunk) go to write(); they are appended to the spool at once and a
// pump feeds them to ffmpeg, which copies them (no re-encoding) into sealed segments of
// at most 10 s, each hashed, recorded and audited as it closes. If ffmpeg dies, a new one
// continues the series from the spool. stop() builds the archive and the signed manifest.
// startRecording only wires the parts, each with one job: open-recording.ts (folder, claim,
// rows), ffmpeg-supervisor.ts (ffmpeg runs and restarts), disk-watch.ts, stream-clock.ts
// (the chapters' time 0), incidents.ts and stop-recording.ts.
import { join } from 'node:path';
import { stderrLogger } from '../../log/logger';
import { RecorderError } from '../errors';
import { visitMinutes } from '../recorder-db';
import type { SealResult } from '../seal/seal-recording';
import { Spool } from '../segments/spool';
import { WebmIndex } from '../segments/webm-index';
import { TypedEvents } from '../typed-events';
import { freeBytesAt } from './disk';
import { scheduledEnd, watchDisk } from './disk-watch';
import { superviseFfmpeg } from './ffmpeg-supervisor';
import { incidentLog, interruptionNote, type IncidentLog } from './incidents';
import { openRecording } from './open-recording';
import { recordingReports } from './recording-reports';
import type { Recording, RecordingEvents, StartRecordingOptions } from './recording-types';
import { stopRecording } from './stop-recording';
import { streamClock } from './stream-clock';

export type {
  Incident,
  RecorderProblem,
  Recording,
  RecordingEvents,
  StartRecordingOptions,
  StopOptions,
} from './recording-types';

export const SPOOL_FILE = 'spool.webm';
/**
 * Segment target. The segment muxer cuts at the first keyframe at or after each multiple
 * of segment_time, so a segment lasts up to segment_time + one keyframe interval. The
 * renderer asks MediaRecorder for a keyframe every second, but a starved Chromium drops
 * frames (keyframe gaps of 3–4 s seen in the e2e runs on a loaded machine); 6 s keeps
 * every segment ≤ 10 s for keyframe gaps up to 4 s.
 */
export const DEFAULT_SEGMENT_SECONDS = 6;

export async function startRecording(options: StartRecordingOptions): Promise<Recording> {
  const now = options.now ?? (() => new Date());
  const opened = await openRecording(options, now);
  const { recordingId, dir, startedAt, claim } = opened;
  const { db, terminalId, visitId } = options;
  const spool = Spool.openForAppend(join(dir, SPOOL_FILE), { syncIntervalMs: options.spoolSyncIntervalMs });
  const index = new WebmIndex(spool);
  const logger = options.logger ?? stderrLogger;
  const events = new TypedEvents<RecordingEvents>((error) => logger.error('录像事件监听器出错', { recordingId, error }));
  const reports = recordingReports({ db, terminalId, recordingId, visitId, now, events });
  const supervisor = superviseFfmpeg({
    ffmpeg: opened.ffmpeg.ffmpeg,
    segmentSeconds: options.segmentSeconds ?? DEFAULT_SEGMENT_SECONDS,
    spool,
    index,
    claim,
    sealCtx: { db, terminalId, recordingId, visitId, dir, now },
    reports,
    events,
  });
  const diskWatch = watchDisk({
    dir,
    now,
    startedAt,
    visitEnd: options.expectedEndAt ?? scheduledEnd(startedAt, visitMinutes(db, visitId)),
    streamBytes: () => spool.size(),
    freeBytes: options.freeBytes ?? freeBytesAt,
    marginBytes: options.diskMarginBytes,
    intervalMs: options.diskCheckIntervalMs ?? 15_000,
    reports,
  });
  // Each incident is placed by the clock; the clock re-places those stored before it moved.
  const clock = streamClock(index, (zeroAtMs) => incidents.reoffset(zeroAtMs));
  const incidents: IncidentLog = incidentLog({ db, terminalId, recordingId, visitId, offsetOf: (atMs) => clock.offsetOf(atMs) });

  let stopping: Promise<SealResult> | null = null;
  /** When the last chunk arrived: where an interrupted stream was cut off. */
  let lastWriteAt: Date | null = null;
  const { ffmpeg, ffmpegVersion, key } = opened;
  const stopParts = {
    db,
    recordingId,
    dir,
    ffmpeg,
    ffmpegVersion,
    key,
    claim,
    spool,
    supervisor,
    diskWatch,
    events,
    now,
    lastWriteAt: () => lastWriteAt,
  };
  return {
    recordingId,
    dir,
    write(chunk) {
      if (stopping) throw new RecorderError('录像已结束，不能再写入');
      try {
        spool.append(chunk);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        reports.problem({
          kind: 'write-failed',
          severity: 'error',
          message: '录像数据写入磁盘失败，录像可能不完整，请立即检查磁盘。',
          detail,
        });
        throw new RecorderError('录像数据写入磁盘失败', detail, { cause: error });
      }
      lastWriteAt = now();
      try {
        clock.observe(lastWriteAt.getTime());
      } catch (error) {
        // Chapter placement must never cost the recording itself; the chapters stay approximate.
        reports.problem({
          kind: 'write-failed',
          severity: 'warning',
          message: '录像章节时间校准失败，章节位置可能不准',
          detail: String(error),
        });
      }
    },
    markIncident(note, actor) {
      // After stop() the manifest is being signed: a late incident would be missing from it.
      if (stopping) throw new RecorderError('录像已结束，不能再标记事件');
      return incidents.add(note, actor, now());
    },
    stop(stopOptions = {}) {
      const reason = stopOptions.interruptedBecause ?? null;
      // Where the stream was cut off, as a chapter: the supervisor sees why it ends there.
      if (!stopping && reason) incidents.add(interruptionNote(reason), 'terminal', lastWriteAt ?? now(), now());
      stopping ??= stopRecording(stopParts, reason);
      return stopping;
    },
    on: (event, listener) => events.on(event, listener),
    ffmpegPid: () => supervisor.pid(),
    streamZeroAt: () => clock.zeroAt(),
  };
}
