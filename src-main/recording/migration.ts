// The recorder's tables (R13.1), as migration 2 of the local store. The lead
// appends this object to src-main/store/migrations.ts; it extends the foundation's
// `recordings` table instead of duplicating it. Once released it is never edited.
import type { Migration } from '../store/migrations';

export const recorderMigration: Migration = {
  version: 2,
  name: 'recorder: sealed segments, incidents, manifests, retention',
  sql: `
    -- Who recorded it and how it ended; hash_confirmed_at is set by the sync worker when the
    -- central store confirms the archive's SHA-256 (R13.1 retention needs it).
    ALTER TABLE recordings ADD COLUMN terminal_id TEXT;
    ALTER TABLE recordings ADD COLUMN ended_at TEXT;
    ALTER TABLE recordings ADD COLUMN hash_confirmed_at TEXT;
    ALTER TABLE recordings ADD COLUMN deleted_at TEXT;
    -- Kept in the row so a crash-recovered manifest still names them.
    ALTER TABLE recordings ADD COLUMN participants TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(participants));

    -- One row per sealed segment, written as the segment closes (its hash is also audited).
    -- start_ms/end_ms are on the recording's own timeline (the MediaRecorder clock).
    CREATE TABLE recording_segments (
      recording_id TEXT NOT NULL REFERENCES recordings (recording_id),
      seq          INTEGER NOT NULL CHECK (seq >= 0),
      file         TEXT NOT NULL CHECK (length(file) BETWEEN 1 AND 200),
      run          INTEGER NOT NULL CHECK (run >= 1),
      start_ms     INTEGER NOT NULL,
      end_ms       INTEGER NOT NULL CHECK (end_ms >= start_ms),
      bytes        INTEGER NOT NULL CHECK (bytes >= 0),
      sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
      sealed_at    TEXT NOT NULL,
      PRIMARY KEY (recording_id, seq)
    ) STRICT;

    -- Incidents and administrator actions, kept so a crash-recovered manifest still has them.
    CREATE TABLE recording_incidents (
      id           INTEGER PRIMARY KEY,
      recording_id TEXT NOT NULL REFERENCES recordings (recording_id),
      at           TEXT NOT NULL,
      offset_ms    INTEGER NOT NULL CHECK (offset_ms >= 0),
      note         TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
      actor        TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 100)
    ) STRICT;
    CREATE INDEX recording_incidents_by_recording ON recording_incidents (recording_id, offset_ms);

    -- The signed manifest of a sealed (or recovered) recording.
    CREATE TABLE recording_manifests (
      recording_id   TEXT PRIMARY KEY REFERENCES recordings (recording_id),
      file           TEXT NOT NULL,
      sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
      archive_file   TEXT,
      archive_sha256 TEXT CHECK (archive_sha256 IS NULL OR length(archive_sha256) = 64),
      archive_bytes  INTEGER CHECK (archive_bytes IS NULL OR archive_bytes >= 0),
      duration_ms    INTEGER CHECK (duration_ms IS NULL OR duration_ms >= 0),
      key_id         TEXT NOT NULL,
      signed_at      TEXT NOT NULL
    ) STRICT;
  `,
};
