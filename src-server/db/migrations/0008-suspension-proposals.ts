// R17.2 suspension proposals as their own rows, written when a prison terminal's chain
// arrives by sync and only if that terminal is the prison side of the visit and its chain
// shows the call started (areas/inmates/record-proposals.ts). The desk's list reads these,
// scoped to the caller's organisation before any limit, never the raw chain entries.
// The index on terminal_events lets the store find a terminal's call starts by kind.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suspension_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // The chain entry it came from (terminal, chain, seq): one proposal per entry.
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id'))
    .addColumn('inmate_id', 'text', (c) => c.notNull().references('inmates.id'))
    // The terminal's time of the proposal, and the store's when it arrived.
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('months', 'integer', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('reason', 'text')
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('operator', 'text', (c) => c.notNull())
    // JSON list of names.
    .addColumn('supervisors', 'text', (c) => c.notNull())
    .addUniqueConstraint('suspension_proposals_entry', ['terminal_id', 'chain_id', 'seq'])
    .execute();
  await db.schema.createIndex('suspension_proposals_inmate').on('suspension_proposals').columns(['inmate_id', 'received_at']).execute();
  await db.schema.createIndex('terminal_events_terminal_kind').on('terminal_events').columns(['terminal_id', 'kind']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('terminal_events_terminal_kind').execute();
  await db.schema.dropTable('suspension_proposals').execute();
}
