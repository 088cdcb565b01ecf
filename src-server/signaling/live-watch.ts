// What the monitoring centre's list needs that only the relay sees (issue #19): when both
// terminals of a visit were first on the relay (the call can start then), and how many
// warnings crossed it — a terminal's own `warn` control to the other side, or an
// observer's warning to both (counted once). In memory on this node, like ./relay-witness.
import type { SignalRelay } from './relay';

interface Seen {
  startedAt: number | null;
  warnings: number;
}

const FORGET_AFTER_MS = 24 * 60 * 60_000;

export class LiveWatch {
  private readonly seen = new Map<string, Seen & { touched: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  watch(relay: SignalRelay): SignalRelay {
    return {
      size: () => relay.size(),
      live: () => relay.live(),
      observe: (visitId, observerId, endpoint) => {
        const membership = relay.observe(visitId, observerId, endpoint);
        return {
          sides: membership.sides,
          toSide: (side, data) => membership.toSide(side, data),
          act: (message) => {
            const reached = membership.act(message);
            if (message.act.action === 'warn' && reached.length > 0) this.entry(visitId).warnings += 1;
            return reached;
          },
          leave: () => membership.leave(),
        };
      },
      join: async (visitId, side, endpoint) => {
        const membership = await relay.join(visitId, side, {
          deliver: (message) => {
            // A warning delivered to this side came from the other terminal's administrators.
            if (message.type === 'signal' && isWarning(message.data)) this.entry(visitId).warnings += 1;
            // Issue #20: the other terminal may join on another node; its presence is the sign then.
            if (message.type === 'presence' && message.state === 'joined') this.entry(visitId).startedAt ??= this.now();
            endpoint.deliver(message);
          },
          evict: () => endpoint.evict(),
        });
        if (membership.peerPresent || relay.live().find((r) => r.visitId === visitId)?.sides.length === 2) {
          const e = this.entry(visitId);
          e.startedAt ??= this.now();
        }
        return membership;
      },
    };
  }

  of(visitId: string): Seen {
    const e = this.seen.get(visitId);
    return { startedAt: e?.startedAt ?? null, warnings: e?.warnings ?? 0 };
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
