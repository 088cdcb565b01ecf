// Issue 25 item 2 (R8.1, R35.1): the scans of an application's proofs. The bytes live in the
// database as base64 text (at most 10 MB a scan): every store node of a cluster (#20) shares
// the database but not a data folder, and one engine-neutral column type serves SQLite and
// PostgreSQL alike. The retention run (areas/proofs/purge-proofs.ts) empties `content` and
// sets `purged_at`, as the recordings' run does for their bytes.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('proof_scans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('content', 'text')
    .addColumn('purged_at', 'text')
    .execute();
  await db.schema.createIndex('proof_scans_application').on('proof_scans').column('application_id').execute();
  await db.schema.createIndex('proof_scans_uploaded_at').on('proof_scans').column('uploaded_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('proof_scans').execute();
}
