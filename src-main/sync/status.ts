// What the console shows of sync: queued events, unsent audit entries,
// uploads with their progress, the last success and the last error in plain Chinese.
import type { Database } from 'better-sqlite3';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { RecordingFileKind } from '../../src-shared/sync/recording-kinds';
import { getKv, KV } from '../store/kv';
import { unsentOutboxCount } from '../store/outbox';
import { SYNC_KV } from './kv-keys';
import { localHeadSeq, pushedSeq } from './push-audit';

export type SyncStatus = Awaited<ReturnType<KioskServices['sync']['status']>>;
export type SyncState = NonNullable<SyncStatus['state']>;

export interface LiveState {
  readonly state: SyncState;
  readonly nextAttemptAt: string | null;
}

const hasSyncTables = (db: Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_uploads'").get() !== undefined;

export function readSyncStatus(
  db: Database,
  terminalId: string,
  live: LiveState = { state: 'unenrolled', nextAttemptAt: null },
): SyncStatus {
  const alarm = getKv(db, SYNC_KV.alarm);
  const uploads = hasSyncTables(db)
    ? db
        .prepare<
          [],
          {
            recording_id: string;
            visit_id: string;
            file: string;
            kind: RecordingFileKind;
            bytes: number;
            sent_bytes: number;
            state: 'pending' | 'uploaded' | 'confirmed' | 'rejected';
          }
        >(
          `SELECT u.recording_id, r.visit_id, u.file, u.kind, u.bytes, u.sent_bytes, u.state FROM sync_uploads u JOIN recordings r USING (recording_id)
           WHERE u.state <> 'confirmed' AND r.deleted_at IS NULL ORDER BY r.started_at, u.recording_id, u.file LIMIT 50`,
        )
        .all()
        .map((u) => ({
          recordingId: u.recording_id,
          visitId: u.visit_id,
          file: u.file,
          kind: u.kind,
          bytes: Math.max(0, u.bytes),
          sentBytes: Math.max(0, Math.min(u.sent_bytes, Math.max(0, u.bytes))),
          state: u.state,
        }))
    : [];
  return {
    queuedEvents: unsentOutboxCount(db),
    lastSuccessAt: getKv(db, KV.syncLastSuccessAt),
    lastError: getKv(db, KV.syncLastError),
    state: alarm !== null ? 'alarm' : live.state,
    unsentAuditEntries: Math.max(0, localHeadSeq(db, terminalId) - pushedSeq(db)),
    alarm,
    nextAttemptAt: live.nextAttemptAt,
    uploads,
  };
}

/**
 * The status to the console (the 'sync.status' event): every change at once, upload
 * progress at most four times a second (`force` false).
 */
export function statusFeed(
  read: () => SyncStatus,
  onStatus: ((status: SyncStatus) => void) | undefined,
): (force?: boolean) => void {
  let lastEmit = 0;
  return (force = true) => {
    const t = Date.now();
    if (!force && t - lastEmit < 250) return;
    lastEmit = t;
    try {
      onStatus?.(read());
    } catch {
      // a closed store during shutdown: nothing to show any more
    }
  };
}
