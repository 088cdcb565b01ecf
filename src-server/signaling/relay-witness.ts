// What the store itself saw of a visit's call on the relay: whether each side's signals
// reached the other (offer/answer and ICE candidates cross the relay before any media flows).
// A terminal's `outcome` message says a call completed or was interrupted; the store believes
// it only when the call can have started (areas/schedule/settle-visit.ts), and the relay's
// own observation is that evidence on the signaling road, where the terminal's chain
// (call.started) may not have arrived by sync yet. Issue #20: kept in the cluster's tables too
// (./live-registry: written once per side and node), so a terminal whose node died and that
// reports through another node still finds the evidence. With the sides on two nodes each
// node sees both directions: one delivered, one handed on.
import type { SignalSide } from '../../src-shared/signaling/protocol';
import type { LiveRegistry } from './live-registry';
import type { SignalRelay } from './relay';

const FORGET_AFTER_MS = 24 * 60 * 60_000;
const PRUNE_ABOVE = 10_000;

export class RelayWitness {
  private readonly seen = new Map<string, { sides: Set<SignalSide>; at: number }>();

  constructor(
    private readonly registry: Pick<LiveRegistry, 'relayed' | 'relayedBothWays'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The relay, watching every signal it delivers. */
  watch(relay: SignalRelay): SignalRelay {
    return {
      size: () => relay.size(),
      observe: (visitId, observerId, endpoint) => relay.observe(visitId, observerId, endpoint),
      live: () => relay.live(),
      join: async (visitId, side, endpoint) => {
        const membership = await relay.join(visitId, side, {
          deliver: (message) => {
            if (message.type === 'signal' && message.from !== side) this.note(visitId, message.from);
            endpoint.deliver(message);
          },
          evict: () => endpoint.evict(),
        });
        return {
          peerPresent: membership.peerPresent,
          // Issue #20: the other side may be on another node, where its deliveries are seen; this
          // node sees this side's signals handed on (to the bus, the other side being present there).
          toPeer: (message) => {
            const handed = membership.toPeer(message);
            if (handed && message.type === 'signal') this.note(visitId, side);
            return handed;
          },
          leave: () => membership.leave(),
          toObserver: (observerId, data) => membership.toObserver(observerId, data),
        };
      },
    };
  }

  /** Both sides' signals reached the other side (seen here, or by any node). */
  async bothWays(visitId: string): Promise<boolean> {
    return this.seen.get(visitId)?.sides.size === 2 || (await this.registry.relayedBothWays(visitId));
  }

  private note(visitId: string, from: SignalSide): void {
    const now = this.now();
    const entry = this.seen.get(visitId) ?? { sides: new Set<SignalSide>(), at: now };
    if (!entry.sides.has(from)) void this.registry.relayed(visitId, from);
    entry.sides.add(from);
    entry.at = now;
    this.seen.set(visitId, entry);
    if (this.seen.size > PRUNE_ABOVE) {
      for (const [id, e] of this.seen) if (now - e.at > FORGET_AFTER_MS) this.seen.delete(id);
    }
  }
}
