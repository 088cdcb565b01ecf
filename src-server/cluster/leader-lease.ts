// Issue #20 item 3: which store node runs the cluster's scheduled jobs. A lease row with an
// expiry on the database's clock, renewed by its holder; an expired lease goes to whoever asks
// next. Chosen over a session advisory lock because the handover is bounded by the lease's TTL
// however the holder dies (a frozen VM or a cut network keeps an advisory lock's session alive
// until TCP keep-alive gives up, minutes to hours), the holder knows when its lease ends
// without asking, and it needs no dedicated connection (works through a transaction pooler).
// On SQLite there is one node: it always leads.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface LeaseTerm {
  leader: boolean;
  /** The clock the lease is kept on (the database's on PostgreSQL), epoch ms. */
  nowMs: number;
}

export interface LeaderLease {
  /** Takes the lease if it is free or expired, renews it if held. */
  hold(): Promise<LeaseTerm>;
  /** Gives the lease up now (a stopping node), so another takes over at its next try. */
  release(): Promise<void>;
}

/** The one node of a SQLite store. */
export const soleNodeLease: LeaderLease = {
  hold: () => Promise.resolve({ leader: true, nowMs: Date.now() }),
  release: () => Promise.resolve(),
};

export function databaseLease(db: Kysely<Database>, name: string, node: string, ttlMs: number): LeaderLease {
  return {
    async hold() {
      const { rows } = await sql<{ holder: string; now_ms: string | number }>`
        WITH t AS (SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint AS now_ms)
        INSERT INTO cluster_leases (name, holder, expires_at_ms)
        SELECT ${name}, ${node}, t.now_ms + ${ttlMs} FROM t
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at_ms = excluded.expires_at_ms
          WHERE cluster_leases.holder = excluded.holder
             OR cluster_leases.expires_at_ms < excluded.expires_at_ms - ${ttlMs}
        RETURNING holder, expires_at_ms - ${ttlMs} AS now_ms`.execute(db);
      const row = rows[0];
      return row === undefined ? { leader: false, nowMs: Date.now() } : { leader: true, nowMs: Number(row.now_ms) };
    },
    async release() {
      await db.deleteFrom('cluster_leases').where('name', '=', name).where('holder', '=', node).execute();
    },
  };
}
