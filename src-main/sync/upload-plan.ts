// Which recording files a terminal still has to send (R13.1), in the order they go: every
// file of a recording not yet confirmed (segments, archive, the chapters side-car its signed
// manifest lists, the manifest last) planned into sync_uploads, and read back with their state.
// Sending them is ./uploads.ts's job.
import type { Database } from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingFileKind } from '../../src-shared/sync/recording-kinds';

export interface UploadRow {
  recording_id: string;
  visit_id: string;
  file: string;
  kind: RecordingFileKind;
  sha256: string;
  bytes: number;
  upload_url: string | null;
  sent_bytes: number;
  state: 'pending' | 'uploaded' | 'confirmed' | 'rejected';
  /** Failed attempts so far (a cut line, a refusal). */
  attempts: number;
}

/** The chapters side-car the signed manifest lists (it is not in a table): read from the manifest file. */
function chaptersOf(
  recordingDir: string | undefined,
  recordingId: string,
  manifestFile: string,
): { file: string; sha256: string; bytes: number } | null {
  if (recordingDir === undefined) return null;
  try {
    const manifest = JSON.parse(readFileSync(join(recordingDir, recordingId, manifestFile), 'utf8')) as {
      chapters?: { file?: unknown; sha256?: unknown; bytes?: unknown } | null;
    };
    const c = manifest.chapters;
    if (!c || typeof c.file !== 'string' || typeof c.sha256 !== 'string' || typeof c.bytes !== 'number') return null;
    return { file: c.file, sha256: c.sha256, bytes: c.bytes };
  } catch {
    // An unreadable manifest is reported when the manifest itself is sent.
    return null;
  }
}

/** Adds the files of every recording not yet confirmed to sync_uploads (idempotent). */
export function planUploads(db: Database, recordingDir?: string): void {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO sync_uploads (recording_id, file, kind, sha256, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    const segments = db
      .prepare<[], { recording_id: string; file: string; sha256: string; bytes: number }>(
        `SELECT s.recording_id, s.file, s.sha256, s.bytes FROM recording_segments s JOIN recordings r USING (recording_id)
         WHERE r.hash_confirmed_at IS NULL AND r.deleted_at IS NULL ORDER BY s.recording_id, s.seq`,
      )
      .all();
    for (const s of segments) insert.run(s.recording_id, s.file, 'segment', s.sha256, s.bytes);
    const manifests = db
      .prepare<
        [],
        {
          recording_id: string;
          file: string;
          sha256: string;
          archive_file: string | null;
          archive_sha256: string | null;
          archive_bytes: number | null;
        }
      >(
        `SELECT m.recording_id, m.file, m.sha256, m.archive_file, m.archive_sha256, m.archive_bytes FROM recording_manifests m JOIN recordings r USING (recording_id)
         WHERE r.hash_confirmed_at IS NULL AND r.deleted_at IS NULL`,
      )
      .all();
    for (const m of manifests) {
      if (m.archive_file !== null && m.archive_sha256 !== null && m.archive_bytes !== null)
        insert.run(m.recording_id, m.archive_file, 'archive', m.archive_sha256, m.archive_bytes);
    }
    for (const m of manifests) {
      const chapters = chaptersOf(recordingDir, m.recording_id, m.file);
      if (chapters) insert.run(m.recording_id, chapters.file, 'chapters', chapters.sha256, chapters.bytes);
    }
    // The manifest's size is not in its row: read from the file when it is sent.
    for (const m of manifests) insert.run(m.recording_id, m.file, 'manifest', m.sha256, 0);
  })();
}

// The manifest goes last: once it is confirmed, the store holds everything it lists.
const KIND_ORDER = "CASE u.kind WHEN 'segment' THEN 0 WHEN 'archive' THEN 1 WHEN 'chapters' THEN 2 ELSE 3 END";

export const openUploads = (db: Database): UploadRow[] =>
  db
    .prepare<[], UploadRow>(
      `SELECT u.recording_id, r.visit_id, u.file, u.kind, u.sha256, u.bytes, u.upload_url, u.sent_bytes, u.state, u.attempts
       FROM sync_uploads u JOIN recordings r USING (recording_id)
       WHERE u.state <> 'confirmed' AND r.deleted_at IS NULL ORDER BY r.started_at, u.recording_id, ${KIND_ORDER}, u.file`,
    )
    .all();
