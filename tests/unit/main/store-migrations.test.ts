// The local store's migration runner: one transaction, user_version,
// refusal of a newer database, durable settings.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { latestVersion, MigrationError, migrations, openStore, StoreVersionError, type Migration } from '../../../src-main/store';
import { applyMigrations } from '../../../src-main/store/migrate';
import { snapshotDatabase } from './helpers/db-snapshot';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-store-');
const FOUNDATION_TABLES = ['audit_log', 'checkins', 'kv', 'outbox', 'recordings', 'visits'];

const tableNames = (db: Database.Database): string[] =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

const breaking: Migration = {
  version: migrations.length + 1,
  name: 'deliberately broken',
  sql: `CREATE TABLE extra (x TEXT) STRICT;
        ALTER TABLE kv ADD COLUMN note TEXT;
        INSERT INTO no_such_table VALUES (1);`,
};

describe('local store: migrations', () => {
  test('a fresh database gets every migration, user_version and the durable settings', () => {
    const path = join(tempDir(), 'terminal.db');
    const store = openStore({ path });
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(latestVersion());
      expect(store.health).toEqual({
        schemaVersion: latestVersion(),
        integrity: 'ok',
        movedAsideTo: null,
        problem: null,
        tightened: [],
      });
      expect(tableNames(store.db)).toEqual(expect.arrayContaining(FOUNDATION_TABLES));
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });

  test('all pending migrations run in ONE transaction: a failure in a later one undoes the earlier ones', () => {
    const path = join(tempDir(), 'terminal.db');
    expect(() => openStore({ path, migrations: [...migrations, breaking] })).toThrow(MigrationError);
    const db = new Database(path);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(0);
      expect(tableNames(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  test('a failing migration leaves the database at the previous version, schema and rows unchanged', () => {
    const path = join(tempDir(), 'terminal.db');
    const store = openStore({ path });
    store.db
      .prepare("INSERT INTO kv (key, value, updated_at) VALUES ('sync.lastSuccessAt', '2025-05-04T08:00:00.000Z', 'x')")
      .run();
    store.close();
    const before = snapshotDatabase(path);

    let error: unknown;
    try {
      openStore({ path, migrations: [...migrations, breaking] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as MigrationError).message;
    expect(message).toContain(`第 ${breaking.version} 步`);
    expect(message).toContain(`仍为版本 ${latestVersion()}`);
    expect((error as MigrationError).fromVersion).toBe(latestVersion());

    expect(snapshotDatabase(path)).toEqual(before);
    // And the current build still opens it normally.
    const again = openStore({ path });
    expect(again.health.schemaVersion).toBe(latestVersion());
    again.close();
  });

  test('an older database gets only the pending migrations, and keeps its rows', () => {
    const path = join(tempDir(), 'terminal.db');
    const store = openStore({ path });
    store.db.prepare("INSERT INTO kv (key, value, updated_at) VALUES ('k', 'v', 't')").run();
    store.close();
    const next: Migration = { version: migrations.length + 1, name: 'add a column', sql: 'ALTER TABLE kv ADD COLUMN note TEXT;' };
    const upgraded = openStore({ path, migrations: [...migrations, next] });
    try {
      expect(upgraded.health.schemaVersion).toBe(next.version);
      expect(upgraded.db.prepare("SELECT value, note FROM kv WHERE key = 'k'").get()).toEqual({ value: 'v', note: null });
    } finally {
      upgraded.close();
    }
  });

  test('applying migrations to an up-to-date database does nothing', () => {
    const path = join(tempDir(), 'terminal.db');
    openStore({ path }).close();
    const db = new Database(path);
    try {
      expect(applyMigrations(db, migrations)).toEqual({ from: latestVersion(), to: latestVersion(), applied: [] });
    } finally {
      db.close();
    }
  });

  test('a migration list with a gap is refused before any database is touched', () => {
    const path = join(tempDir(), 'terminal.db');
    const db = new Database(path);
    try {
      expect(() => applyMigrations(db, [{ version: 2, name: 'gap', sql: 'SELECT 1;' }])).toThrow(/1\.\.n/);
      expect(db.pragma('user_version', { simple: true })).toBe(0);
    } finally {
      db.close();
    }
  });

  test.each([
    ['rollback journal', false],
    ['WAL', true],
  ])('a database from a newer version (%s) is refused with both versions named, and left byte-identical', (_mode, wal) => {
    const dir = tempDir();
    const path = join(dir, 'terminal.db');
    const db = new Database(path);
    if (wal) db.pragma('journal_mode = WAL');
    db.exec("CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from v99')");
    db.pragma('user_version = 99');
    db.close();
    const bytes = readFileSync(path);
    const files = readdirSync(dir).sort();

    let error: unknown;
    try {
      openStore({ path });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreVersionError);
    expect(error).toMatchObject({ fileVersion: 99, knownVersion: latestVersion() });
    expect((error as Error).message).toContain('版本为 99');
    expect((error as Error).message).toContain(`支持到版本 ${latestVersion()}`);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  test('R26.1 committed rows survive a crash: a database copied with its WAL mid-run opens with them', () => {
    const live = join(tempDir(), 'terminal.db');
    const store = openStore({ path: live });
    store.db.prepare("INSERT INTO outbox (kind, payload, created_at) VALUES ('audit', '{}', 't')").run();
    // Copy while the connection is open: what a kill -9 or power cut leaves on disk.
    const crashed = join(tempDir(), 'terminal.db');
    for (const suffix of ['', '-wal']) if (existsSync(live + suffix)) copyFileSync(live + suffix, crashed + suffix);
    store.close();
    expect(existsSync(`${crashed}-wal`)).toBe(true);

    const reopened = openStore({ path: crashed });
    try {
      expect(reopened.health.integrity).toBe('ok');
      expect(reopened.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    } finally {
      reopened.close();
    }
  });

  test('foreign keys are enforced (a check-in needs its visit)', () => {
    const store = openStore({ path: join(tempDir(), 'terminal.db') });
    try {
      expect(() =>
        store.db
          .prepare("INSERT INTO checkins (visit_id, document_number, name, checked_in_at) VALUES ('nope', 'x', 'y', 'z')")
          .run(),
      ).toThrow(/FOREIGN KEY/);
    } finally {
      store.close();
    }
  });

  test('close checkpoints the WAL and may be called twice', () => {
    const path = join(tempDir(), 'terminal.db');
    const store = openStore({ path });
    store.close();
    store.close();
    expect(existsSync(`${path}-wal`)).toBe(false);
  });
});
