// Inmates with what the regulation module reads (src-shared/regulation/inmate.ts:
// status periods R15.1, penalties R15.1(4), suspensions R17.2), visitors with
// their identity document, and their relationships to inmates (R36.1, R37.1).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('inmates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('prison_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('ward_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('inmate_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('citizenship', 'text', (c) => c.notNull())
    .addColumn('citizenship_country', 'text')
    .addColumn('limited_civil_capacity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('admitted_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('inmates_prison_number', ['prison_id', 'inmate_number'])
    .execute();
  await db.schema.createIndex('inmates_ward').on('inmates').column('ward_id').execute();

  await db.schema
    .createTable('inmate_status_periods')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inmate_penalties')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('inmate_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id').onDelete('cascade'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  for (const table of ['inmate_status_periods', 'inmate_penalties', 'inmate_suspensions']) {
    await db.schema.createIndex(`${table}_inmate`).on(table).column('inmate_id').execute();
  }

  await db.schema
    .createTable('visitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visitors_org_document', ['organisation_id', 'document_kind', 'document_number'])
    .execute();

  await db.schema
    .createTable('visitor_relationships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id').onDelete('cascade'))
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('proofs', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('visitor_relationships_pair', ['visitor_id', 'inmate_id'])
    .execute();
  await db.schema.createIndex('visitor_relationships_inmate').on('visitor_relationships').column('inmate_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'visitor_relationships',
    'visitors',
    'inmate_suspensions',
    'inmate_penalties',
    'inmate_status_periods',
    'inmates',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
