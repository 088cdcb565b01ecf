// Issue #20 item 2: how the store nodes of one province pass a visit's signaling
// to each other. A node holds only its own sockets (../bus-relay); what must reach a
// socket on another node goes out as an envelope on the visit's channel. Three
// engines behind this one interface: in-process (one node), PostgreSQL LISTEN/NOTIFY
// (./postgres-bus) and Redis pub/sub (./redis-bus). Each keeps the call order of
// publish() on its one publishing connection; the relay numbers envelopes per
// sender and drops repeats, so a message arrives in order and once.
import type { ServerMessage, SignalSide } from '../../../src-shared/signaling/protocol';
import type { ObserverOfficer, ObserverServerMessage } from '../../../src-shared/signaling/observer-protocol';

/** What one node tells the others about a visit. */
export type BusEvent =
  /** A terminal of this side joined on the sender: another node holding that side drops its old socket. */
  | { kind: 'joined'; side: SignalSide }
  /** The sender's answer to a join or an observer: what it holds of the visit. */
  | { kind: 'present'; sides: SignalSide[]; observers: { observerId: string; officer: ObserverOfficer }[] }
  | { kind: 'left'; side: SignalSide }
  /** A message for the terminal of `side`, wherever it is. */
  | { kind: 'to-side'; side: SignalSide; message: ServerMessage }
  | { kind: 'observer-joined'; observerId: string; officer: ObserverOfficer }
  | { kind: 'observer-left'; observerId: string }
  | { kind: 'to-observer'; observerId: string; message: ObserverServerMessage }
  /** On CREDENTIALS_CHANNEL (../withdrawal-relay): a terminal revoked or an account disabled (or enabled again) on the sender. */
  | { kind: 'credential'; owner: { kind: 'terminal' | 'staff'; id: string }; state: 'withdrawn' | 'reinstated' };

/** Issue #20: not a visit id (those are UUIDs): the channel of credentials withdrawn on any node. */
export const CREDENTIALS_CHANNEL = 'credentials';

export interface BusEnvelope {
  /** The sending node. */
  origin: string;
  /** The sender's stream for this visit (node and room incarnation): `seq` counts within it. */
  stream: string;
  seq: number;
  event: BusEvent;
}

export type BusHandler = (envelope: BusEnvelope) => void;

export interface SignalBus {
  /** Which engine, for logs and /ready. */
  readonly kind: 'memory' | 'postgres' | 'redis';
  /** Sends to every node subscribed to the visit (this one included); calls are delivered in call order. */
  publish(visitId: string, envelope: BusEnvelope): Promise<void>;
  /** Resolves once envelopes published after it will reach `handler`; returns the unsubscribe. */
  subscribe(visitId: string, handler: BusHandler): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Handlers per visit, shared by the engines: the engine subscribes a channel on the first and drops it after the last. */
export class HandlerTable {
  private readonly table = new Map<string, Set<BusHandler>>();

  /** True when this is the visit's first handler. */
  add(visitId: string, handler: BusHandler): boolean {
    let set = this.table.get(visitId);
    const first = set === undefined;
    if (set === undefined) {
      set = new Set();
      this.table.set(visitId, set);
    }
    set.add(handler);
    return first;
  }

  /** True when that was the visit's last handler. */
  remove(visitId: string, handler: BusHandler): boolean {
    const set = this.table.get(visitId);
    if (set === undefined || !set.delete(handler)) return false;
    if (set.size > 0) return false;
    this.table.delete(visitId);
    return true;
  }

  has(visitId: string): boolean {
    return this.table.has(visitId);
  }

  dispatch(visitId: string, envelope: BusEnvelope): void {
    for (const handler of [...(this.table.get(visitId) ?? [])]) handler(envelope);
  }

  clear(): void {
    this.table.clear();
  }
}

/** Nodes in one process (a single store, or tests and the bench): delivery on the next microtask, in order. */
export class MemoryHub {
  readonly handlers = new HandlerTable();
}

export class MemoryBus implements SignalBus {
  readonly kind = 'memory';
  private readonly mine = new Set<{ visitId: string; handler: BusHandler }>();

  constructor(private readonly hub: MemoryHub = new MemoryHub()) {}

  publish(visitId: string, envelope: BusEnvelope): Promise<void> {
    // Through JSON, as over the wire: no receiver shares the sender's objects.
    const copy = JSON.parse(JSON.stringify(envelope)) as BusEnvelope;
    return Promise.resolve().then(() => this.hub.handlers.dispatch(visitId, copy));
  }

  subscribe(visitId: string, handler: BusHandler): Promise<() => Promise<void>> {
    const entry = { visitId, handler };
    this.mine.add(entry);
    this.hub.handlers.add(visitId, handler);
    return Promise.resolve(() => {
      this.mine.delete(entry);
      this.hub.handlers.remove(visitId, handler);
      return Promise.resolve();
    });
  }

  close(): Promise<void> {
    for (const { visitId, handler } of this.mine) this.hub.handlers.remove(visitId, handler);
    this.mine.clear();
    return Promise.resolve();
  }
}
