// recording.list (R13.1): every local recording with its upload state (from
// the outbox row and the central store's hash confirmation) and its last verification
// (read back from the audit log, where each check is recorded as an administrator action).
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { recordingSummarySchema } from '../../src-shared/ipc/contract';
import { UPLOAD_OUTBOX_KIND } from './seal/seal-recording';
import { playbackPathOf } from './playback';

export type RecordingSummary = z.infer<typeof recordingSummarySchema>;
export const VERIFIED_AUDIT_KIND = 'recording.verified';

interface Row {
  recording_id: string;
  visit_id: string;
  state: RecordingSummary['state'];
  started_at: string;
  ended_at: string | null;
  bytes: number;
  hash_confirmed_at: string | null;
  duration_ms: number | null;
  archive_file: string | null;
  upload_sent_at: string | null;
  upload_queued: number;
  verification: string | null;
  verified_at: string | null;
}

// One statement: the console polls it, and the audit/outbox lookups are indexed by seq/id.
const SQL = `
  SELECT r.recording_id, r.visit_id, r.state, r.started_at, r.ended_at, r.bytes, r.hash_confirmed_at,
         m.duration_ms, m.archive_file,
         (SELECT MAX(o.sent_at) FROM outbox o WHERE o.kind = @uploadKind AND json_extract(o.payload, '$.recordingId') = r.recording_id) AS upload_sent_at,
         (SELECT COUNT(*) FROM outbox o WHERE o.kind = @uploadKind AND json_extract(o.payload, '$.recordingId') = r.recording_id) AS upload_queued,
         (SELECT a.payload FROM audit_log a WHERE a.kind = @verifiedKind AND json_extract(a.payload, '$.recordingId') = r.recording_id ORDER BY a.seq DESC LIMIT 1) AS verification,
         (SELECT a.at FROM audit_log a WHERE a.kind = @verifiedKind AND json_extract(a.payload, '$.recordingId') = r.recording_id ORDER BY a.seq DESC LIMIT 1) AS verified_at
  FROM recordings r LEFT JOIN recording_manifests m ON m.recording_id = r.recording_id
  WHERE r.deleted_at IS NULL
  ORDER BY r.started_at DESC, r.recording_id`;

interface VerifiedPayload {
  ok?: boolean;
  firstBadIndex?: number | null;
  firstBadFile?: string | null;
  message?: string | null;
}

export function listRecordings(db: Database): RecordingSummary[] {
  return db
    .prepare<{ uploadKind: string; verifiedKind: string }, Row>(SQL)
    .all({ uploadKind: UPLOAD_OUTBOX_KIND, verifiedKind: VERIFIED_AUDIT_KIND })
    .map((row) => {
      const v = row.verification ? (JSON.parse(row.verification) as VerifiedPayload) : null;
      const upload: RecordingSummary['upload'] = row.hash_confirmed_at
        ? 'confirmed'
        : row.upload_sent_at
          ? 'sent'
          : row.upload_queued > 0
            ? 'pending'
            : 'none';
      return {
        recordingId: row.recording_id,
        visitId: row.visit_id,
        state: row.state,
        startedAt: row.started_at,
        bytes: row.bytes,
        endedAt: row.ended_at,
        durationMs: row.duration_ms,
        upload,
        verification:
          v && row.verified_at
            ? {
                ok: v.ok === true,
                checkedAt: row.verified_at,
                firstBadSegment:
                  typeof v.firstBadIndex === 'number' && typeof v.firstBadFile === 'string'
                    ? { index: v.firstBadIndex, file: v.firstBadFile }
                    : null,
                message: v.message ?? null,
              }
            : null,
        playbackPath: row.archive_file ? playbackPathOf(row.recording_id) : null,
      };
    });
}
