// The archive's chapters side-car (archive.chapters.vtt) is listed in the signed
// manifest, so the central copy must hold it too or it fails verification. SQLite cannot
// change a CHECK constraint in place: the table is rebuilt with the new kind allowed.
import type { Migration } from '../store/migrations';

export const syncChaptersMigration: Migration = {
  version: 5,
  name: 'sync: upload the chapters side-car',
  sql: `
    CREATE TABLE sync_uploads_v5 (
      recording_id TEXT NOT NULL REFERENCES recordings (recording_id),
      file         TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('segment', 'archive', 'chapters', 'manifest')),
      sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
      bytes        INTEGER NOT NULL CHECK (bytes >= 0),
      upload_url   TEXT,
      sent_bytes   INTEGER NOT NULL DEFAULT 0,
      state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'uploaded', 'confirmed', 'rejected')),
      attempts     INTEGER NOT NULL DEFAULT 0,
      last_error   TEXT,
      confirmed_at TEXT,
      PRIMARY KEY (recording_id, file)
    ) STRICT;
    INSERT INTO sync_uploads_v5 SELECT * FROM sync_uploads;
    DROP TABLE sync_uploads;
    ALTER TABLE sync_uploads_v5 RENAME TO sync_uploads;
  `,
};
