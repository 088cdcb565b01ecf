// Opens the database named by the configuration: SQLite (better-sqlite3) by
// default, PostgreSQL (pg) when DATABASE_URL names one. Same Kysely API for both.
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { Database } from './schema';

export type Engine = DatabaseConfig['engine'];

export interface OpenDatabase {
  db: Kysely<Database>;
  engine: Engine;
}

function openSqlite(file: string): Kysely<Database> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  // Writers wait for each other instead of failing with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
}

function openPostgres(connectionString: string): Kysely<Database> {
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export function openDatabase(config: DatabaseConfig): OpenDatabase {
  return config.engine === 'sqlite'
    ? { db: openSqlite(config.file), engine: 'sqlite' }
    : { db: openPostgres(config.connectionString), engine: 'postgres' };
}
