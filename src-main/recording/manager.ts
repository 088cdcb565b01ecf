// The recording service's runtime (R13.1): recovers recordings a crash left open,
// starts one recording per visit, writes the renderer's chunks in order, and seals, lists,
// verifies and serves them. A thin layer over the recorder (live/, seal/); no Electron.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskEventName, KioskEventPayload } from '../../src-shared/ipc/contract';
import { ServiceError } from '../../src-shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import { stderrLogger, type Logger } from '../log/logger';
import { getVisit, visitExists } from '../visit-day/visit-store';
import { RecorderError } from './errors';
import type { FfmpegPaths } from './ffmpeg/ffmpeg-locator';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE } from './manifest/signing-key';
import type { Participant } from './manifest/manifest';
import { verifyManifest } from './manifest/verify-manifest';
import { startRecording, type Recording } from './live/recording';
import { recoverOpenRecordings, type RecoveredRecording } from './seal/recover';
import { MANIFEST_FILE } from './seal/seal-recording';
import { ChunkOrder } from './chunk-order';
import { listRecordings, VERIFIED_AUDIT_KIND, type RecordingSummary } from './list-recordings';
import { playbackPathOf } from './playback';

type Emit = <E extends KioskEventName>(event: E, payload: KioskEventPayload<E>) => void;

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
  readonly segmentSeconds?: number;
  /** Disk check overrides (tests on a small file system): head-room kept, check interval. */
  readonly diskMarginBytes?: number;
  readonly diskCheckIntervalMs?: number;
}

interface Active {
  readonly recording: Recording;
  readonly visitId: string;
  readonly order: ChunkOrder;
  spooledBytes: number;
  segments: number;
}

export interface RecordingManager {
  /** Seals what a crash left open (once; later calls return the same promise). */
  recover(): Promise<RecoveredRecording[]>;
  /**
   * Starts recording a visit. A recording this terminal still has open for the visit (its
   * window was reloaded) is first sealed as interrupted (WINDOW_RELOADED).
   */
  start(visitId: string): Promise<{ recordingId: string; visitId: string; startedAt: string }>;
  chunk(recordingId: string, seq: number, bytes: Uint8Array): { recordingId: string; seq: number; spooledBytes: number };
  incident(recordingId: string, note: string): { at: string; offsetMs: number; note: string; actor: string };
  stop(recordingId: string): Promise<StopSummary>;
  verify(recordingId: string): Promise<VerifySummary>;
  list(): RecordingSummary[];
  playbackUrl(recordingId: string): { url: string };
  /** Stops every live recording (quit, tests). */
  stopAll(): Promise<void>;
  readonly recordingDir: string;
}

export interface StopSummary {
  recordingId: string;
  state: 'sealed' | 'interrupted';
  manifestSha256: string;
  segments: number;
  durationMs: number | null;
  archiveSha256: string | null;
  archiveProblem: string | null;
  keyId: string;
}

export type VerifySummary = {
  recordingId: string;
  ok: boolean;
  checkedAt: string;
  signatureValid: boolean;
  keyId: string | null;
  segmentsChecked: number;
  firstBadSegment: { index: number; file: string } | null;
  problems: Array<{ kind: string; file?: string; index?: number; message: string }>;
};

const recorderMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Why a recording still open for a visit is sealed when the visit's recording starts again.
 * The renderer starts one recording per visit for the life of its window (visit-recording.ts
 * guards re-renders and reconnections), so a second start means the window that fed the
 * first one is gone (reloaded mid-visit): no more chunks can continue that WebM stream.
 */
export const WINDOW_RELOADED = '窗口重新加载';

function participantsOf(db: Database, visitId: string): Participant[] {
  const visit = getVisit(db, visitId);
  const visitors = db.prepare<[string], { name: string }>('SELECT name FROM checkins WHERE visit_id = ? ORDER BY checked_in_at, id').all(visitId);
  return [...(visit ? [{ role: 'inmate', name: visit.inmateName }] : []), ...visitors.map((v) => ({ role: 'visitor', name: v.name }))];
}

export function createRecordingManager(options: RecordingManagerOptions): RecordingManager {
  const { db, terminalId, recordingDir, now } = options;
  const keyPath = join(options.dataDir, SIGNING_KEY_FILE);
  const emit: Emit = options.emit ?? (() => undefined);
  const logger = options.logger ?? stderrLogger;
  const actor = () => options.actor?.() || 'terminal';
  const active = new Map<string, Active>();
  let recovery: Promise<RecoveredRecording[]> | null = null;
  /** Starts of one visit run one after the other: the second seals what the first opened. */
  const starting = new Map<string, Promise<unknown>>();

  const find = (recordingId: string): Active => {
    const entry = active.get(recordingId);
    if (!entry) throw new ServiceError('NOT_FOUND', `没有正在进行的录像 ${recordingId}。`);
    return entry;
  };

  const recover = () => {
    recovery ??= recoverOpenRecordings(db, recordingDir, { keyPath, terminalId, now, ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}) }).then(
      (recovered) => {
        for (const r of recovered) emit('recording.state', { recordingId: r.recordingId, visitId: r.manifest.visitId, state: 'interrupted', segments: r.manifest.segments.length });
        return recovered;
      },
      (error: unknown) => {
        // A failed recovery must not block new recordings, but it must not pass silently either.
        logger.error('恢复中断的录像失败', { error });
        appendAudit(db, terminalId, { kind: 'recording.recovery.failed', payload: { error: recorderMessage(error).slice(0, 500) } }, now());
        return [];
      },
    );
    return recovery;
  };

  /**
   * Seals a recording whose window has gone as interrupted (archive, signed manifest, upload
   * queued, the reason as its last chapter), so the list never shows it as still recording.
   */
  const sealAbandoned = async (entry: Active, reason: string): Promise<void> => {
    const { recordingId } = entry.recording;
    try {
      const result = await entry.recording.stop({ interruptedBecause: reason });
      emit('recording.state', { recordingId, visitId: entry.visitId, state: result.state, segments: result.manifest.segments.length });
    } catch (error) {
      // Its row stays open: the next start's recovery seals it from its segments and spool.
      const message = `录像 ${recordingId} 因${reason}结束时封存失败，下次启动终端时将自动封存：${recorderMessage(error)}`;
      appendAudit(db, terminalId, { kind: 'recording.seal.failed', payload: { recordingId, visitId: entry.visitId, reason, error: recorderMessage(error).slice(0, 500) } }, now());
      emit('recording.problem', { recordingId, visitId: entry.visitId, kind: 'seal-failed', severity: 'error', message });
    } finally {
      active.delete(recordingId);
    }
  };

  const startNow = async (visitId: string): Promise<{ recordingId: string; visitId: string; startedAt: string }> => {
    await recover();
    if (!visitExists(db, visitId)) throw new ServiceError('NOT_FOUND', `没有找到编号为 ${visitId} 的会见，无法录像。`);
    const abandoned = [...active.values()].filter((entry) => entry.visitId === visitId);
    for (const entry of abandoned) await sealAbandoned(entry, WINDOW_RELOADED);
    let recording: Recording;
    try {
      recording = await startRecording({
        visitId,
        terminalId,
        dir: recordingDir,
        db,
        keyPath,
        now,
        logger,
        participants: participantsOf(db, visitId),
        ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
        ...(options.segmentSeconds ? { segmentSeconds: options.segmentSeconds } : {}),
        ...(options.diskMarginBytes !== undefined ? { diskMarginBytes: options.diskMarginBytes } : {}),
        ...(options.diskCheckIntervalMs ? { diskCheckIntervalMs: options.diskCheckIntervalMs } : {}),
      });
    } catch (error) {
      // FfmpegNotFoundError's message says what to install; the administrators must see it.
      throw new ServiceError('INTERNAL', `无法开始录像（R13.1）：${recorderMessage(error)}`);
    }
    const entry: Active = { recording, visitId, order: new ChunkOrder(), spooledBytes: 0, segments: 0 };
    const { recordingId } = recording;
    active.set(recordingId, entry);
    recording.on('problem', (p) => emit('recording.problem', { recordingId, visitId, kind: p.kind, severity: p.severity, message: p.message, ...(p.detail ? { detail: p.detail.slice(0, 2000) } : {}) }));
    recording.on('segment', () => {
      entry.segments += 1;
      emit('recording.state', { recordingId, visitId, state: 'recording', segments: entry.segments });
    });
    emit('recording.state', { recordingId, visitId, state: 'recording', segments: 0 });
    // The supervisor can follow the visit from the interrupted recording to this one.
    for (const old of abandoned) recording.markIncident(`${WINDOW_RELOADED}后接续录像（前一段录像 ${old.recording.recordingId} 已封存为中断）`, 'terminal');
    const row = db.prepare<[string], { started_at: string }>('SELECT started_at FROM recordings WHERE recording_id = ?').get(recordingId);
    return { recordingId, visitId, startedAt: row?.started_at ?? now().toISOString() };
  };

  const manager: RecordingManager = {
    recordingDir,
    recover,
    start(visitId) {
      const previous = starting.get(visitId) ?? Promise.resolve();
      const next = previous.catch(() => undefined).then(() => startNow(visitId));
      const settled = next.catch(() => undefined);
      starting.set(visitId, settled);
      void settled.then(() => {
        if (starting.get(visitId) === settled) starting.delete(visitId);
      });
      return next;
    },
    chunk(recordingId, seq, bytes) {
      const entry = find(recordingId);
      entry.order.check(recordingId, seq);
      try {
        entry.recording.write(bytes);
      } catch (error) {
        // The recorder already pushed a 'problem' event; the renderer learns it here too.
        throw new ServiceError('INTERNAL', error instanceof RecorderError ? error.message : `录像数据写入失败：${recorderMessage(error)}`);
      }
      entry.order.accepted();
      entry.spooledBytes += bytes.byteLength;
      return { recordingId, seq, spooledBytes: entry.spooledBytes };
    },
    incident(recordingId, note) {
      const entry = find(recordingId);
      return entry.recording.markIncident(note, actor());
    },
    async stop(recordingId) {
      const entry = find(recordingId);
      const result = await entry.recording.stop();
      active.delete(recordingId);
      const m = result.manifest;
      emit('recording.state', { recordingId, visitId: entry.visitId, state: result.state, segments: m.segments.length });
      return {
        recordingId,
        state: result.state,
        manifestSha256: result.manifestSha256,
        segments: m.segments.length,
        durationMs: m.archive?.durationMs ?? null,
        archiveSha256: m.archive?.sha256 ?? null,
        archiveProblem: result.archiveProblem,
        keyId: m.publicKey.keyId,
      };
    },
    async verify(recordingId) {
      if (active.has(recordingId)) throw new ServiceError('CONFLICT', `录像 ${recordingId} 尚未结束，结束后才能校验。`);
      const manifestPath = join(recordingDir, recordingId, MANIFEST_FILE);
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(recordingId) || !existsSync(manifestPath)) throw new ServiceError('NOT_FOUND', `没有找到录像 ${recordingId} 的清单。`);
      // Pinned to this terminal's own key: a manifest re-signed with another key fails.
      const result = await verifyManifest(manifestPath, { trustedKeyIds: [loadOrCreateSigningKey(keyPath).keyId] });
      const at = now();
      const first = result.problems[0]?.message ?? null;
      appendAudit(db, terminalId, {
        kind: VERIFIED_AUDIT_KIND,
        actor: actor(),
        payload: { recordingId, ok: result.ok, firstBadIndex: result.firstBadSegment?.index ?? null, firstBadFile: result.firstBadSegment?.file ?? null, message: first },
      }, at);
      return {
        recordingId,
        ok: result.ok,
        checkedAt: at.toISOString(),
        signatureValid: result.signatureValid,
        keyId: result.keyId,
        segmentsChecked: result.segmentsChecked,
        firstBadSegment: result.firstBadSegment,
        problems: result.problems.map((p) => ({ kind: p.kind, message: p.message, ...(p.file !== undefined ? { file: p.file } : {}), ...(p.index !== undefined ? { index: p.index } : {}) })),
      };
    },
    list: () => listRecordings(db),
    playbackUrl(recordingId) {
      const row = db.prepare<[string], { archive_file: string | null }>('SELECT archive_file FROM recording_manifests WHERE recording_id = ?').get(recordingId);
      if (!row?.archive_file) throw new ServiceError('NOT_FOUND', `录像 ${recordingId} 没有可播放的归档文件。`);
      return { url: playbackPathOf(recordingId) };
    },
    async stopAll() {
      await Promise.allSettled([...active.keys()].map((id) => manager.stop(id)));
    },
  };
  return manager;
}
