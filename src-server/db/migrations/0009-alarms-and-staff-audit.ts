// Two small records the store keeps of its own:
//  - alarms: what a terminal reported and the store refused (a visit's outcome outside its
//    window or before its call started, a suspension proposal from the wrong terminal), listed
//    to the province (GET /api/alarms);
//  - staff_audit: staff actions that read without writing anything else, e.g. an
//    application preview that shows the regulation's decision about another prison's inmate.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('alarms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    // Why it was refused, e.g. OUTSIDE_VISIT_WINDOW.
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.references('terminals.id'))
    // The organisation of the reporting terminal's room (scoping).
    .addColumn('organisation_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('visit_id', 'text')
    // JSON object.
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('alarms_at').on('alarms').column('at').execute();

  await db.schema
    .createTable('staff_audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    // JSON object.
    .addColumn('detail', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('staff_audit_at').on('staff_audit').column('at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('staff_audit').execute();
  await db.schema.dropTable('alarms').execute();
}
