// The fleet's heartbeats: the latest one per terminal (its JSON as received, for the list and
// its alerts) and 30 days of history, one point per terminal and 10 minutes (the last
// heartbeat of the bucket), small enough for 2,000 terminals reporting every minute.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('terminal_heartbeats_latest')
    .addColumn('terminal_id', 'text', (c) => c.primaryKey().references('terminals.id'))
    .addColumn('heartbeat_id', 'text', (c) => c.notNull())
    // The terminal's clock when it sent; an older one arriving late is ignored.
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // JSON: the heartbeat as validated.
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('terminal_heartbeat_history')
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    // received_at rounded down to 10 minutes.
    .addColumn('bucket_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    // JSON: the chart point (src-shared/store-api/endpoints/fleet.ts, fleetHistoryPointSchema).
    .addColumn('point', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_heartbeat_history_pk', ['terminal_id', 'bucket_at'])
    .execute();
  await db.schema.createIndex('terminal_heartbeat_history_bucket').on('terminal_heartbeat_history').column('bucket_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('terminal_heartbeat_history').execute();
  await db.schema.dropTable('terminal_heartbeats_latest').execute();
}
