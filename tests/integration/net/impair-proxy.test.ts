// Issue #23 item 2: the userspace UDP impairment proxy, measured with real UDP sockets on
// 127.0.0.1: a client sends numbered packets through it to an echo server. Delay, order under
// jitter, random and burst loss, the bandwidth cap and an outage are read from what arrives.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, test } from 'vitest';
import { startImpairProxy, type ImpairProxy } from '../../../harness/net/impair-proxy';
import { OPEN_LINK, type LinkSettings } from '../../../harness/net/link-impairment';
import { linkSettings, PROFILES } from '../../../harness/net/profiles';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const opened: { close(): unknown }[] = [];

afterEach(async () => {
  for (const o of opened.splice(0)) await o.close();
});

async function udp(): Promise<Socket> {
  const s = createSocket('udp4');
  await new Promise<void>((resolve) => s.bind(0, '127.0.0.1', () => resolve()));
  s.setRecvBufferSize(8 * 1024 * 1024);
  opened.push({ close: () => new Promise<void>((r) => s.close(() => r())) });
  return s;
}

/** An echo server that records the sequence numbers (first 4 bytes) it got, when. */
async function world(settings: LinkSettings) {
  const server = await udp();
  const got: { seq: number; at: number; bytes: number }[] = [];
  server.on('message', (m, from) => {
    got.push({ seq: m.readUInt32BE(0), at: performance.now(), bytes: m.length });
    server.send(m, from.port, from.address);
  });
  const proxy: ImpairProxy = await startImpairProxy({ target: { host: '127.0.0.1', port: server.address().port }, settings });
  opened.push(proxy);
  const client = await udp();
  const echoes = new Map<number, number>();
  client.on('message', (m) => echoes.set(m.readUInt32BE(0), performance.now()));
  const sentAt = new Map<number, number>();
  /** Sends `count` packets of `size` bytes, `perMs` of them each millisecond-ish tick. */
  const send = async (from: number, count: number, size = 200, perTick = 5, tickMs = 1) => {
    for (let i = 0; i < count; i += 1) {
      const b = Buffer.alloc(size);
      b.writeUInt32BE(from + i, 0);
      sentAt.set(from + i, performance.now());
      client.send(b, proxy.port, '127.0.0.1');
      if ((i + 1) % perTick === 0) await sleep(tickMs);
    }
  };
  return { proxy, got, echoes, sentAt, send };
}

describe('issue #23 item 2: the UDP impairment proxy, measured', () => {
  test('delay: each crossing adds its one-way delay (round trip = 2 × 2 × 30 ms through an echo)', async () => {
    const w = await world({ ...OPEN_LINK, delayMs: 30 });
    for (let i = 0; i < 40; i += 1) {
      await w.send(i, 1, 100, 1, 0);
      await sleep(10);
    }
    await sleep(200);
    const rtts = [...w.echoes].map(([seq, at]) => at - (w.sentAt.get(seq) ?? 0)).sort((a, b) => a - b);
    expect(rtts).toHaveLength(40);
    // Up and down crossings each add 30 ms: 60 ms, never less; a busy machine adds a little.
    expect(rtts[0]).toBeGreaterThanOrEqual(59);
    expect(rtts[20]).toBeLessThan(100);
  });

  test('jitter varies the delay but keeps the packets in order', async () => {
    const w = await world({ ...OPEN_LINK, delayMs: 20, jitterMs: 15 });
    await w.send(0, 300, 100, 3, 1);
    await sleep(300);
    const seqs = w.got.map((g) => g.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(seqs).toHaveLength(300);
    const oneWay = w.got.map((g) => g.at - (w.sentAt.get(g.seq) ?? 0));
    expect(Math.min(...oneWay)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...oneWay) - Math.min(...oneWay)).toBeGreaterThan(10);
  });

  test('random loss: 10 % asked, about 10 % of 5,000 packets lost, in short runs', { timeout: 20_000 }, async () => {
    const w = await world({ ...OPEN_LINK, loss: 0.1, burst: 1 });
    await w.send(0, 5000, 200, 25, 1);
    await sleep(200);
    const lost = 1 - w.got.length / 5000;
    expect(lost).toBeGreaterThan(0.08);
    expect(lost).toBeLessThan(0.12);
    expect(
      meanRun(
        w.got.map((g) => g.seq),
        5000,
      ),
    ).toBeLessThan(1.4);
  });

  test('burst loss (Gilbert-Elliott): 10 % in bursts of 5 on average', { timeout: 20_000 }, async () => {
    const w = await world({ ...OPEN_LINK, loss: 0.1, burst: 5 });
    await w.send(0, 8000, 200, 25, 1);
    await sleep(200);
    const lost = 1 - w.got.length / 8000;
    expect(lost).toBeGreaterThan(0.06);
    expect(lost).toBeLessThan(0.14);
    const run = meanRun(
      w.got.map((g) => g.seq),
      8000,
    );
    expect(run).toBeGreaterThan(3.5);
    expect(run).toBeLessThan(7);
  });

  test(
    'bandwidth cap: 1 Mbit/s holds a flood of several Mbit/s to about 1 Mbit/s, the excess dropped at the queue',
    { timeout: 20_000 },
    async () => {
      const w = await world({ ...OPEN_LINK, rateBps: 1_000_000, queueMs: 100 });
      // 1,000-byte packets, 15 every 20 ms = 6 Mbit/s offered (still several Mbit/s if a busy machine stretches the sleeps), for about 2 s.
      await w.send(0, 1500, 1000, 15, 20);
      await sleep(300);
      const first = w.got[0]?.at ?? 0;
      const last = w.got.at(-1)?.at ?? 0;
      const bits = w.got.reduce((a, g) => a + g.bytes * 8, 0);
      const rate = bits / ((last - first) / 1000);
      // Never above the cap (beyond the bucket's 10 ms), and not far below it.
      expect(rate).toBeLessThan(1_080_000);
      expect(rate).toBeGreaterThan(800_000);
      const up = w.proxy.counters()[0]?.up;
      expect(up?.lostQueue).toBeGreaterThan(500);
    },
  );

  test('switchable during a flow: an outage drops everything, then the link carries again', async () => {
    const w = await world(linkSettings(PROFILES.county));
    await w.send(0, 100, 200, 5, 5);
    await sleep(100);
    w.proxy.set(linkSettings(PROFILES.county, true));
    await w.send(1000, 100, 200, 5, 5);
    w.proxy.set(linkSettings(PROFILES.poor));
    await w.send(2000, 100, 200, 5, 5);
    await sleep(300);
    const phase = (from: number) => w.got.filter((g) => g.seq >= from && g.seq < from + 100).length;
    expect(phase(0)).toBeGreaterThan(95);
    expect(phase(1000)).toBe(0);
    expect(phase(2000)).toBeGreaterThan(90);
    expect(w.proxy.counters()[0]?.up.lostOutage).toBe(100);
  });
});

/** The mean length of the runs of missing sequence numbers in 0..count-1. */
function meanRun(seqs: number[], count: number): number {
  const have = new Set(seqs);
  const runs: number[] = [];
  let run = 0;
  for (let i = 0; i < count; i += 1) {
    if (!have.has(i)) run += 1;
    else if (run > 0) {
      runs.push(run);
      run = 0;
    }
  }
  if (run > 0) runs.push(run);
  return runs.reduce((a, r) => a + r, 0) / Math.max(1, runs.length);
}
