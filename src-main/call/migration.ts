// R18.1: a terminal that crashed or lost power mid-call comes back to it.
// Main keeps each live call's countdown and connection generation here, so a restarted
// process can rejoin within the grace time. Migration 6; once released it is never edited.
import type { Migration } from '../store/migrations';

export const callCheckpointMigration: Migration = {
  version: 6,
  name: 'call: checkpoints of live calls for rejoining after a restart',
  sql: `
    -- One row per call this terminal has joined and not yet ended; removed with the
    -- visit's final status, in the same transaction.
    CREATE TABLE call_checkpoints (
      visit_id  TEXT PRIMARY KEY REFERENCES visits (visit_id),
      state     TEXT NOT NULL CHECK (json_valid(state)),
      saved_at  TEXT NOT NULL
    ) STRICT;
  `,
};
