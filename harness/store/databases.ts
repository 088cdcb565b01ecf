// A fresh database per suite on each engine: SQLite in a temp dir, PostgreSQL
// as a uniquely named database on the local server, dropped at the end.
// PostgreSQL being down FAILS the suite (it never skips).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src-server/config';

export const ENGINES = ['sqlite', 'postgres'] as const;
export type TestEngine = (typeof ENGINES)[number];

/** The maintenance database used to create and drop test databases. */
export const PG_ADMIN_URL = process.env['TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  database: DatabaseConfig;
  dataDir: string;
  /** Connection string for PostgreSQL, sqlite:<file> for SQLite (as DATABASE_URL). */
  url: string;
  drop(): Promise<void>;
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is unreachable at ${PG_ADMIN_URL} (${err instanceof Error ? err.message : String(err)}). ` +
        'The central-store tests run on both engines and do not skip: start PostgreSQL (.ci/run does) or set TEST_PG_URL.',
      { cause: err },
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createFreshDatabase(engine: TestEngine): Promise<FreshDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-test-'));
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (engine === 'sqlite') {
    const file = path.join(dataDir, 'central-store.sqlite');
    return { database: { engine: 'sqlite', file }, dataDir, url: `sqlite:${file}`, drop: () => Promise.resolve(removeDir()) };
  }
  const name = `cs_test_${randomBytes(6).toString('hex')}`;
  try {
    await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  } catch (err) {
    removeDir();
    throw err;
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    database: { engine: 'postgres', connectionString: url.toString() },
    dataDir,
    url: url.toString(),
    async drop() {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      removeDir();
    },
  };
}
