// R17.2 suspension proposals as their own rows, written when a prison terminal's chain
// arrives by sync and only if that terminal is the prison side of the visit and its chain
// shows the call started (areas/inmates/record-proposals.ts). The desk's list reads these,
// scoped to the caller's organisation before any limit, never the raw chain entries.
// The index on terminal_events lets the store find a terminal's call starts by kind.
// Proposals already in stored chains become rows by the same rules (frozen here, as a
// migration must be), with the time the chain arrived.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

interface Entry {
  terminal_id: string;
  chain_id: string;
  seq: number | string;
  at: string;
  payload: string;
  received_at: string;
}

const parse = (text: string): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};
const str = (v: unknown, max: number): string | null => (typeof v === 'string' && v.length <= max ? v : null);

async function backfill(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<Entry>`SELECT terminal_id, chain_id, seq, at, payload, received_at FROM terminal_events
    WHERE kind = 'call.suspensionProposed' ORDER BY terminal_id, chain_id, seq`.execute(db);
  for (const e of rows) {
    const p = parse(e.payload);
    const visitId = str(p?.['visitId'], 64);
    const months = p?.['months'];
    if (p === null || visitId === null || typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 3)
      continue;
    const visit = (
      await sql<{ room_id: string; inmate_id: string }>`SELECT room_id, inmate_id FROM visits WHERE id = ${visitId}`.execute(db)
    ).rows[0];
    const terminal = (await sql<{ room_id: string }>`SELECT room_id FROM terminals WHERE id = ${e.terminal_id}`.execute(db))
      .rows[0];
    if (visit === undefined || terminal?.room_id !== visit.room_id) continue;
    const starts = (
      await sql<{
        payload: string;
      }>`SELECT payload FROM terminal_events WHERE terminal_id = ${e.terminal_id} AND chain_id = ${e.chain_id}
      AND kind = 'call.started' AND seq < ${Number(e.seq)}`.execute(db)
    ).rows;
    if (!starts.some((s) => parse(s.payload)?.['visitId'] === visitId)) continue;
    const supervisors = Array.isArray(p['supervisors'])
      ? p['supervisors'].filter((n): n is string => typeof n === 'string').slice(0, 10)
      : [];
    await sql`INSERT INTO suspension_proposals (id, terminal_id, chain_id, seq, visit_id, inmate_id, at, received_at, months, code, reason, note, operator, supervisors)
      VALUES (${randomUUID()}, ${e.terminal_id}, ${e.chain_id}, ${Number(e.seq)}, ${visitId}, ${visit.inmate_id}, ${e.at}, ${e.received_at}, ${months},
              ${str(p['code'], 20)}, ${str(p['reason'], 500)}, ${str(p['note'], 500) ?? ''}, ${str(p['operator'], 100) ?? ''}, ${JSON.stringify(supervisors)})`.execute(
      db,
    );
  }
}

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
  await db.schema
    .createIndex('suspension_proposals_inmate')
    .on('suspension_proposals')
    .columns(['inmate_id', 'received_at'])
    .execute();
  await db.schema.createIndex('terminal_events_terminal_kind').on('terminal_events').columns(['terminal_id', 'kind']).execute();
  await backfill(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('terminal_events_terminal_kind').execute();
  await db.schema.dropTable('suspension_proposals').execute();
}
