// Recordings past retention (R13.1: at least six months from receipt) are removed from the
// storage (files or the S3 bucket, #20); the row stays as the record that the store held them
// and when they went.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recordings_received').addColumn('purged_at', 'text').execute();
  await db.schema.createIndex('recordings_received_received_at').on('recordings_received').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('recordings_received_received_at').execute();
  await db.schema.alterTable('recordings_received').dropColumn('purged_at').execute();
}
