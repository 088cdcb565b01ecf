// Seals one closed segment: flush it to disk, SHA-256 it, record it, and put the hash in
// the audit log (`recording.segment.sealed`) in the same transaction, so a segment row
// never exists without its audit entry.
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { appendAudit } from '../../audit/audit-log';
import { fsyncFile, hashFile } from '../manifest/hash-file';
import { tightenFile } from '../../store/private-files';
import { insertSegment, type SegmentRow } from '../recorder-db';
import type { ClosedSegment } from './segment-run';

export interface SealContext {
  readonly db: Database;
  readonly terminalId: string;
  readonly recordingId: string;
  readonly visitId: string;
  /** The recording's folder. */
  readonly dir: string;
  readonly now: () => Date;
}

export interface SealedSegment {
  readonly index: number;
  readonly file: string;
  readonly run: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** `baseMs`: where this ffmpeg run's output time 0 lies on the recording's own timeline. */
export async function sealSegment(ctx: SealContext, segment: ClosedSegment, baseMs: number): Promise<SealedSegment> {
  const path = join(ctx.dir, segment.file);
  fsyncFile(path);
  // ffmpeg creates it with its umask's mode: owner-only from here on.
  tightenFile(path);
  const digest = await hashFile(path);
  const sealed: SealedSegment = {
    index: segment.index,
    file: segment.file,
    run: segment.run,
    startMs: Math.round(baseMs + segment.startSeconds * 1000),
    endMs: Math.round(baseMs + Math.max(segment.startSeconds, segment.endSeconds) * 1000),
    bytes: digest.bytes,
    sha256: digest.sha256,
  };
  const at = ctx.now();
  const row: SegmentRow = {
    recording_id: ctx.recordingId,
    seq: sealed.index,
    file: sealed.file,
    run: sealed.run,
    start_ms: sealed.startMs,
    end_ms: sealed.endMs,
    bytes: sealed.bytes,
    sha256: sealed.sha256,
    sealed_at: at.toISOString(),
  };
  ctx.db.transaction(() => {
    insertSegment(ctx.db, row);
    appendAudit(
      ctx.db,
      ctx.terminalId,
      {
        kind: 'recording.segment.sealed',
        payload: { recordingId: ctx.recordingId, visitId: ctx.visitId, ...sealed },
      },
      at,
    );
  })();
  return sealed;
}
