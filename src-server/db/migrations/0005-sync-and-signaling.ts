// Terminal sync: the audit events terminals push, each
// terminal chain's verified head, the store-wide change sequence that sync
// cursors count in, and what each terminal last pulled. Signaling keeps no
// state in the database (rooms live in memory, keyed by visit id).
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Append-only copy of every terminal's audit chain (R26.1), verified on arrival.
  await db.schema
    .createTable('terminal_events')
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // Canonical JSON (src-shared/audit/canonical-json), exactly as hashed.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_events_pk', ['terminal_id', 'chain_id', 'seq'])
    .execute();

  // The last verified event of each chain: what a new batch must link to, and the acknowledgement.
  await db.schema
    .createTable('terminal_chain_heads')
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.id'))
    .addColumn('chain_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_chain_heads_pk', ['terminal_id', 'chain_id'])
    .execute();

  // Store-wide change counters. A writer bumps a row inside its own transaction
  // (areas/sync/change-seq.ts): the row lock orders the numbers by commit, so a
  // reader paging with "seq > cursor" never skips a change committed late.
  await db.schema
    .createTable('sync_sequence')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('sync_sequence' as never)
    .values({ name: 'changes', value: 0 } as never)
    .execute();

  // Per terminal: the last cursor it pulled with and when it last pulled or pushed (for the overview).
  await db.schema
    .createTable('terminal_sync_state')
    .addColumn('terminal_id', 'text', (c) => c.primaryKey().references('terminals.id'))
    .addColumn('visits_cursor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pulled_at', 'text')
    .addColumn('pushed_at', 'text')
    .execute();

  // The database itself refuses edits of stored events, not only our code.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE FUNCTION terminal_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '终端审计事件只能追加，不得修改或删除（R26.1）'; END $$`.execute(db);
    await sql`CREATE TRIGGER terminal_events_no_change BEFORE UPDATE OR DELETE ON terminal_events
      FOR EACH ROW EXECUTE FUNCTION terminal_events_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER terminal_events_no_update BEFORE UPDATE ON terminal_events
      BEGIN SELECT RAISE(ABORT, '终端审计事件只能追加，不得修改（R26.1）'); END`.execute(db);
    await sql`CREATE TRIGGER terminal_events_no_delete BEFORE DELETE ON terminal_events
      BEGIN SELECT RAISE(ABORT, '终端审计事件只能追加，不得删除（R26.1）'); END`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('terminal_sync_state').execute();
  await db.schema.dropTable('sync_sequence').execute();
  await db.schema.dropTable('terminal_chain_heads').execute();
  await db.schema.dropTable('terminal_events').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`DROP FUNCTION IF EXISTS terminal_events_append_only()`.execute(db);
}
