// npm run bench:signal-bus — issue #20 item 2: one-way latency of a 1 KB signaling message
// between the two terminals of a visit, (a) both on one node (the in-process relay: the
// baseline), (b) on two nodes through PostgreSQL LISTEN/NOTIFY, (c) through Redis pub/sub.
// Two BusRelay instances stand for the two nodes, each with its own bus connections, as
// two store processes would have; the WebSocket hops at either end are the same in every
// case and left out. Messages go one at a time (the next once the last arrived), plus a
// burst of BURST to see throughput. Needs PostgreSQL (TEST_PG_URL) and Redis (REDIS_URL).
// Last line of output: one JSON object.
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { createFreshDatabase } from '../../harness/store/databases';
import { InProcessRelay } from '../../src-server/signaling/relay';
import type { PeerEndpoint, SignalRelay } from '../../src-server/signaling/relay';
import { BusRelay } from '../../src-server/signaling/bus-relay';
import { PostgresBus } from '../../src-server/signaling/bus/postgres-bus';
import { RedisBus } from '../../src-server/signaling/bus/redis-bus';
import type { SignalBus } from '../../src-server/signaling/bus/signal-bus';
import type { ServerMessage } from '../../src-shared/signaling/protocol';

const WARMUP = 200;
const SAMPLES = 2000;
const BURST = 2000;
const PAYLOAD = 'x'.repeat(1000); // with the envelope around it: ~1 KB on the wire

interface Figures {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  burstPerSecond: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number) => Math.round(n * 10_000) / 10_000;

async function measure(inmateNode: SignalRelay, visitorNode: SignalRelay): Promise<Figures> {
  const visitId = randomUUID();
  let arrived: ((m: ServerMessage) => void) | null = null;
  let absent = 0;
  const visitor: PeerEndpoint = { deliver: (m) => void (m.type === 'signal' && arrived?.(m)), evict: () => undefined };
  const inmate: PeerEndpoint = { deliver: (m) => void (m.type === 'error' && (absent += 1)), evict: () => undefined };
  await visitorNode.join(visitId, 'visitor', visitor);
  const membership = await inmateNode.join(visitId, 'inmate', inmate);
  // Until the inmate's node has heard of the visitor (across nodes: the visitor node's answer on the bus).
  const deadline = Date.now() + 5000;
  for (;;) {
    const before = absent;
    const probe = new Promise<ServerMessage>((resolve) => (arrived = resolve));
    membership.toPeer({ type: 'signal', from: 'inmate', data: { probe: true } });
    if (absent === before) {
      await probe;
      break;
    }
    if (Date.now() > deadline) throw new Error('the two nodes never saw each other');
    await new Promise((r) => setTimeout(r, 20));
  }
  const figures = await run(membership.toPeer, (r) => (arrived = r));
  membership.leave();
  return figures;
}

async function run(toPeer: (m: ServerMessage) => boolean, onArrive: (r: (m: ServerMessage) => void) => void): Promise<Figures> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i += 1) {
    const got = new Promise<ServerMessage>((resolve) => onArrive(resolve));
    const t0 = performance.now();
    toPeer({ type: 'signal', from: 'inmate', data: { i, pad: PAYLOAD } });
    await got;
    if (i >= WARMUP) times.push(performance.now() - t0);
  }
  let received = 0;
  const done = new Promise<void>((resolve) =>
    onArrive(() => {
      received += 1;
      if (received === BURST) resolve();
    }),
  );
  const b0 = performance.now();
  for (let i = 0; i < BURST; i += 1) toPeer({ type: 'signal', from: 'inmate', data: { i, pad: PAYLOAD } });
  await done;
  const burstMs = performance.now() - b0;
  const sorted = times.sort((a, b) => a - b);
  return {
    p50Ms: round(pct(sorted, 50)),
    p99Ms: round(pct(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    burstPerSecond: Math.round((BURST / burstMs) * 1000),
  };
}

async function acrossNodes(make: () => SignalBus): Promise<Figures> {
  const buses = [make(), make()];
  const [a, b] = buses.map((bus) => new BusRelay(bus)) as [BusRelay, BusRelay];
  try {
    return await measure(a, b);
  } finally {
    await a.drain();
    await b.drain();
    await Promise.all(buses.map((bus) => bus.close()));
  }
}

const fresh = await createFreshDatabase('postgres');
try {
  const sameNode = new InProcessRelay();
  const memory = await measure(sameNode, sameNode);
  const postgres = await acrossNodes(() => new PostgresBus(fresh.url));
  const redis = await acrossNodes(() => new RedisBus(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379'));
  // Same-node delivery is a function call (microseconds): floor it at 1 µs so the ratio stays finite.
  const ratio = (f: Figures) => ({
    p50: Math.round(f.p50Ms / Math.max(memory.p50Ms, 0.001)),
    p99: Math.round(f.p99Ms / Math.max(memory.p99Ms, 0.001)),
  });
  const result = {
    bench: 'signal-bus',
    samples: SAMPLES,
    bytes: JSON.stringify({ type: 'signal', from: 'inmate', data: { i: 0, pad: PAYLOAD } }).length,
    memorySameNode: memory,
    postgres: { ...postgres, vsSameNode: ratio(postgres) },
    redis: { ...redis, vsSameNode: ratio(redis) },
  };
  for (const [name, f] of [
    ['memory (same node)', memory],
    ['postgres (two nodes)', postgres],
    ['redis (two nodes)', redis],
  ] as const)
    process.stdout.write(
      `${name.padEnd(22)} p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  max ${f.maxMs} ms  burst ${f.burstPerSecond}/s\n`,
    );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  await fresh.drop();
}
