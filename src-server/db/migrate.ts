// Runs THE migration list (./migrations) and tells /ready whether it is current.
import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { migrations } from './migrations';
import type { Database } from './schema';

function migratorFor(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`数据库迁移失败${name}：${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Names of migrations in the list that have not run on this database. */
export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  const infos = await migratorFor(db).getMigrations();
  return infos.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
