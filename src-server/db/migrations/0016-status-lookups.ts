// The relatives' status page (issue #25 item 9): every query is kept (who asked from where,
// for which number, whether it was answered), which is both its audit and the count its rate
// limits read (per IP and per application number, over a window). The ID number asked with is
// not kept: a lookup that failed must not leave a relative's ID number in a log.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('status_lookups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    // As entered (trimmed, at most 64 characters): also a number that does not exist.
    .addColumn('application_number', 'text', (c) => c.notNull())
    // answered | neutral (no match) | limited (refused by a rate limit)
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('status_lookups_ip_at').on('status_lookups').columns(['ip', 'at']).execute();
  await db.schema.createIndex('status_lookups_number_at').on('status_lookups').columns(['application_number', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('status_lookups').execute();
}
