// Deletes local recordings only when mayDeleteLocalRecording allows it (R13.1: the store
// confirmed the hash AND the retention has passed), and never while the audit chain
// alarm is raised: the worker does not call this then.
import type { Database } from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../audit/audit-log';
import { markRecordingDeleted } from '../recording/recorder-db';
import { mayDeleteLocalRecording } from '../recording/retention';

export interface DeletionOptions {
  readonly terminalId: string;
  readonly recordingDir: string;
  readonly retentionDays: number;
  readonly now: Date;
}

export function deleteExpiredRecordings(db: Database, options: DeletionOptions): string[] {
  const rows = db
    .prepare<[], { recording_id: string; visit_id: string; started_at: string; hash_confirmed_at: string | null }>(
      "SELECT recording_id, visit_id, started_at, hash_confirmed_at FROM recordings WHERE deleted_at IS NULL AND state IN ('sealed', 'interrupted')",
    )
    .all();
  const deleted: string[] = [];
  for (const r of rows) {
    const decision = mayDeleteLocalRecording({
      confirmedHashAt: r.hash_confirmed_at === null ? null : new Date(r.hash_confirmed_at),
      recordedAt: new Date(r.started_at),
      retentionDays: options.retentionDays,
      now: options.now,
    });
    if (!decision.mayDelete) continue;
    rmSync(join(options.recordingDir, r.recording_id), { recursive: true, force: true });
    db.transaction(() => {
      markRecordingDeleted(db, r.recording_id, options.now.toISOString());
      appendAudit(
        db,
        options.terminalId,
        { kind: 'recording.deleted', payload: { recordingId: r.recording_id, visitId: r.visit_id, reason: decision.reason } },
        options.now,
      );
    }).immediate();
    deleted.push(r.recording_id);
  }
  return deleted;
}
