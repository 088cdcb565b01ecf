// Issue #20 item 2: the relay of several store nodes over a bus, with two BusRelays on one
// in-process hub. A bus that delivers every envelope twice (a network's retry, a node
// subscribed twice) still gives each message once and in order; a reconnect through the
// other node evicts the old socket and tells the peer it rejoined; chunks rejoin whole.
import { describe, expect, it } from 'vitest';
import { BusRelay } from '../../../../src-server/signaling/bus-relay';
import { MemoryBus, MemoryHub } from '../../../../src-server/signaling/bus/signal-bus';
import type { BusEnvelope, SignalBus } from '../../../../src-server/signaling/bus/signal-bus';
import { chunkText } from '../../../../src-server/signaling/bus/postgres-bus';
import { signalBusKind } from '../../../../src-server/signaling/bus/choose-bus';
import type { PeerEndpoint } from '../../../../src-server/signaling/relay';
import type { ServerMessage } from '../../../../src-shared/signaling/protocol';

/** Delivers everything twice, the second copy after later envelopes. */
class DoublingBus implements SignalBus {
  readonly kind = 'memory';
  constructor(private readonly inner: MemoryBus) {}
  async publish(visitId: string, envelope: BusEnvelope): Promise<void> {
    await this.inner.publish(visitId, envelope);
    setTimeout(() => void this.inner.publish(visitId, envelope), 5);
  }
  subscribe(visitId: string, handler: (e: BusEnvelope) => void) {
    return this.inner.subscribe(visitId, handler);
  }
  close() {
    return this.inner.close();
  }
}

const endpoint = () => {
  const got: ServerMessage[] = [];
  let evicted = 0;
  const e: PeerEndpoint & { got: ServerMessage[]; evicted: () => number } = {
    got,
    evicted: () => evicted,
    deliver: (m) => got.push(m),
    evict: () => (evicted += 1),
  };
  return e;
};
const settle = () => new Promise((r) => setTimeout(r, 40));

describe('issue #20 BusRelay: signaling across nodes', () => {
  it('each message once and in order though the bus delivers every envelope twice; presence crosses', async () => {
    const hub = new MemoryHub();
    const [n1, n2] = [new BusRelay(new DoublingBus(new MemoryBus(hub))), new BusRelay(new DoublingBus(new MemoryBus(hub)))];
    const a = endpoint();
    const b = endpoint();
    const ma = await n1.join('v1', 'inmate', a);
    expect(ma.peerPresent).toBe(false);
    const mb = await n2.join('v1', 'visitor', b);
    await settle();
    expect(a.got.filter((m) => m.type === 'presence')).toEqual([{ type: 'presence', side: 'visitor', state: 'joined' }]);
    expect(b.got.filter((m) => m.type === 'presence')).toEqual([{ type: 'presence', side: 'inmate', state: 'joined' }]);
    for (let i = 0; i < 50; i += 1) {
      ma.toPeer({ type: 'signal', from: 'inmate', data: i });
      mb.toPeer({ type: 'signal', from: 'visitor', data: i });
    }
    await settle();
    expect(b.got.filter((m) => m.type === 'signal').map((m) => (m.type === 'signal' ? m.data : null))).toEqual([
      ...Array(50).keys(),
    ]);
    expect(a.got.filter((m) => m.type === 'signal').map((m) => (m.type === 'signal' ? m.data : null))).toEqual([
      ...Array(50).keys(),
    ]);
    mb.leave();
    await settle();
    expect(a.got.filter((m) => m.type === 'presence').slice(1)).toEqual([{ type: 'presence', side: 'visitor', state: 'left' }]);
    expect(n2.size()).toBe(0);
  });

  it('R18.1: the terminal reconnecting through the other node replaces its old socket there; the peer hears it rejoined', async () => {
    const hub = new MemoryHub();
    const [n1, n2] = [new BusRelay(new MemoryBus(hub)), new BusRelay(new MemoryBus(hub))];
    const a = endpoint();
    const b = endpoint();
    const ma = await n1.join('v2', 'inmate', a);
    await n2.join('v2', 'visitor', b);
    await settle();
    const again = endpoint();
    const m2 = await n2.join('v2', 'inmate', again);
    expect(m2.peerPresent).toBe(true);
    await settle();
    expect(a.evicted()).toBe(1);
    expect(b.got.filter((m) => m.type === 'presence').at(-1)).toEqual({
      type: 'presence',
      side: 'inmate',
      state: 'joined',
      rejoined: true,
    });
    // The old socket closing afterwards says nothing: its successor holds the side.
    ma.leave();
    await settle();
    expect(b.got.filter((m) => m.type === 'presence' && m.state === 'left')).toEqual([]);
    m2.toPeer({ type: 'signal', from: 'inmate', data: 'after' });
    expect(b.got.at(-1)).toEqual({ type: 'signal', from: 'inmate', data: 'after' });
  });

  it('NOTIFY chunks stay under the byte limit without splitting a character, and join back whole', () => {
    const text = `${'填'.repeat(5000)}x${'a'.repeat(9000)}`;
    const parts = chunkText(text, 7000);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(7000);
    expect(parts.join('')).toBe(text);
  });

  it('SIGNAL_BUS: postgres by default on PostgreSQL, memory on SQLite; a bad value or postgres on SQLite is refused in Chinese', () => {
    const pgDb = { engine: 'postgres' as const, connectionString: 'postgres://x/y' };
    const sqlite = { engine: 'sqlite' as const, file: '/tmp/x.sqlite' };
    expect(signalBusKind({}, pgDb)).toBe('postgres');
    expect(signalBusKind({}, sqlite)).toBe('memory');
    expect(signalBusKind({ SIGNAL_BUS: 'redis' }, sqlite)).toBe('redis');
    expect(() => signalBusKind({ SIGNAL_BUS: 'kafka' }, pgDb)).toThrow(/SIGNAL_BUS 取值无效/);
    expect(() => signalBusKind({ SIGNAL_BUS: 'postgres' }, sqlite)).toThrow(/要求中心库运行在 PostgreSQL/);
  });
});
