// What the monitoring centre's list needs that only the relay sees (issue #19): when both
// terminals of a visit were first on the relay (the call can start then), and how many
// warnings crossed it — a terminal's own `warn` control to the other side, or an
// observer's warning to both (counted once). Kept in memory for this node's sockets and
// written to the cluster's tables (./live-registry, #20 item 4), so any node lists a visit
// whose terminals and observers sit on other nodes.
import type { LiveRegistry } from './live-registry';
import type { LiveRoom, SignalRelay } from './relay';

interface Seen {
  startedAt: number | null;
  warnings: number;
}

/** A visit as the monitoring centre lists it: the relay's view with what was seen. */
export type LiveView = LiveRoom & Seen;

const FORGET_AFTER_MS = 24 * 60 * 60_000;

export class LiveWatch {
  private readonly seen = new Map<string, Seen & { touched: number }>();

  constructor(
    private readonly now: () => number,
    private readonly registry: LiveRegistry,
  ) {}

  watch(relay: SignalRelay): SignalRelay {
    return {
      size: () => relay.size(),
      live: () => relay.live(),
      observe: (visitId, observerId, endpoint) => {
        const membership = relay.observe(visitId, observerId, endpoint);
        void this.registry.add(visitId, `observer:${observerId}`);
        let left = false;
        return {
          sides: membership.sides,
          toSide: (side, data) => membership.toSide(side, data),
          act: (message) => {
            const reached = membership.act(message);
            if (message.act.action === 'warn' && reached.length > 0) this.warned(visitId);
            return reached;
          },
          leave: () => {
            membership.leave();
            if (left) return;
            left = true;
            this.registry.remove(visitId, `observer:${observerId}`);
          },
        };
      },
      join: async (visitId, side, endpoint) => {
        const membership = await relay.join(visitId, side, {
          deliver: (message) => {
            // A warning delivered to this side came from the other terminal's administrators.
            if (message.type === 'signal' && isWarning(message.data)) this.warned(visitId);
            // Issue #20: the other terminal may join on another node; its presence is the sign then.
            if (message.type === 'presence' && message.state === 'joined') this.started(visitId);
            endpoint.deliver(message);
          },
          evict: () => endpoint.evict(),
        });
        if (membership.peerPresent || relay.live().find((r) => r.visitId === visitId)?.sides.length === 2) this.started(visitId);
        // Listed on every node before the terminal is welcomed.
        await this.registry.add(visitId, side);
        let left = false;
        return {
          peerPresent: membership.peerPresent,
          toPeer: (message) => membership.toPeer(message),
          toObserver: (observerId, data) => membership.toObserver(observerId, data),
          leave: () => {
            membership.leave();
            if (left) return;
            left = true;
            this.registry.remove(visitId, side);
          },
        };
      },
    };
  }

  /**
   * The cluster's live visits, from its tables: this node's own sockets are written there before
   * they are welcomed, and a killed node's drop out after its TTL (the relay's memory of other
   * nodes' sides would keep them). Without the database, what this node's relay knows.
   */
  async views(local: readonly LiveRoom[], log?: { warn(obj: object, msg: string): void }): Promise<LiveView[]> {
    try {
      return await this.registry.live();
    } catch (err) {
      log?.warn({ err }, 'live list: the cluster tables are unavailable, listing this node only');
      return local.map((room) => ({ ...room, ...this.of(room.visitId) }));
    }
  }

  of(visitId: string): Seen {
    const e = this.seen.get(visitId);
    return { startedAt: e?.startedAt ?? null, warnings: e?.warnings ?? 0 };
  }

  private started(visitId: string): void {
    const e = this.entry(visitId);
    if (e.startedAt !== null) return;
    e.startedAt = this.now();
    this.registry.started(visitId, e.startedAt);
  }

  private warned(visitId: string): void {
    this.entry(visitId).warnings += 1;
    this.registry.warned(visitId);
  }

  private entry(visitId: string): Seen & { touched: number } {
    const now = this.now();
    let e = this.seen.get(visitId);
    if (e === undefined) {
      e = { startedAt: null, warnings: 0, touched: now };
      this.seen.set(visitId, e);
      for (const [id, old] of this.seen) if (now - old.touched > FORGET_AFTER_MS) this.seen.delete(id);
    }
    e.touched = now;
    return e;
  }
}

function isWarning(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const envelope = data as { kind?: unknown; control?: { type?: unknown } };
  return envelope.kind === 'control' && envelope.control?.type === 'warn';
}
