// Applications (Forms 1 and 2, R6–R9), their applicants, the review chain's
// steps with working-day due dates (R8.2–R9.3, R14.1), warden exceptions
// (R14.3), the calendar override table (R14.1) and the scheduled visits.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('form', 'text', (c) => c.notNull()) // form-1 | form-2
    .addColumn('channel', 'text', (c) => c.notNull()) // desk | online (R8.1)
    .addColumn('path', 'text', (c) => c.notNull()) // relative | inmate | prison-to-prison (R7.1)
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('prison_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('partner_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('preferred_date', 'text')
    .addColumn('preferred_start', 'text')
    .addColumn('preferred_minutes', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('refusal_reason', 'text')
    .addColumn('refusal_requirements', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  for (const column of ['inmate_id', 'prison_id', 'organisation_id', 'partner_id']) {
    await db.schema.createIndex(`applications_${column}`).on('applications').column(column).execute();
  }

  await db.schema
    .createTable('applicants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // JSON: family (R36.1/R37.1) or special (R34.1)
    .addColumn('document_kind', 'text', (c) => c.notNull())
    .addColumn('document_number', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.references('visitors.id'))
    .addUniqueConstraint('applicants_position', ['application_id', 'position'])
    .execute();

  await db.schema
    .createTable('review_steps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull()) // 1, 2, … in the order opened
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('outcome', 'text')
    .addColumn('reason', 'text')
    .addColumn('requirement_ids', 'text') // JSON list, for a refusal the rules made
    .addColumn('detail', 'text') // JSON: notification (how, when), slot
    .addColumn('actor_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('review_steps_position', ['application_id', 'position'])
    .execute();
  await db.schema.createIndex('review_steps_application').on('review_steps').column('application_id').execute();
  await db.schema.createIndex('review_steps_open').on('review_steps').columns(['organisation_id', 'done_at', 'due_on']).execute();

  await db.schema
    .createTable('warden_exceptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('prison_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('application_id', 'text', (c) => c.references('applications.id'))
    .addColumn('lifts', 'text', (c) => c.notNull())
    .addColumn('visit_date', 'text', (c) => c.notNull())
    .addColumn('max_minutes', 'integer')
    .addColumn('max_visitors', 'integer')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('approved_by_name', 'text', (c) => c.notNull())
    .addColumn('approved_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warden_exceptions_inmate').on('warden_exceptions').columns(['inmate_id', 'visit_date']).execute();

  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('holidays', 'text', (c) => c.notNull()) // JSON list of dates
    .addColumn('workdays', 'text', (c) => c.notNull()) // JSON list of dates
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('working', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
    .addColumn('remote_room_id', 'text', (c) => c.notNull().references('rooms.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority_reschedule_of', 'text', (c) => c.references('visits.id'))
    .addColumn('updated_seq', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // Same start in the same room or for the same inmate can never be written
  // twice, whatever the code does; overlaps of different starts are checked
  // in the booking transaction (areas/schedule/book-visit.ts). A cancelled or
  // interrupted visit frees its slot.
  const holding = sql<boolean>`status not in ('cancelled', 'interrupted')`;
  await db.schema
    .createIndex('visits_room_slot')
    .on('visits')
    .columns(['room_id', 'date', 'start_time'])
    .unique()
    .where(holding)
    .execute();
  await db.schema
    .createIndex('visits_remote_room_slot')
    .on('visits')
    .columns(['remote_room_id', 'date', 'start_time'])
    .unique()
    .where(holding)
    .execute();
  await db.schema
    .createIndex('visits_inmate_slot')
    .on('visits')
    .columns(['inmate_id', 'date', 'start_time'])
    .unique()
    .where(holding)
    .execute();
  // The terminals' pull feed: a room's visits changed after a cursor.
  await db.schema.createIndex('visits_room_seq').on('visits').columns(['room_id', 'updated_seq']).execute();
  await db.schema.createIndex('visits_remote_room_seq').on('visits').columns(['remote_room_id', 'updated_seq']).execute();
  await db.schema.createIndex('visits_application').on('visits').column('application_id').execute();
  // updated_seq comes from the store-wide change sequence (sync_sequence,
  // migration 0005; areas/sync/change-seq.ts), bumped in the same transaction.
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'visits',
    'calendar_days',
    'calendar_years',
    'warden_exceptions',
    'review_steps',
    'applicants',
    'applications',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
