// Recordings at the store (issue #19 item 3): the access audit (every search, playback,
// download and legal hold; R26.1, for the province R29.1), whose playback and download rows
// also carry the media ticket's hash and expiry; the legal hold that keeps a visit's
// recordings past retention (R13.1); and what a confirmed manifest says (its side's start,
// archive, warnings and terminations), indexed when it is confirmed so a search can filter.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('recording_access_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('upload_id', 'text')
    // JSON object: the search's filters and results, the file, the hold's reason.
    .addColumn('detail', 'text', (c) => c.notNull())
    // Playback and download: SHA-256 of the media ticket, and until when it is good.
    .addColumn('ticket_hash', 'text', (c) => c.unique())
    .addColumn('ticket_expires_at', 'text')
    .execute();
  await db.schema.createIndex('recording_access_audit_at').on('recording_access_audit').column('at').execute();
  await db.schema.createIndex('recording_access_audit_visit').on('recording_access_audit').column('visit_id').execute();

  await db.schema
    .createTable('recording_legal_holds')
    .addColumn('visit_id', 'text', (c) => c.primaryKey().references('visits.id'))
    .addColumn('held_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('held_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recording_manifests')
    .addColumn('upload_id', 'text', (c) => c.primaryKey().references('recordings_received.id'))
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('recording_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('archive_sha256', 'text')
    .addColumn('archive_duration_ms', 'integer')
    .addColumn('warnings', 'integer', (c) => c.notNull())
    .addColumn('terminations', 'integer', (c) => c.notNull())
    // JSON list: the manifest's incidents ({ at, offsetMs, note, actor }).
    .addColumn('incidents', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recording_manifests_visit').on('recording_manifests').column('visit_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recording_manifests').execute();
  await db.schema.dropTable('recording_legal_holds').execute();
  await db.schema.dropTable('recording_access_audit').execute();
}
