// A real local store with the foundation's migrations plus the recorder's, and one visit.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { recorderMigration } from '../../../../../src-main/recording/migration';
import { migrations, openStore, type Migration, type Store } from '../../../../../src-main/store';

export const TERMINAL_ID = 'prison-t1';
export const VISIT_ID = 'V-2025-0001';

/** The foundation's list plus the recorder's step, until the lead appends it to the list. */
export const withRecorderMigration = (): Migration[] =>
  migrations.some((m) => m.name === recorderMigration.name) ? [...migrations] : [...migrations, recorderMigration];

export function openRecorderStore(dir: string): Store {
  const store = openStore({ path: join(dir, 'terminal.db'), migrations: withRecorderMigration() });
  seedVisit(store.db);
  return store;
}

export function seedVisit(db: Database.Database, visitId = VISIT_ID): void {
  db.prepare(
    `INSERT OR IGNORE INTO visits (visit_id, date, start_time, minutes, inmate_name, visitor_count, status, details, updated_at)
     VALUES (?, '2025-05-04', '09:00', 30, '张三', 2, 'in-progress', '{}', '2025-05-04T00:00:00.000Z')`,
  ).run(visitId);
}

export const auditKinds = (db: Database.Database): string[] =>
  (db.prepare('SELECT kind FROM audit_log ORDER BY seq').all() as Array<{ kind: string }>).map((r) => r.kind);

export const auditPayloads = (db: Database.Database, kind: string): Array<Record<string, unknown>> =>
  (db.prepare('SELECT payload FROM audit_log WHERE kind = ? ORDER BY seq').all(kind) as Array<{ payload: string }>).map(
    (r) => JSON.parse(r.payload) as Record<string, unknown>,
  );
