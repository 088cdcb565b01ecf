// Applies pending migrations in ONE transaction and records the result in user_version
// (Signal Desktop's pattern): either every step lands, or none does.
import type { Database } from 'better-sqlite3';
import { MigrationError, StoreVersionError } from './errors';
import { latestVersion, type Migration } from './migrations';

export const readUserVersion = (db: Database): number => db.pragma('user_version', { simple: true }) as number;

/** A programming error, caught before any database is touched. */
function assertWellFormed(list: readonly Migration[]): void {
  list.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${index}`);
  });
}

export interface MigrationOutcome {
  readonly from: number;
  readonly to: number;
  readonly applied: readonly number[];
}

export function applyMigrations(db: Database, list: readonly Migration[], path = db.name): MigrationOutcome {
  assertWellFormed(list);
  const known = latestVersion(list);
  const from = readUserVersion(db);
  if (from > known) throw new StoreVersionError(path, from, known);
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, applied: [] };

  let current: Migration | undefined;
  try {
    // IMMEDIATE: take the write lock up front, so no other connection interleaves.
    db.transaction(() => {
      for (const m of pending) {
        current = m;
        db.exec(m.sql);
      }
      current = undefined;
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) throw new Error(`外键检查发现 ${violations.length} 处不一致`);
      // user_version lives in page 1, so it commits or rolls back with the schema.
      db.pragma(`user_version = ${known}`);
    }).immediate();
  } catch (error) {
    const failed = current ?? pending.at(-1);
    throw new MigrationError(failed?.version ?? known, failed?.name ?? '', from, error);
  }
  return { from, to: known, applied: pending.map((m) => m.version) };
}
