// The visit day's tables, migration 3 of the local store. The day's roster and
// the site's staff come from the central store (importDaySnapshot), so check-in and
// login keep working while the network is down. Once released it is never edited.
import type { Migration } from '../store/migrations';

export const visitDayMigration: Migration = {
  version: 3,
  name: 'visit day: staff credentials, rosters, interpreters, notice, deposits, equipment checks',
  sql: `
    -- R25.1: this site's administrators with their argon2id hashes, for offline login.
    -- failed_logins / locked_until: lock-out after repeated failures survives a restart.
    CREATE TABLE staff_credentials (
      staff_id      TEXT PRIMARY KEY CHECK (length(staff_id) BETWEEN 1 AND 64),
      site_id       TEXT NOT NULL,
      username      TEXT NOT NULL UNIQUE CHECK (length(username) BETWEEN 1 AND 64),
      name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
      password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
      active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
      locked_until  TEXT,
      updated_at    TEXT NOT NULL
    ) STRICT;

    -- What the approval said about a visit of this room (R11.1, R14.2, R23.1).
    CREATE TABLE visit_plans (
      visit_id           TEXT PRIMARY KEY REFERENCES visits (visit_id),
      inmate_id          TEXT NOT NULL,
      languages          TEXT NOT NULL CHECK (json_valid(languages)),
      max_visitors       INTEGER NOT NULL CHECK (max_visitors BETWEEN 1 AND 6),
      checkin_opens_min  INTEGER NOT NULL CHECK (checkin_opens_min BETWEEN 0 AND 240),
      forfeited_at       TEXT,
      imported_at        TEXT NOT NULL
    ) STRICT;

    -- R11.1 / R27.1: only these people may check in.
    CREATE TABLE approved_visitors (
      visit_id        TEXT NOT NULL REFERENCES visits (visit_id),
      visitor_id      TEXT NOT NULL,
      name            TEXT NOT NULL,
      document_number TEXT NOT NULL,
      relationship    TEXT NOT NULL,
      PRIMARY KEY (visit_id, document_number)
    ) STRICT;

    -- Who did the check-in and from what (card reader or manual entry).
    ALTER TABLE checkins ADD COLUMN visitor_id TEXT;
    ALTER TABLE checkins ADD COLUMN source TEXT;
    ALTER TABLE checkins ADD COLUMN staff_id TEXT;

    -- R23.1: the interpreter present for a visit.
    CREATE TABLE visit_interpreters (
      visit_id        TEXT PRIMARY KEY REFERENCES visits (visit_id),
      name            TEXT NOT NULL,
      document_number TEXT NOT NULL,
      languages       TEXT NOT NULL CHECK (json_valid(languages)),
      checked_in_at   TEXT NOT NULL,
      staff_id        TEXT NOT NULL
    ) STRICT;

    -- R12.1: each visitor acknowledged the 十不准 notice.
    CREATE TABLE notice_acknowledgements (
      visit_id        TEXT NOT NULL REFERENCES visits (visit_id),
      document_number TEXT NOT NULL,
      acknowledged_at TEXT NOT NULL,
      staff_id        TEXT NOT NULL,
      PRIMARY KEY (visit_id, document_number)
    ) STRICT;

    -- R19.1: a visitor's declaration (possibly "nothing to deposit") and each item.
    CREATE TABLE deposit_declarations (
      visit_id        TEXT NOT NULL REFERENCES visits (visit_id),
      document_number TEXT NOT NULL,
      declared_at     TEXT NOT NULL,
      refused_at      TEXT,
      staff_id        TEXT NOT NULL,
      PRIMARY KEY (visit_id, document_number)
    ) STRICT;
    CREATE TABLE deposit_items (
      id              INTEGER PRIMARY KEY,
      visit_id        TEXT NOT NULL REFERENCES visits (visit_id),
      document_number TEXT NOT NULL,
      item            TEXT NOT NULL CHECK (item IN ('phone', 'recorder', 'camera', 'other')),
      description     TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 100),
      deposited_at    TEXT,
      returned_at     TEXT,
      staff_id        TEXT NOT NULL
    ) STRICT;
    CREATE INDEX deposit_items_by_visit ON deposit_items (visit_id, document_number);

    -- R12.1: the latest result of each equipment check, per visit.
    CREATE TABLE equipment_checks (
      visit_id   TEXT NOT NULL REFERENCES visits (visit_id),
      name       TEXT NOT NULL CHECK (name IN ('camera', 'microphone', 'speaker', 'network', 'disk')),
      ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
      detail     TEXT NOT NULL,
      checked_at TEXT NOT NULL,
      staff_id   TEXT NOT NULL,
      PRIMARY KEY (visit_id, name)
    ) STRICT;
  `,
};
