// The sync worker's tables, appended to src-main/store/migrations.ts. Once
// released it is never edited.
import type { Migration } from '../store/migrations';

export const syncMigration: Migration = {
  version: 4,
  name: 'sync: pulled visits, recording uploads',
  sql: `
    -- The central store's visit feed, as pulled by cursor (any date); today's part is
    -- turned into the day snapshot check-in reads (src-main/visit-day).
    CREATE TABLE sync_visits (
      visit_id   TEXT PRIMARY KEY,
      date       TEXT NOT NULL,
      status     TEXT NOT NULL,
      seq        INTEGER NOT NULL,
      body       TEXT NOT NULL CHECK (json_valid(body)),
      pulled_at  TEXT NOT NULL
    ) STRICT;
    CREATE INDEX sync_visits_by_date ON sync_visits (date);

    -- One row per file of a recording sent with tus (R13.1): the upload URL is kept so an
    -- upload resumes from the store's offset after a restart of either side.
    CREATE TABLE sync_uploads (
      recording_id TEXT NOT NULL REFERENCES recordings (recording_id),
      file         TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('segment', 'archive', 'manifest')),
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
  `,
};
