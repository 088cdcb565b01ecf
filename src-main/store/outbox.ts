// The one owner of the `outbox` table: what is queued for the central store, and when it
// was handed over. Visit-day steps and sealed recordings queue; the sync worker marks sent.
import type { Database } from 'better-sqlite3';

/** Queues one row; call inside the transaction that made the change it reports. */
export function enqueueOutbox(db: Database, kind: string, payload: unknown, at: string): void {
  db.prepare('INSERT INTO outbox (kind, payload, created_at) VALUES (?, ?, ?)').run(kind, JSON.stringify(payload), at);
}

/** The rows that came with audit entries up to `headSeq` (the store holds the chain that far), except `exceptKind`. */
export function markAuditRowsSent(db: Database, headSeq: number, exceptKind: string, at: Date): void {
  db.prepare(
    `UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND kind <> ?
       AND json_extract(payload, '$.auditSeq') IS NOT NULL AND json_extract(payload, '$.auditSeq') <= ?`,
  ).run(at.toISOString(), exceptKind, headSeq);
}

/** The `kind` rows of one recording (its upload, once the store confirmed every file). */
export function markRecordingRowsSent(db: Database, kind: string, recordingId: string, at: Date): void {
  db.prepare(
    "UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL AND kind = ? AND json_extract(payload, '$.recordingId') = ?",
  ).run(at.toISOString(), kind, recordingId);
}

export const unsentOutboxCount = (db: Database): number =>
  (db.prepare('SELECT COUNT(*) AS n FROM outbox WHERE sent_at IS NULL').get() as { n: number }).n;
