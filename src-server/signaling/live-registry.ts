// Issue #20 item 4: the monitoring centre's live list when the two terminals of a visit and its
// observers sit on different store nodes. Each node writes here what it holds (a side or an
// observer of a visit: relay_members), its sign of life (store_nodes, every few seconds) and
// what only the relay sees (live_visit_facts: when both sides first met, warnings counted once,
// on the node that relayed them; whether each side's signals crossed, the evidence an outcome
// report needs). Any node lists from these tables; the members of a node not
// seen for NODE_TTL_MS (killed) no longer count, and the cluster's scheduled job forgets them.
// Liveness is on the nodes' clocks (kept by NTP): the TTL is many times any skew they may have.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { SignalSide } from '../../src-shared/signaling/protocol';

export const NODE_BEAT_MS = 5_000;
export const NODE_TTL_MS = 15_000;
/** Rows of a node gone this long, and facts of visits untouched this long, are removed. */
export const FORGET_AFTER_MS = 24 * 60 * 60_000;

export type Member = SignalSide | `observer:${string}`;

export interface LiveFacts {
  visitId: string;
  sides: SignalSide[];
  observers: number;
  startedAt: number | null;
  warnings: number;
}

export interface RegistryLog {
  warn(obj: object, msg: string): void;
}

export class LiveRegistry {
  /** Local sockets per (visit, member): a reconnect on this node overlaps its predecessor. */
  private readonly held = new Map<string, number>();
  private chain: Promise<unknown> = Promise.resolve();
  private beat: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    readonly node: string,
    private readonly log: RegistryLog,
  ) {}

  async start(): Promise<void> {
    await this.alive();
    this.beat = setInterval(
      () => void this.alive().catch((err: unknown) => this.log.warn({ err }, 'live registry: beat failed')),
      NODE_BEAT_MS,
    );
    this.beat.unref();
  }

  private async alive(): Promise<void> {
    await this.db
      .insertInto('store_nodes')
      .values({ id: this.node, seen_at_ms: Date.now() })
      .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at_ms: Date.now() }))
      .execute();
  }

  /** In call order, each after the last; a failure is logged, never thrown at the socket. */
  private queue(what: string, work: () => Promise<unknown>): Promise<void> {
    const next = this.chain.then(work).then(
      () => undefined,
      (err: unknown) => this.log.warn({ err, what }, 'live registry: write failed'),
    );
    this.chain = next;
    return next;
  }

  add(visitId: string, member: Member): Promise<void> {
    const key = `${visitId}\n${member}`;
    const count = (this.held.get(key) ?? 0) + 1;
    this.held.set(key, count);
    if (count > 1) return this.chain.then(() => undefined);
    return this.queue('add', () =>
      this.db
        .insertInto('relay_members')
        .values({ node_id: this.node, visit_id: visitId, member })
        .onConflict((oc) => oc.columns(['node_id', 'visit_id', 'member']).doNothing())
        .execute(),
    );
  }

  remove(visitId: string, member: Member): void {
    const key = `${visitId}\n${member}`;
    const count = (this.held.get(key) ?? 0) - 1;
    if (count > 0) {
      this.held.set(key, count);
      return;
    }
    this.held.delete(key);
    void this.queue('remove', () =>
      this.db
        .deleteFrom('relay_members')
        .where('node_id', '=', this.node)
        .where('visit_id', '=', visitId)
        .where('member', '=', member)
        .execute(),
    );
  }

  /** Both sides met (the first node to see it sets the time). */
  started(visitId: string, at: number): void {
    void this.queue('started', () =>
      this.db
        .insertInto('live_visit_facts')
        .values({ visit_id: visitId, started_at_ms: at, warnings: 0, touched_at_ms: Date.now() })
        .onConflict((oc) =>
          oc.column('visit_id').doUpdateSet((eb) => ({
            started_at_ms: sql<number>`coalesce(live_visit_facts.started_at_ms, excluded.started_at_ms)`,
            touched_at_ms: eb.ref('excluded.touched_at_ms'),
          })),
        )
        .execute(),
    );
  }

  warned(visitId: string): void {
    void this.queue('warned', () =>
      this.db
        .insertInto('live_visit_facts')
        .values({ visit_id: visitId, started_at_ms: null, warnings: 1, touched_at_ms: Date.now() })
        .onConflict((oc) =>
          oc.column('visit_id').doUpdateSet((eb) => ({
            warnings: eb('live_visit_facts.warnings', '+', 1),
            touched_at_ms: eb.ref('excluded.touched_at_ms'),
          })),
        )
        .execute(),
    );
  }

  /** This node saw `side`'s signals reach the other side (../relay-witness); once per side and node. */
  relayed(visitId: string, side: SignalSide): Promise<void> {
    const column = side === 'inmate' ? 'relayed_inmate' : 'relayed_visitor';
    return this.queue('relayed', () =>
      this.db
        .insertInto('live_visit_facts')
        .values({ visit_id: visitId, started_at_ms: null, warnings: 0, [column]: 1, touched_at_ms: Date.now() })
        .onConflict((oc) =>
          oc.column('visit_id').doUpdateSet((eb) => ({ [column]: 1, touched_at_ms: eb.ref('excluded.touched_at_ms') })),
        )
        .execute(),
    );
  }

  /** Whether any node saw both sides' signals cross the relay. */
  async relayedBothWays(visitId: string): Promise<boolean> {
    await this.chain;
    const row = await this.db
      .selectFrom('live_visit_facts')
      .select(['relayed_inmate', 'relayed_visitor'])
      .where('visit_id', '=', visitId)
      .executeTakeFirst();
    return row !== undefined && Number(row.relayed_inmate) === 1 && Number(row.relayed_visitor) === 1;
  }

  /** Every live visit of the cluster: members of the nodes alive, with the facts. */
  async live(): Promise<LiveFacts[]> {
    await this.chain; // this node's own writes first
    const members = await this.db
      .selectFrom('relay_members as m')
      .innerJoin('store_nodes as n', 'n.id', 'm.node_id')
      .select(['m.visit_id', 'm.member'])
      .where('n.seen_at_ms', '>', Date.now() - NODE_TTL_MS)
      .execute();
    const byVisit = new Map<string, Set<string>>();
    for (const m of members) {
      const set = byVisit.get(m.visit_id) ?? new Set<string>();
      set.add(m.member);
      byVisit.set(m.visit_id, set);
    }
    const visitIds = [...byVisit.keys()];
    const facts =
      visitIds.length === 0
        ? []
        : await this.db.selectFrom('live_visit_facts').selectAll().where('visit_id', 'in', visitIds).execute();
    const factOf = new Map(facts.map((f) => [f.visit_id, f]));
    return [...byVisit]
      .map(([visitId, set]): LiveFacts => {
        const f = factOf.get(visitId);
        return {
          visitId,
          sides: (['inmate', 'visitor'] as const).filter((s) => set.has(s)),
          observers: [...set].filter((m) => m.startsWith('observer:')).length,
          startedAt: f?.started_at_ms === null || f === undefined ? null : Number(f.started_at_ms),
          warnings: f === undefined ? 0 : Number(f.warnings),
        };
      })
      .filter((v) => v.sides.length > 0);
  }

  /** This node leaves: its members go now (not after the TTL). */
  async stop(): Promise<void> {
    if (this.beat !== null) clearInterval(this.beat);
    await this.chain;
    await this.db.deleteFrom('relay_members').where('node_id', '=', this.node).execute();
    await this.db.deleteFrom('store_nodes').where('id', '=', this.node).execute();
  }
}

/** How often the cluster forgets what killed nodes left (../cluster/scheduled-jobs). */
export const FORGET_INTERVAL_MS = 10 * 60_000;

/** The cluster's scheduled job: nodes silent for a minute, their members, facts of visits long over. */
export async function forgetDeadNodes(db: Kysely<Database>, nowMs: number): Promise<void> {
  await db
    .deleteFrom('store_nodes')
    .where('seen_at_ms', '<', nowMs - NODE_TTL_MS * 4)
    .execute();
  await db.deleteFrom('relay_members').where('node_id', 'not in', db.selectFrom('store_nodes').select('id')).execute();
  await db
    .deleteFrom('live_visit_facts')
    .where('touched_at_ms', '<', nowMs - FORGET_AFTER_MS)
    .execute();
}
