// Issue #20 item 2: the relay when the two terminals of a visit (and the monitoring
// centre's observers) may sit on different store nodes. Each node keeps its own
// sockets as InProcessRelay does and delivers locally when both ends are here; what
// must reach a socket elsewhere, and every presence change, goes on the visit's
// channel of the SignalBus. Envelopes carry (stream, seq): a receiver drops one it
// has seen, so a message arrives once; the bus keeps one sender's order.
// A terminal reconnecting through another node (R18.1: its node died) joins there;
// its `joined` makes any node still holding that side drop the old socket silently.
import { randomUUID } from 'node:crypto';
import type { ServerMessage, SignalSide } from '../../src-shared/signaling/protocol';
import type { ObserverOfficer } from '../../src-shared/signaling/observer-protocol';
import type { LiveRoom, Membership, ObserverEndpoint, ObserverMembership, PeerEndpoint, SignalRelay } from './relay';
import type { BusEnvelope, BusEvent, SignalBus } from './bus/signal-bus';

const other = (side: SignalSide): SignalSide => (side === 'inmate' ? 'visitor' : 'inmate');

interface Room {
  readonly visitId: string;
  readonly stream: string;
  seq: number;
  readonly sides: Map<SignalSide, PeerEndpoint>;
  readonly observers: Map<string, ObserverEndpoint>;
  /** Sides and observers held by other nodes, as they told us. */
  readonly remoteSides: Set<SignalSide>;
  readonly remoteObservers: Map<string, ObserverOfficer>;
  /** Last seq taken per sender stream. */
  readonly lastSeen: Map<string, number>;
  /** Until the subscription is live, envelopes wait here (answers must be able to reach us). */
  waiting: BusEnvelope[] | null;
  /** The unsubscribe, after the last publish. */
  outbox: Promise<unknown>;
  readonly subscribed: Promise<() => Promise<void>>;
}

export interface BusRelayLog {
  error(obj: object, msg: string): void;
}

export class BusRelay implements SignalRelay {
  readonly node = randomUUID();
  private readonly rooms = new Map<string, Room>();
  private incarnation = 0;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly bus: SignalBus,
    private readonly log?: BusRelayLog,
  ) {}

  private room(visitId: string): Room {
    const found = this.rooms.get(visitId);
    if (found !== undefined) return found;
    const room: Room = {
      visitId,
      stream: `${this.node}.${(this.incarnation += 1)}`,
      seq: 0,
      sides: new Map(),
      observers: new Map(),
      remoteSides: new Set(),
      remoteObservers: new Map(),
      lastSeen: new Map(),
      waiting: [],
      outbox: Promise.resolve(),
      subscribed: this.bus.subscribe(visitId, (envelope) => {
        try {
          if (this.rooms.get(visitId) === room) this.receive(room, envelope);
        } catch (err) {
          this.log?.error({ err, visitId }, 'signaling bus: handling an envelope failed');
        }
      }),
    };
    // Once live, what waited goes out in order; later envelopes go straight to the bus, which keeps call order.
    this.track(
      room.subscribed.then(
        () => {
          const waiting = room.waiting ?? [];
          room.waiting = null;
          for (const envelope of waiting) this.send(room, envelope);
        },
        (err: unknown) => this.log?.error({ err, visitId }, 'signaling bus: subscribe failed'),
      ),
    );
    this.rooms.set(visitId, room);
    return room;
  }

  private publish(room: Room, event: BusEvent): void {
    const envelope: BusEnvelope = { origin: this.node, stream: room.stream, seq: (room.seq += 1), event };
    if (room.waiting !== null) room.waiting.push(envelope);
    else this.send(room, envelope);
  }

  private send(room: Room, envelope: BusEnvelope): void {
    const sent = this.bus
      .publish(room.visitId, envelope)
      .catch((err: unknown) => this.log?.error({ err, visitId: room.visitId }, 'signaling bus: publish failed'));
    room.outbox = sent;
    this.track(sent);
  }

  private track(p: Promise<unknown>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Waits until what was published (the `left` of sockets closed at shutdown) is out. */
  async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** No socket of the visit left here: stop listening once what we said is out. */
  private maybeDrop(room: Room): void {
    if (room.sides.size > 0 || room.observers.size > 0 || this.rooms.get(room.visitId) !== room) return;
    this.rooms.delete(room.visitId);
    this.track(
      (room.outbox = room.outbox
        .then(() => room.subscribed)
        .then((unsubscribe) => unsubscribe())
        .catch((err: unknown) => this.log?.error({ err, visitId: room.visitId }, 'signaling bus: unsubscribe failed'))),
    );
  }

  private held(room: Room): BusEvent {
    return {
      kind: 'present',
      sides: [...room.sides.keys()],
      observers: [...room.observers].map(([observerId, o]) => ({ observerId, officer: o.officer })),
    };
  }

  private remoteSideJoined(room: Room, side: SignalSide, rejoined: boolean): void {
    room.sides.get(other(side))?.deliver({ type: 'presence', side, state: 'joined', ...(rejoined ? { rejoined: true } : {}) });
    for (const watcher of room.observers.values()) watcher.deliver({ type: 'presence', side, state: 'joined' });
  }

  private receive(room: Room, envelope: BusEnvelope): void {
    if (envelope.origin === this.node) return;
    const last = room.lastSeen.get(envelope.stream) ?? 0;
    if (envelope.seq <= last) return; // seen already: once only
    room.lastSeen.set(envelope.stream, envelope.seq);
    const e = envelope.event;
    switch (e.kind) {
      case 'joined': {
        const local = room.sides.get(e.side);
        const rejoined = local !== undefined || room.remoteSides.has(e.side);
        if (local !== undefined) {
          // The terminal came back through another node: this socket is the old one.
          room.sides.delete(e.side);
          local.evict();
        }
        room.remoteSides.add(e.side);
        this.remoteSideJoined(room, e.side, rejoined);
        if (room.sides.size > 0 || room.observers.size > 0) this.publish(room, this.held(room));
        return this.maybeDrop(room);
      }
      case 'present':
        for (const side of e.sides) {
          if (room.sides.has(side) || room.remoteSides.has(side)) continue;
          room.remoteSides.add(side);
          this.remoteSideJoined(room, side, false);
        }
        for (const o of e.observers) {
          if (room.observers.has(o.observerId) || room.remoteObservers.has(o.observerId)) continue;
          room.remoteObservers.set(o.observerId, o.officer);
          for (const peer of room.sides.values())
            peer.deliver({ type: 'observer', observerId: o.observerId, state: 'joined', by: o.officer });
        }
        return;
      case 'left':
        if (!room.remoteSides.delete(e.side)) return;
        room.sides.get(other(e.side))?.deliver({ type: 'presence', side: e.side, state: 'left' });
        for (const watcher of room.observers.values()) watcher.deliver({ type: 'presence', side: e.side, state: 'left' });
        return;
      case 'to-side':
        room.sides.get(e.side)?.deliver(e.message);
        return;
      case 'observer-joined':
        room.remoteObservers.set(e.observerId, e.officer);
        for (const peer of room.sides.values())
          peer.deliver({ type: 'observer', observerId: e.observerId, state: 'joined', by: e.officer });
        if (room.sides.size > 0) this.publish(room, this.held(room));
        return;
      case 'observer-left': {
        const officer = room.remoteObservers.get(e.observerId);
        if (officer === undefined) return;
        room.remoteObservers.delete(e.observerId);
        for (const peer of room.sides.values())
          peer.deliver({ type: 'observer', observerId: e.observerId, state: 'left', by: officer });
        return;
      }
      case 'to-observer':
        room.observers.get(e.observerId)?.deliver(e.message);
        return;
      case 'credential':
        return; // not a visit's: ../withdrawal-relay listens on its own channel
    }
  }

  size(): number {
    let n = 0;
    for (const room of this.rooms.values()) n += room.sides.size;
    return n;
  }

  live(): LiveRoom[] {
    return [...this.rooms.values()]
      .filter((room) => room.sides.size + room.remoteSides.size > 0)
      .map((room) => ({
        visitId: room.visitId,
        sides: [...new Set([...room.sides.keys(), ...room.remoteSides])],
        observers: room.observers.size + room.remoteObservers.size,
      }));
  }

  async join(visitId: string, side: SignalSide, endpoint: PeerEndpoint): Promise<Membership> {
    const room = this.room(visitId);
    const previous = room.sides.get(side);
    room.sides.set(side, endpoint);
    if (previous !== undefined) previous.evict();
    const wasRemote = room.remoteSides.delete(side);
    const peer = room.sides.get(other(side));
    peer?.deliver({
      type: 'presence',
      side,
      state: 'joined',
      ...(previous !== undefined || wasRemote ? { rejoined: true } : {}),
    });
    for (const [observerId, watcher] of room.observers) {
      endpoint.deliver({ type: 'observer', observerId, state: 'joined', by: watcher.officer });
      watcher.deliver({ type: 'presence', side, state: 'joined' });
    }
    for (const [observerId, officer] of room.remoteObservers)
      endpoint.deliver({ type: 'observer', observerId, state: 'joined', by: officer });
    this.publish(room, { kind: 'joined', side });
    // Answers (`present`) can only reach us once the subscription is live.
    await room.subscribed;

    let left = false;
    const membership: Membership = {
      peerPresent: peer !== undefined || room.remoteSides.has(other(side)),
      toPeer: (message: ServerMessage) => {
        if (left) return false;
        const target = room.sides.get(other(side));
        if (target !== undefined) target.deliver(message);
        else if (room.remoteSides.has(other(side))) this.publish(room, { kind: 'to-side', side: other(side), message });
        else {
          endpoint.deliver({ type: 'error', code: 'PEER_ABSENT', message: '对方终端尚未连接，消息未送达' });
          return false;
        }
        return true;
      },
      leave: () => {
        if (left) return;
        left = true;
        // A replaced socket leaves silently: its successor holds the side (here or on another node).
        if (room.sides.get(side) !== endpoint) return;
        room.sides.delete(side);
        room.sides.get(other(side))?.deliver({ type: 'presence', side, state: 'left' });
        for (const watcher of room.observers.values()) watcher.deliver({ type: 'presence', side, state: 'left' });
        this.publish(room, { kind: 'left', side });
        this.maybeDrop(room);
      },
      toObserver: (observerId, data) => {
        if (left) return false;
        const watcher = room.observers.get(observerId);
        if (watcher !== undefined) {
          watcher.deliver({ type: 'signal', from: side, data });
          return true;
        }
        if (!room.remoteObservers.has(observerId)) return false;
        this.publish(room, { kind: 'to-observer', observerId, message: { type: 'signal', from: side, data } });
        return true;
      },
    };
    return membership;
  }

  observe(visitId: string, observerId: string, endpoint: ObserverEndpoint): ObserverMembership {
    const room = this.room(visitId);
    room.observers.set(observerId, endpoint);
    for (const peer of room.sides.values()) peer.deliver({ type: 'observer', observerId, state: 'joined', by: endpoint.officer });
    this.publish(room, { kind: 'observer-joined', observerId, officer: endpoint.officer });
    const tellLeft = () => {
      for (const peer of room.sides.values()) peer.deliver({ type: 'observer', observerId, state: 'left', by: endpoint.officer });
      this.publish(room, { kind: 'observer-left', observerId });
    };
    let left = false;
    const toSide = (side: SignalSide, message: ServerMessage): boolean => {
      const local = room.sides.get(side);
      if (local !== undefined) {
        local.deliver(message);
        return true;
      }
      if (!room.remoteSides.has(side)) return false;
      this.publish(room, { kind: 'to-side', side, message });
      return true;
    };
    return {
      sides: [...new Set([...room.sides.keys(), ...room.remoteSides])],
      toSide: (side, data) => !left && toSide(side, { type: 'observer-signal', observerId, data }),
      act: (message) => {
        if (left) return [];
        return (['inmate', 'visitor'] as const).filter((side) => toSide(side, message));
      },
      leave: () => {
        if (left) return;
        left = true;
        if (room.observers.get(observerId) !== endpoint) return;
        room.observers.delete(observerId);
        tellLeft();
        this.maybeDrop(room);
      },
    };
  }
}
