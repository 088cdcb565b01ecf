// Terminal log bundles for support (src-server/areas/terminal-logs): one row per
// administrator's request, settled when the terminal's bundle has arrived and been hashed.
// The same column types on SQLite and PostgreSQL (text times, bigint sizes).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('terminal_log_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('requested_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('upload_id', 'text', (c) => c.unique())
    .addColumn('size', 'bigint')
    .addColumn('declared_sha256', 'text')
    .addColumn('received_at', 'text')
    .addColumn('reason', 'text')
    .execute();
  await db.schema
    .createIndex('terminal_log_requests_terminal')
    .on('terminal_log_requests')
    .columns(['terminal_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('terminal_log_requests').execute();
}
