// Where the two sockets of a visit meet. InProcessRelay below: one node, both
// sockets in this process. Several nodes (issue #20): ./bus-relay holds this
// node's sockets and routes messages and presence between the nodes by visit id
// over a SignalBus (./bus: PostgreSQL LISTEN/NOTIFY or Redis pub/sub).
import type { ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import type { ObserverActMessage, ObserverOfficer, ObserverServerMessage } from '../../src-shared/signaling/observer-protocol';
import type { RtcSignal } from '../../src-shared/signaling/rtc-signal';

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
  /** Relays to the other side in call order; answers the sender PEER_ABSENT if nobody is there. True when handed on. */
  toPeer(message: ServerMessage): boolean;
  /** This socket is gone: tells the peer, unless this socket was replaced. Idempotent. */
  leave(): void;
  /** Issue #19: this terminal's WebRTC signal to one observer; false when that observer is gone. */
  toObserver(observerId: string, data: RtcSignal): boolean;
}

/** Issue #19: a monitoring centre's observer socket, as the relay sees it. */
export interface ObserverEndpoint {
  readonly officer: ObserverOfficer;
  deliver(message: ObserverServerMessage): void;
}

export interface ObserverMembership {
  /** The sides on the relay when the observer joined. */
  readonly sides: SignalSide[];
  /** The observer's signal to one side's terminal; false when that side is away. */
  toSide(side: SignalSide, data: RtcSignal): boolean;
  /** The observer's action, to both terminals; the sides it reached. */
  act(message: ObserverActMessage): SignalSide[];
  /** The observer is gone: both terminals are told. Idempotent. */
  leave(): void;
}

/** A visit with a terminal on the relay, for the monitoring centre's list. */
export interface LiveRoom {
  visitId: string;
  sides: SignalSide[];
  observers: number;
}

export interface SignalRelay {
  /** Joins a side of a visit; a socket already on that side is evicted and the peer told it rejoined. */
  join(visitId: string, side: SignalSide, endpoint: PeerEndpoint): Promise<Membership>;
  /** Sockets per visit on this node, for tests and the overview. */
  size(): number;
  /** Issue #19: an observer joins a visit's room (terminals present or not); both terminals are told. */
  observe(visitId: string, observerId: string, endpoint: ObserverEndpoint): ObserverMembership;
  /** Visits with at least one terminal on the relay. */
  live(): LiveRoom[];
}

const other = (side: SignalSide): SignalSide => (side === 'inmate' ? 'visitor' : 'inmate');

/** The single-node relay: both sockets of a visit are in this process. */
export class InProcessRelay implements SignalRelay {
  private readonly visits = new Map<string, Map<SignalSide, PeerEndpoint>>();
  private readonly observers = new Map<string, Map<string, ObserverEndpoint>>();

  live(): LiveRoom[] {
    return [...this.visits].map(([visitId, sides]) => ({
      visitId,
      sides: [...sides.keys()],
      observers: this.observers.get(visitId)?.size ?? 0,
    }));
  }

  observe(visitId: string, observerId: string, endpoint: ObserverEndpoint): ObserverMembership {
    let watchers = this.observers.get(visitId);
    if (watchers === undefined) {
      watchers = new Map();
      this.observers.set(visitId, watchers);
    }
    const room = watchers;
    room.set(observerId, endpoint);
    const sidesNow = (): Map<SignalSide, PeerEndpoint> => this.visits.get(visitId) ?? new Map();
    const tell = (state: 'joined' | 'left') => {
      for (const peer of sidesNow().values()) peer.deliver({ type: 'observer', observerId, state, by: endpoint.officer });
    };
    tell('joined');
    let left = false;
    return {
      sides: [...sidesNow().keys()],
      toSide: (side, data) => {
        const target = left ? undefined : sidesNow().get(side);
        target?.deliver({ type: 'observer-signal', observerId, data });
        return target !== undefined;
      },
      act: (message) => {
        if (left) return [];
        const reached: SignalSide[] = [];
        for (const [side, peer] of sidesNow()) {
          peer.deliver(message);
          reached.push(side);
        }
        return reached;
      },
      leave: () => {
        if (left) return;
        left = true;
        if (room.get(observerId) !== endpoint) return;
        room.delete(observerId);
        if (room.size === 0 && this.observers.get(visitId) === room) this.observers.delete(visitId);
        tell('left');
      },
    };
  }

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
    // Issue #19: the observers watching already: this terminal builds a stream to each; they drop its old one.
    for (const [observerId, watcher] of this.observers.get(visitId) ?? []) {
      endpoint.deliver({ type: 'observer', observerId, state: 'joined', by: watcher.officer });
      watcher.deliver({ type: 'presence', side, state: 'joined' });
    }

    let left = false;
    const membership: Membership = {
      peerPresent: peer !== undefined,
      toPeer: (message) => {
        if (left) return false;
        const target = room.get(other(side));
        if (target !== undefined) target.deliver(message);
        else endpoint.deliver({ type: 'error', code: 'PEER_ABSENT', message: '对方终端尚未连接，消息未送达' });
        return target !== undefined;
      },
      leave: () => {
        if (left) return;
        left = true;
        // A replaced socket leaves silently: its successor already holds the side.
        if (room.get(side) !== endpoint) return;
        room.delete(side);
        room.get(other(side))?.deliver({ type: 'presence', side, state: 'left' });
        for (const watcher of this.observers.get(visitId)?.values() ?? [])
          watcher.deliver({ type: 'presence', side, state: 'left' });
        if (room.size === 0 && this.visits.get(visitId) === room) this.visits.delete(visitId);
      },
      toObserver: (observerId, data) => {
        const watcher = left ? undefined : this.observers.get(visitId)?.get(observerId);
        watcher?.deliver({ type: 'signal', from: side, data });
        return watcher !== undefined;
      },
    };
    return Promise.resolve(membership);
  }
}
