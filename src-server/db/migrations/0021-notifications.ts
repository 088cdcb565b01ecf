// Issue 25 item 8 (R8.4, R9.2): the outbox of text messages telling the family. A message is
// queued in the same transaction as the review step that calls for it (its deadline is that
// step's due date), and sent by a worker any store node may run: a node claims a row by
// setting `claim_token` and `claim_expires_at` in one UPDATE, so two nodes never send the same
// row, and a node that died mid-send gives its rows back when the claim expires. A long message
// goes out as several SMS parts; each part accepted by the gateway is a `notification_parts`
// row with the gateway's message id, which its delivery receipt names. Both tables are written
// by areas/notifications/outbox.ts only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('application_id', 'text', (c) => c.notNull().references('applications.id'))
    .addColumn('step_id', 'text', (c) => c.notNull().references('review_steps.id'))
    .addColumn('cause', 'text', (c) => c.notNull()) // approved | refused | arranged | rescheduled
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('part_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sending | submitted | delivered | failed | expired | cancelled
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('claim_token', 'text')
    .addColumn('claim_expires_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('protocol', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('final_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('notifications_application').on('notifications').column('application_id').execute();
  await db.schema.createIndex('notifications_due').on('notifications').columns(['status', 'next_attempt_at']).execute();

  await db.schema
    .createTable('notification_parts')
    .addColumn('notification_id', 'text', (c) => c.notNull().references('notifications.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('provider_message_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // submitted | delivered | failed | expired
    .addColumn('error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_parts_pk', ['notification_id', 'seq'])
    .execute();
  await db.schema.createIndex('notification_parts_provider_id').on('notification_parts').column('provider_message_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_parts').execute();
  await db.schema.dropTable('notifications').execute();
}
