// Where the two sockets of a visit meet. The interface is what several server
// nodes will need later: a node holds only its own sockets, and a relay routes
// messages and presence between the nodes by visit id (PostgreSQL LISTEN/NOTIFY,
// one channel per node, or Redis pub/sub). Not built yet: only the in-process
// relay below exists, for one node.
import type { ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';

/** One socket's end, as the relay sees it. */
export interface PeerEndpoint {
  /** Sends to this socket; called in the order messages are relayed. */
  deliver(message: ServerMessage): void;
  /** Another connection took over this side of the visit (a reconnect): close this one. */
  evict(): void;
}

export interface Membership {
  /** Whether the other side was connected when this one joined. */
  readonly peerPresent: boolean;
  /** Relays to the other side in call order; answers the sender PEER_ABSENT if nobody is there. */
  toPeer(message: ServerMessage): void;
  /** This socket is gone: tells the peer, unless this socket was replaced. Idempotent. */
  leave(): void;
}

export interface SignalRelay {
  /** Joins a side of a visit; a socket already on that side is evicted and the peer told it rejoined. */
  join(visitId: string, side: SignalSide, endpoint: PeerEndpoint): Promise<Membership>;
  /** Sockets per visit on this node, for tests and the overview. */
  size(): number;
}

const other = (side: SignalSide): SignalSide => (side === 'inmate' ? 'visitor' : 'inmate');

/** The single-node relay: both sockets of a visit are in this process. */
export class InProcessRelay implements SignalRelay {
  private readonly visits = new Map<string, Map<SignalSide, PeerEndpoint>>();

  size(): number {
    let n = 0;
    for (const sides of this.visits.values()) n += sides.size;
    return n;
  }

  join(visitId: string, side: SignalSide, endpoint: PeerEndpoint): Promise<Membership> {
    let sides = this.visits.get(visitId);
    if (sides === undefined) {
      sides = new Map();
      this.visits.set(visitId, sides);
    }
    const room = sides;
    const previous = room.get(side);
    room.set(side, endpoint);
    if (previous !== undefined) previous.evict();
    const peer = room.get(other(side));
    peer?.deliver({ type: 'presence', side, state: 'joined', ...(previous !== undefined ? { rejoined: true } : {}) });

    let left = false;
    const membership: Membership = {
      peerPresent: peer !== undefined,
      toPeer: (message) => {
        if (left) return;
        const target = room.get(other(side));
        if (target !== undefined) target.deliver(message);
        else endpoint.deliver({ type: 'error', code: 'PEER_ABSENT', message: '对方终端尚未连接，消息未送达' });
      },
      leave: () => {
        if (left) return;
        left = true;
        // A replaced socket leaves silently: its successor already holds the side.
        if (room.get(side) !== endpoint) return;
        room.delete(side);
        room.get(other(side))?.deliver({ type: 'presence', side, state: 'left' });
        if (room.size === 0 && this.visits.get(visitId) === room) this.visits.delete(visitId);
      },
    };
    return Promise.resolve(membership);
  }
}
