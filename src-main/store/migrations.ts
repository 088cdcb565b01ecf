// The local store's schema, one numbered step at a time (design.md "Local store").
// A migration is never edited once released: a change is a new, higher version.
// Tables are STRICT so a wrong type is refused by SQLite itself, not only by our code.
// Later features keep their migration beside their code and are listed here in order.
import { recorderMigration } from '../recording/migration';
import { visitDayMigration } from '../visit-day/migration';
import { syncMigration } from '../sync/migration';
import { syncChaptersMigration } from '../sync/migration-chapters';
import { callCheckpointMigration } from '../call/migration';
import { recorderCheckMigration } from '../visit-day/migration-recorder-check';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The hash a chain starts from (64 zeros), shared by the trigger below and src-main/audit. */
export const GENESIS_HASH = '0'.repeat(64);

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'foundation: audit log, outbox, visits, check-ins, recordings, kv',
    sql: `
      -- R26.1: every staff action and visit event, as a per-terminal hash chain.
      CREATE TABLE audit_log (
        terminal_id TEXT NOT NULL,
        seq         INTEGER NOT NULL CHECK (seq >= 1),
        at          TEXT NOT NULL,
        kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
        actor       TEXT NOT NULL CHECK (length(actor) BETWEEN 1 AND 100),
        payload     TEXT NOT NULL CHECK (json_valid(payload)),
        prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
        PRIMARY KEY (terminal_id, seq)
      ) STRICT;

      -- Append-only: the database itself refuses edits, not just our code.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不得修改（R26.1）'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, '审计日志只能追加，不得删除（R26.1）'); END;

      -- Gapless and linked: each row must follow the terminal's last row exactly.
      CREATE TRIGGER audit_log_append_only_in_order BEFORE INSERT ON audit_log
      WHEN NEW.seq <> COALESCE((SELECT MAX(seq) FROM audit_log WHERE terminal_id = NEW.terminal_id), 0) + 1
        OR NEW.prev_hash <> COALESCE(
             (SELECT hash FROM audit_log WHERE terminal_id = NEW.terminal_id ORDER BY seq DESC LIMIT 1),
             '${GENESIS_HASH}')
      BEGIN SELECT RAISE(ABORT, '审计日志序号必须连续且衔接上一条（R26.1）'); END;

      -- Everything waiting to be sent to the central store. AUTOINCREMENT so an id is
      -- never reused: it is part of the idempotency key.
      CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        kind        TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
        payload     TEXT NOT NULL CHECK (json_valid(payload)),
        created_at  TEXT NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error  TEXT,
        sent_at     TEXT
      ) STRICT;
      CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;

      CREATE TABLE visits (
        visit_id      TEXT PRIMARY KEY CHECK (length(visit_id) BETWEEN 1 AND 64),
        date          TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        start_time    TEXT NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        minutes       INTEGER NOT NULL CHECK (minutes > 0),
        inmate_name   TEXT NOT NULL,
        visitor_count INTEGER NOT NULL DEFAULT 0 CHECK (visitor_count >= 0),
        status        TEXT NOT NULL CHECK (status IN
                        ('scheduled', 'checking-in', 'in-progress', 'completed', 'forfeited', 'interrupted', 'terminated')),
        details       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX visits_by_day ON visits (date, start_time);

      CREATE TABLE checkins (
        id              INTEGER PRIMARY KEY,
        visit_id        TEXT NOT NULL REFERENCES visits (visit_id),
        document_number TEXT NOT NULL,
        name            TEXT NOT NULL,
        checked_in_at   TEXT NOT NULL,
        UNIQUE (visit_id, document_number)
      ) STRICT;

      CREATE TABLE recordings (
        recording_id TEXT PRIMARY KEY,
        visit_id     TEXT NOT NULL REFERENCES visits (visit_id),
        state        TEXT NOT NULL CHECK (state IN ('recording', 'sealed', 'interrupted', 'uploaded', 'verified')),
        started_at   TEXT NOT NULL,
        bytes        INTEGER NOT NULL DEFAULT 0 CHECK (bytes >= 0)
      ) STRICT;
      CREATE INDEX recordings_by_visit ON recordings (visit_id);

      -- Small settings, e.g. sync.lastSuccessAt.
      CREATE TABLE kv (
        key        TEXT PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  recorderMigration,
  visitDayMigration,
  syncMigration,
  syncChaptersMigration,
  callCheckpointMigration,
  recorderCheckMigration,
];

/** The newest schema version this build knows. */
export const latestVersion = (list: readonly Migration[] = migrations): number => list.at(-1)?.version ?? 0;
