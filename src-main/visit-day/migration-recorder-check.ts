// R12.1: the equipment check gains a line for the recorder (ffmpeg found and able to record),
// so a kiosk without a usable ffmpeg fails its check before the visitors sit down. SQLite
// cannot change a CHECK constraint in place: the table is rebuilt with its rows. Migration 7;
// once released it is never edited.
import type { Migration } from '../store/migrations';

export const recorderCheckMigration: Migration = {
  version: 7,
  name: 'visit day: the recorder (ffmpeg) among the equipment checks',
  sql: `
    CREATE TABLE equipment_checks_v7 (
      visit_id   TEXT NOT NULL REFERENCES visits (visit_id),
      name       TEXT NOT NULL CHECK (name IN ('camera', 'microphone', 'speaker', 'network', 'disk', 'recorder')),
      ok         INTEGER NOT NULL CHECK (ok IN (0, 1)),
      detail     TEXT NOT NULL,
      checked_at TEXT NOT NULL,
      staff_id   TEXT NOT NULL,
      PRIMARY KEY (visit_id, name)
    ) STRICT;
    INSERT INTO equipment_checks_v7 (visit_id, name, ok, detail, checked_at, staff_id)
      SELECT visit_id, name, ok, detail, checked_at, staff_id FROM equipment_checks;
    DROP TABLE equipment_checks;
    ALTER TABLE equipment_checks_v7 RENAME TO equipment_checks;
  `,
};
