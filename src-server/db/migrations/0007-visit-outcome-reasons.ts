// The reason recorded with a visit's outcome (POST /api/visits/:id/status):
// a code from the closed list (R16.1, R17.1, R18.1, or 'other') and the words,
// so the overview can count interrupted and terminated visits by reason.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('visits').addColumn('outcome_code', 'text').execute();
  await db.schema.alterTable('visits').addColumn('outcome_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('visits').dropColumn('outcome_reason').execute();
  await db.schema.alterTable('visits').dropColumn('outcome_code').execute();
}
