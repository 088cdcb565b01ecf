// Issue 25 items 1 and 5: the visit's language(s) recorded on the application (R23.1),
// each prison's own arrangements (limits under R14.2's ceiling, visiting hours and days,
// per prison and per room; R14.2, R14.3), and the applicant's withdrawal (a status of
// the application; the review chain records it as a step, review_steps needs nothing new).
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // JSON list of languages (src-shared/regulation/visit.ts visitLanguagesSchema); Mandarin before this.
  await db.schema
    .alterTable('applications')
    .addColumn('languages', 'text', (c) => c.notNull().defaultTo(sql`'[{"kind":"mandarin"}]'`))
    .execute();
  // Why the applicant withdrew (the step holds who and when).
  await db.schema.alterTable('applications').addColumn('withdrawn_reason', 'text').execute();

  await db.schema
    .createTable('prison_arrangements')
    .addColumn('prison_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('visits_per_month', 'integer', (c) => c.notNull())
    .addColumn('max_minutes', 'integer', (c) => c.notNull())
    .addColumn('max_visitors', 'integer', (c) => c.notNull())
    .addColumn('juvenile_visits_per_month', 'integer', (c) => c.notNull())
    .addColumn('juvenile_max_minutes', 'integer', (c) => c.notNull())
    .addColumn('juvenile_max_visitors', 'integer', (c) => c.notNull())
    .addColumn('visiting_hours', 'text', (c) => c.notNull()) // JSON [{start, end}]
    .addColumn('visiting_days', 'text', (c) => c.notNull()) // JSON [0..6]
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('room_arrangements')
    .addColumn('room_id', 'text', (c) => c.primaryKey().references('rooms.id'))
    .addColumn('prison_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('visiting_hours', 'text', (c) => c.notNull())
    .addColumn('visiting_days', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('room_arrangements_prison').on('room_arrangements').column('prison_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('room_arrangements').execute();
  await db.schema.dropTable('prison_arrangements').execute();
  await db.schema.alterTable('applications').dropColumn('withdrawn_reason').execute();
  await db.schema.alterTable('applications').dropColumn('languages').execute();
}
