// Issue #20 item 3: what store nodes of one cluster share besides the data. The leader lease
// of the scheduled jobs (one row per lease; times are the database's clock in epoch ms, so
// nodes' clocks never disagree), each job's last run (a run is claimed by a conditional
// update, so a period runs once even across a leader change), and the monitoring centre's
// live list (#20 item 4) and the relay's evidence that a call crossed it: which node holds which terminal or observer of a visit, each node's
// last sign of life, and the facts of a live visit only the relay sees.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('cluster_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('scheduled_job_runs')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_run_ms', 'bigint', (c) => c.notNull())
    .addColumn('last_node', 'text', (c) => c.notNull())
    .addColumn('runs', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('store_nodes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seen_at_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('relay_members')
    .addColumn('node_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    // 'inmate', 'visitor' or 'observer:<id>'
    .addColumn('member', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('relay_members_pk', ['node_id', 'visit_id', 'member'])
    .execute();
  await db.schema.createIndex('relay_members_visit').on('relay_members').column('visit_id').execute();
  await db.schema
    .createTable('live_visit_facts')
    .addColumn('visit_id', 'text', (c) => c.primaryKey())
    .addColumn('started_at_ms', 'bigint')
    .addColumn('warnings', 'integer', (c) => c.notNull())
    // The relay saw this side's signals reach the other (signaling/relay-witness): 0 or 1.
    .addColumn('relayed_inmate', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('relayed_visitor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('touched_at_ms', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['live_visit_facts', 'relay_members', 'store_nodes', 'scheduled_job_runs', 'cluster_leases'])
    await db.schema.dropTable(table).execute();
}
