// Opens the database named by the configuration: SQLite (better-sqlite3) by
// default, PostgreSQL (pg) when DATABASE_URL names one. Same Kysely API for both.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import { createPrivateFile, PRIVATE_DIR_MODE, tightenFile } from './private-files';
import { keepNewest } from '../keep-newest';
import type { Database } from './schema';

export type Engine = DatabaseConfig['engine'];

export interface OpenDatabase {
  db: Kysely<Database>;
  engine: Engine;
  /** SQLite files of an older install that others could read, made owner-only (0600) now. */
  tightened: string[];
}

/**
 * The better-sqlite3 connection behind a SQLite Kysely, for the one hot path that runs a
 * statement prepared once per row (the audit ingest: sync/ingest-events.ts). Kysely keeps one
 * connection and runs one transaction at a time, so a statement run inside its transaction
 * callback is part of that transaction.
 */
const sqliteHandles = new WeakMap<Kysely<Database>, SQLite.Database>();
export const sqliteHandleOf = (db: Kysely<Database>): SQLite.Database | undefined => sqliteHandles.get(db);

/** Most statements kept prepared (queries with lists of varying length each have their own text). */
const MAX_PREPARED = 500;

/**
 * Kysely prepares every query again; preparing costs more than running most of ours (bench:sync's
 * drain: 0.3 s of 5 s in prepare). The connection Kysely is given keeps each statement by its text
 * (the oldest dropped past MAX_PREPARED). Safe because Kysely runs one query at a time on it and
 * the store never streams a query (an iterating statement could not be run again meanwhile).
 */
function preparedOnce(sqlite: SQLite.Database): { close(): void; prepare(sql: string): SQLite.Statement } {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare: (sql) => {
      // Most recently used last: the least used is the first dropped.
      const stmt = kept.get(sql) ?? sqlite.prepare(sql);
      keepNewest(kept, sql, stmt, MAX_PREPARED);
      return stmt;
    },
  };
}

function openSqlite(file: string): { db: Kysely<Database>; tightened: string[] } {
  // A folder made here is owner-only; an existing one is the operator's (DATA_DIR is tightened by buildServer).
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: PRIVATE_DIR_MODE });
  const tightened = [file, `${file}-wal`, `${file}-shm`].filter((f) => tightenFile(f));
  // Created 0600 here; SQLite gives its -wal and -shm the database file's mode.
  createPrivateFile(file);
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Writers wait for each other instead of failing with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: preparedOnce(sqlite) }) });
  sqliteHandles.set(db, sqlite);
  return { db, tightened };
}

function openPostgres(connectionString: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openDatabase(config: DatabaseConfig): OpenDatabase {
  return config.engine === 'sqlite'
    ? { ...openSqlite(config.file), engine: 'sqlite' }
    : { db: openPostgres(config.connectionString), engine: 'postgres', tightened: [] };
}
