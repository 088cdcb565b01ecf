// recording.start (R13.1): one recording per visit. Starts of one visit run one after the
// other, and a recording this terminal still has open for the visit (its window was
// reloaded) is first sealed as interrupted, so the list never shows it as still recording;
// the new recording's first chapter links back to it.
import type { Database } from 'better-sqlite3';
import { ServiceError } from '../../src-shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import type { Logger } from '../log/logger';
import { getVisit, visitExists } from '../visit-day/visit-store';
import type { ActiveRecording, ActiveRecordings } from './active-recordings';
import type { FfmpegPaths, LocateOptions } from './ffmpeg/ffmpeg-locator';
import { startRecording } from './live/recording';
import type { Recording } from './live/recording-types';
import { problemEvent, recorderMessage, sealedState, type Emit } from './manager-results';
import type { Participant } from './manifest/manifest';

/**
 * Why a recording still open for a visit is sealed when the visit's recording starts again.
 * The renderer starts one recording per visit for the life of its window (visit-recording.ts
 * guards re-renders and reconnections), so a second start means the window that fed the
 * first one is gone (reloaded mid-visit): no more chunks can continue that WebM stream.
 */
export const WINDOW_RELOADED = '窗口重新加载';

export interface StartedRecording {
  recordingId: string;
  visitId: string;
  startedAt: string;
}

export interface VisitStartContext {
  readonly db: Database;
  readonly terminalId: string;
  readonly recordingDir: string;
  readonly keyPath: string;
  readonly now: () => Date;
  readonly logger: Logger;
  readonly emit: Emit;
  readonly active: ActiveRecordings;
  /** Seals what a crash left open; awaited before every start. */
  readonly recover: () => Promise<unknown>;
  readonly ffmpeg: FfmpegPaths | undefined;
  /** Where to look for ffmpeg when none is given (the configured ffmpegPath, the app's resources). */
  readonly locate: LocateOptions | undefined;
  readonly segmentSeconds: number | undefined;
  readonly diskMarginBytes: number | undefined;
  readonly diskCheckIntervalMs: number | undefined;
}

function participantsOf(db: Database, visitId: string): Participant[] {
  const visit = getVisit(db, visitId);
  const visitors = db
    .prepare<[string], { name: string }>('SELECT name FROM checkins WHERE visit_id = ? ORDER BY checked_in_at, id')
    .all(visitId);
  return [
    ...(visit ? [{ role: 'inmate', name: visit.inmateName }] : []),
    ...visitors.map((v) => ({ role: 'visitor', name: v.name })),
  ];
}

/**
 * Seals a recording whose window has gone as interrupted (archive, signed manifest, upload
 * queued, the reason as its last chapter).
 */
async function sealAbandoned(ctx: VisitStartContext, entry: ActiveRecording, reason: string): Promise<void> {
  const { recordingId } = entry.recording;
  try {
    const result = await entry.recording.stop({ interruptedBecause: reason });
    ctx.emit('recording.state', sealedState(recordingId, entry.visitId, result));
  } catch (error) {
    // Its row stays open: the next start's recovery seals it from its segments and spool.
    const message = `录像 ${recordingId} 因${reason}结束时封存失败，下次启动终端时将自动封存：${recorderMessage(error)}`;
    appendAudit(
      ctx.db,
      ctx.terminalId,
      {
        kind: 'recording.seal.failed',
        payload: { recordingId, visitId: entry.visitId, reason, error: recorderMessage(error).slice(0, 500) },
      },
      ctx.now(),
    );
    ctx.emit('recording.problem', { recordingId, visitId: entry.visitId, kind: 'seal-failed', severity: 'error', message });
  } finally {
    ctx.active.remove(recordingId);
  }
}

async function startFor(ctx: VisitStartContext, visitId: string): Promise<Recording> {
  try {
    return await startRecording({
      visitId,
      terminalId: ctx.terminalId,
      dir: ctx.recordingDir,
      db: ctx.db,
      keyPath: ctx.keyPath,
      now: ctx.now,
      logger: ctx.logger,
      participants: participantsOf(ctx.db, visitId),
      ...(ctx.ffmpeg ? { ffmpeg: ctx.ffmpeg } : {}),
      ...(ctx.locate ? { locate: ctx.locate } : {}),
      ...(ctx.segmentSeconds ? { segmentSeconds: ctx.segmentSeconds } : {}),
      ...(ctx.diskMarginBytes !== undefined ? { diskMarginBytes: ctx.diskMarginBytes } : {}),
      ...(ctx.diskCheckIntervalMs ? { diskCheckIntervalMs: ctx.diskCheckIntervalMs } : {}),
    });
  } catch (error) {
    // FfmpegNotFoundError's message says what to install; the administrators must see it.
    throw new ServiceError('INTERNAL', `无法开始录像（R13.1）：${recorderMessage(error)}`);
  }
}

async function startNow(ctx: VisitStartContext, visitId: string): Promise<StartedRecording> {
  const { db, emit } = ctx;
  await ctx.recover();
  if (!visitExists(db, visitId)) throw new ServiceError('NOT_FOUND', `没有找到编号为 ${visitId} 的会见，无法录像。`);
  const abandoned = ctx.active.ofVisit(visitId);
  for (const entry of abandoned) await sealAbandoned(ctx, entry, WINDOW_RELOADED);
  const recording = await startFor(ctx, visitId);
  const entry = ctx.active.add(recording, visitId);
  const { recordingId } = recording;
  recording.on('problem', (p) => emit('recording.problem', problemEvent(recordingId, visitId, p)));
  recording.on('segment', () => {
    entry.segments += 1;
    emit('recording.state', { recordingId, visitId, state: 'recording', segments: entry.segments });
  });
  emit('recording.state', { recordingId, visitId, state: 'recording', segments: 0 });
  // The supervisor can follow the visit from the interrupted recording to this one.
  for (const old of abandoned)
    recording.markIncident(`${WINDOW_RELOADED}后接续录像（前一段录像 ${old.recording.recordingId} 已封存为中断）`, 'terminal');
  const row = db
    .prepare<[string], { started_at: string }>('SELECT started_at FROM recordings WHERE recording_id = ?')
    .get(recordingId);
  return { recordingId, visitId, startedAt: row?.started_at ?? ctx.now().toISOString() };
}

/** The manager's start(): starts of one visit queue behind each other; the second seals what the first opened. */
export function visitStarts(ctx: VisitStartContext): (visitId: string) => Promise<StartedRecording> {
  const starting = new Map<string, Promise<unknown>>();
  return (visitId) => {
    const previous = starting.get(visitId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => startNow(ctx, visitId));
    const settled = next.catch(() => undefined);
    starting.set(visitId, settled);
    void settled.then(() => {
      if (starting.get(visitId) === settled) starting.delete(visitId);
    });
    return next;
  };
}
