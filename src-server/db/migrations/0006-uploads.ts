// Recordings received through the tus endpoint (src-server/recordings): one row
// per upload, written when the upload is created (pending) and settled when
// the stored bytes have been hashed (confirmed or rejected).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recordings_received')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // No foreign key to visits: the visit may be archived elsewhere later, the recording must stay.
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('declared_sha256', 'text', (c) => c.notNull())
    .addColumn('stored_sha256', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('storage', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text')
    .execute();
  await db.schema
    .createIndex('recordings_received_visit_sha')
    .on('recordings_received')
    .columns(['visit_id', 'declared_sha256'])
    .execute();
  await db.schema.createIndex('recordings_received_terminal').on('recordings_received').column('terminal_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recordings_received').execute();
}
