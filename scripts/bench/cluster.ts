// npm run bench:cluster — issue #20's bench, on three store nodes (child processes, one PostgreSQL,
// SIGNAL_BUS=postgres, recordings on a one-node Ceph) behind HAProxy, in one run:
//  1. Signaling relay latency with VISITS visits open at once: one-way time of a ~1 KB signal from
//     the inmate's terminal to the visitor's, both sockets on one node (the baseline) vs on two
//     nodes (through PostgreSQL NOTIFY), BENCH_RATE signals a second across all visits (200).
//  2. Upload throughput to S3 through the store (tus through HAProxy, as the terminal sends, with
//     PATCHes of one S3 part (8 MiB), of the terminal's size and of the whole file; the store's
//     SHA-256 check included; each run's objects deleted after it) vs a plain S3 multipart upload of the
//     same bytes with the AWS SDK (8 MiB parts, two at once as the store sends them).
//  3. Recovery: REJOIN_VISITS visits through HAProxy with main's own SignalingClient (its default
//     back-off); one node is killed (-9); the time until the last terminal that was on it has a
//     signal from its peer again.
// Also the cluster's resource use (RSS, CPU seconds of nodes, HAProxy, Ceph). Last line: JSON.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { WebSocket } from 'ws';
import { startCeph } from '../../harness/s3/ceph';
import { startClusterWorld } from '../../harness/cluster/cluster-world';
import { procUsage } from '../../harness/cluster/proc-usage';
import type { StoreNode } from '../../harness/cluster/store-node';
import { createFreshDatabase } from '../../harness/store/databases';
import { enrolTerminal, insertVisit } from '../../harness/store/sync-helpers';
import { metaFor, uploadAll } from '../../harness/store/tus-client';
import { percentile, round } from '../../harness/store/bench-store';
import { SignalingClient } from '../../src-main/call/signaling-client';
import { UPLOAD_CHUNK_BYTES } from '../../src-main/sync/uploads';
import { SIGNAL_SUBPROTOCOL, type ServerMessage } from '../../src-shared/signaling/protocol';

const VISITS = Number(process.env['BENCH_VISITS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
// Signals a second across all open visits: a visit sends tens of signals while its call is set up
// (offer, answer, candidates) and then almost none, so 1,000 open visits make ~200/s at most.
const RATE = Number(process.env['BENCH_RATE'] ?? 200);
const REJOIN_VISITS = Number(process.env['BENCH_REJOIN_VISITS'] ?? 150);
const UPLOAD_MB = Number(process.env['BENCH_UPLOAD_MB'] ?? 64);
// Ceph's speed drifts within a run: five alternating runs a side, the medians compared.
const UPLOAD_RUNS = Number(process.env['BENCH_UPLOAD_RUNS'] ?? 5);
// BENCH_ONLY=upload runs part 2 alone (the S3 upload figures), skipping relay and recovery.
const ONLY_UPLOAD = process.env['BENCH_ONLY'] === 'upload';
const PART = 8 * 1024 * 1024;
const out = (line: string) => process.stdout.write(`${line}\n`);

const candidate = (i: number) =>
  ({
    kind: 'rtc',
    generation: 1,
    data: {
      type: 'candidate',
      candidate: {
        candidate: `candidate:${i} 1 udp 2122260223 192.0.2.1 ${50000 + (i % 10000)} typ host ${'x'.repeat(850)}`,
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    },
  }) as const;

interface Socket {
  ws: WebSocket;
  /** The store said the other side is there (in the welcome, or a presence after it across nodes). */
  peer: boolean;
  onMessage: (m: ServerMessage) => void;
}

function open(nodeUrl: string, visitId: string, token: string): Promise<Socket> {
  const ws = new WebSocket(`${nodeUrl.replace(/^http/, 'ws')}/api/signal/${visitId}`, [SIGNAL_SUBPROTOCOL], {
    headers: { authorization: `Bearer ${token}` },
  });
  const socket: Socket = { ws, peer: false, onMessage: () => undefined };
  return new Promise((resolve, reject) => {
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as ServerMessage;
      if (m.type === 'presence') socket.peer = m.state === 'joined';
      if (m.type === 'welcome') {
        socket.peer = m.peerPresent;
        resolve(socket);
      }
      socket.onMessage(m);
    });
    ws.on('error', reject);
    ws.on('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
  });
}

async function inBatches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < n; i += size)
    all.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => make(i + k)))));
  return all;
}

/** One-way latency of signals from inmate to visitor over `pairs`, RATE a second across all of them. */
async function relayLatency(
  pairs: { inmate: Socket; visitor: Socket }[],
): Promise<{ p50: number; p99: number; max: number; n: number }> {
  const samples: number[] = [];
  let seq = 0;
  const sentAt = new Map<number, number>();
  let pending = 0;
  let drained: (() => void) | null = null;
  for (const p of pairs)
    p.visitor.onMessage = (m) => {
      if (m.type !== 'signal') return;
      const i = Number(/candidate:(\d+) /.exec(JSON.stringify(m.data))?.[1]);
      const t0 = sentAt.get(i);
      if (t0 === undefined) return;
      samples.push(performance.now() - t0);
      sentAt.delete(i);
      pending -= 1;
      if (pending === 0) drained?.();
    };
  const until = Date.now() + 30_000;
  while (pairs.some((p) => !p.inmate.peer)) {
    if (Date.now() > until) throw new Error('some inmate sides never heard of their visitor');
    await new Promise((r) => setTimeout(r, 20));
  }
  // Warm up: each pair once, not counted.
  for (let round = -1; round < ROUNDS; round += 1) {
    const start = performance.now();
    for (let k = 0; k < pairs.length; k += 1) {
      // RATE signals a second across all visits.
      const due = start + (k * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 2) await new Promise((r) => setTimeout(r, wait));
      const i = (seq += 1);
      sentAt.set(i, performance.now());
      pending += 1;
      pairs[k]?.inmate.ws.send(JSON.stringify({ type: 'signal', data: candidate(i) }));
    }
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${pending} signals never arrived`)), 30_000);
      drained = () => (clearTimeout(timer), resolve());
      if (pending === 0) drained();
    });
    if (round === -1) samples.length = 0;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: round(percentile(sorted, 50), 3),
    p99: round(percentile(sorted, 99), 3),
    max: round(sorted.at(-1) ?? NaN, 3),
    n: sorted.length,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  out(`bench:cluster — 3 nodes behind HAProxy, PostgreSQL NOTIFY bus, one-node Ceph; ${VISITS} visits`);
  const ceph = await startCeph('bench-recordings');
  const fresh = await createFreshDatabase('postgres');
  const world = await startClusterWorld({
    fresh,
    nodes: 3,
    s3Env: ceph.env,
    env: process.env['BENCH_NODE_TMPDIR'] ? { TMPDIR: process.env['BENCH_NODE_TMPDIR'] } : {},
  });
  const { admin, w, cluster } = world;
  const [n1, n2, n3] = cluster.nodes as [StoreNode, StoreNode, StoreNode];
  const cpuBefore = cluster.usage();
  const results: Record<string, unknown> = {};
  try {
    const prison = await enrolTerminal(admin, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const bureau = await enrolTerminal(admin, w.tokens.bureauAAdmin, w.bureauA.roomId);
    // One room pair, each visit on its own day (a room holds one visit per slot); admission to the
    // signaling checks the rooms and the visit's status, not the day.
    let day = 0;
    const visit = () => {
      const date = new Date(Date.UTC(2026, 2, 2) + (day += 1) * 86_400_000).toISOString().slice(0, 10);
      return insertVisit(admin.app.ctx.db, {
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        date,
        startTime: '09:00',
      });
    };

    // 1. Relay latency: the same number of visits on one node, then across two nodes.
    const pairsOn = async (inmateNode: StoreNode, visitorNode: StoreNode) => {
      const ids = await inBatches(VISITS, 50, () => visit());
      return inBatches(VISITS, 100, async (i) => {
        const id = ids[i] ?? '';
        const visitor = await open(visitorNode.url, id, bureau.token);
        const inmate = await open(inmateNode.url, id, prison.token);
        return { inmate, visitor };
      });
    };
    const closeAll = (pairs: { inmate: Socket; visitor: Socket }[]) => {
      for (const p of pairs) {
        p.inmate.ws.terminate();
        p.visitor.ws.terminate();
      }
    };
    if (!ONLY_UPLOAD) {
      const oneNodePairs = await pairsOn(n3, n3);
      const oneNode = await relayLatency(oneNodePairs);
      closeAll(oneNodePairs);
      const twoNodePairs = await pairsOn(n1, n2);
      const twoNodes = await relayLatency(twoNodePairs);
      closeAll(twoNodePairs);
      results['relay'] = {
        visits: VISITS,
        ratePerSecond: RATE,
        oneNode,
        twoNodes,
        p99Ratio: round(twoNodes.p99 / oneNode.p99, 2),
      };
      out(`1. relay, ${VISITS} visits open, ${oneNode.n} signals inmate → visitor (${RATE}/s across them):`);
      out(`   one node   p50 ${oneNode.p50} ms  p99 ${oneNode.p99} ms  max ${oneNode.max} ms`);
      out(
        `   two nodes  p50 ${twoNodes.p50} ms  p99 ${twoNodes.p99} ms  max ${twoNodes.max} ms   p99 ×${round(twoNodes.p99 / oneNode.p99, 2)}`,
      );
    }

    // 2. Uploads: through the store (tus via HAProxy) vs the AWS SDK straight to the bucket.
    const bytes = randomBytes(UPLOAD_MB * 1024 * 1024);
    const uploadVisit = await visit();
    let patches = 0;
    const throughStore = async (chunk: number) => {
      const meta = metaFor(bytes, uploadVisit, prison.terminalId, { kind: 'archive', filename: `bench-${randomUUID()}.mkv` });
      const t0 = performance.now();
      // Retried as the terminal's sync does (a PATCH cut on a reused connection, or by HAProxy taking a node
      // out whose /ready was slow under load, resumes).
      const { response, url } = await uploadAll({
        baseUrl: cluster.url,
        token: prison.token,
        bytes,
        meta,
        chunkSize: chunk,
        retryDelays: [250, 1000, 2000, 4000, 8000],
        onBeforeRequest: (req) => void (req.getMethod() === 'PATCH' && (patches += 1)),
      });
      const ms = performance.now() - t0;
      // A PATCH retried after the store had the last byte ends with a HEAD: ask for the confirmation then.
      if (response.getHeader('upload-status') !== 'confirmed') {
        const id = url.split('/').pop() ?? '';
        const res = await fetch(`${cluster.url}/api/uploads/confirmations?uploadId=${id}`, {
          headers: { authorization: `Bearer ${prison.token}` },
        });
        const body = (await res.json()) as { status?: string };
        if (body.status !== 'confirmed') throw new Error(`the store did not confirm the upload: ${JSON.stringify(body)}`);
      }
      await emptied(url.split('/').pop() ?? '', `${url.split('/').pop() ?? ''}.info`);
      return bytes.length / 1e6 / (ms / 1000);
    };
    // Each run's objects leave the bucket after it: Ceph's in-memory OSD slows as it fills, which
    // would weigh on whichever side runs later.
    const emptied = (...keys: string[]) =>
      ceph.client.send(
        new DeleteObjectsCommand({ Bucket: ceph.bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
      );
    const plainS3 = async (lanes: number) => {
      const key = `plain-${randomUUID()}`;
      const t0 = performance.now();
      const { UploadId } = await ceph.client.send(new CreateMultipartUploadCommand({ Bucket: ceph.bucket, Key: key }));
      try {
        // `lanes` parts at once: 1 as earlier figures were measured, 2 as the store now sends them.
        const numbers = Array.from({ length: Math.ceil(bytes.length / PART) }, (_, i) => i + 1);
        const parts: { ETag: string | undefined; PartNumber: number }[] = [];
        const lane = async () => {
          for (let n = numbers.shift(); n !== undefined; n = numbers.shift()) {
            const Body = bytes.subarray((n - 1) * PART, n * PART);
            const r = await ceph.client.send(
              new UploadPartCommand({ Bucket: ceph.bucket, Key: key, UploadId, PartNumber: n, Body }),
            );
            parts.push({ ETag: r.ETag, PartNumber: n });
          }
        };
        await Promise.all(Array.from({ length: lanes }, lane));
        parts.sort((x, y) => x.PartNumber - y.PartNumber);
        await ceph.client.send(
          new CompleteMultipartUploadCommand({ Bucket: ceph.bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }),
        );
      } catch (err) {
        await ceph.client.send(new AbortMultipartUploadCommand({ Bucket: ceph.bucket, Key: key, UploadId }));
        throw err;
      }
      const mbs = bytes.length / 1e6 / ((performance.now() - t0) / 1000);
      await emptied(key);
      return mbs;
    };
    await plainS3(1); // the first upload creates Ceph's pools: not counted
    // PATCH sizes: one S3 part (8 MiB), the terminal's (UPLOAD_CHUNK_BYTES), the whole file.
    const sizes = { part: PART, terminal: UPLOAD_CHUNK_BYTES, whole: bytes.length };
    const runs: Record<'plain' | 'plain2' | keyof typeof sizes, number[]> = {
      plain: [],
      plain2: [],
      part: [],
      terminal: [],
      whole: [],
    };
    const sides: [keyof typeof runs, () => Promise<number>][] = [
      ['plain', () => plainS3(1)],
      ['plain2', () => plainS3(2)],
      ...(Object.entries(sizes) as [keyof typeof sizes, number][]).map(
        ([k, chunk]) => [k, () => throughStore(chunk)] as [keyof typeof runs, () => Promise<number>],
      ),
    ];
    for (let r = 0; r < UPLOAD_RUNS; r += 1) {
      // Each round begins with the next side: the drift within a round weighs on every side alike.
      for (let i = 0; i < sides.length; i += 1) {
        const side = sides[(r + i) % sides.length];
        if (side) runs[side[0]].push(await side[1]());
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const [plain, plain2] = [median(runs.plain), median(runs.plain2)];
    const figure = (k: keyof typeof sizes) => ({
      mbs: round(median(runs[k]), 1),
      ratio: round(median(runs[k]) / plain, 2),
      ratioTwoLanes: round(median(runs[k]) / plain2, 2),
    });
    const [part, terminal, whole] = [figure('part'), figure('terminal'), figure('whole')];
    results['upload'] = {
      mb: UPLOAD_MB,
      runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((x) => round(x, 1))])),
      plainMBs: round(plain, 1),
      plainTwoLanesMBs: round(plain2, 1),
      partPatches: part,
      terminalPatches: terminal,
      onePatch: whole,
      terminalChunkBytes: UPLOAD_CHUNK_BYTES,
      patchesSent: patches,
    };
    const mib = (n: number) => `${n / 1024 / 1024} MiB`;
    out(
      `2. upload of ${UPLOAD_MB} MiB to S3 (median of ${UPLOAD_RUNS}; MB/s): plain AWS SDK multipart ${round(plain, 1)} one part at a time, ${round(plain2, 1)} two at a time (ratios: against one / two)`,
    );
    out(`   through the store, PATCHes of one part (${mib(PART)}) ${part.mbs} (×${part.ratio} / ×${part.ratioTwoLanes})`);
    out(
      `   the terminal's PATCHes (${mib(UPLOAD_CHUNK_BYTES)}) ${terminal.mbs} (×${terminal.ratio} / ×${terminal.ratioTwoLanes}) — target ×0.7`,
    );
    out(`   one PATCH of the whole ${UPLOAD_MB} MiB ${whole.mbs} (×${whole.ratio} / ×${whole.ratioTwoLanes})`);
    out(`   runs: ${JSON.stringify((results['upload'] as { runs: unknown }).runs)}`);

    const u = cluster.usage();
    const cpu = u.nodes.map((n, i) => round(n.cpuSeconds - (cpuBefore.nodes[i]?.cpuSeconds ?? 0), 1));
    const haproxyCpu = round(u.haproxy.cpuSeconds - cpuBefore.haproxy.cpuSeconds, 1);

    if (!ONLY_UPLOAD) {
      // 3. A node dies under REJOIN_VISITS visits connected through HAProxy with main's SignalingClient.
      type Side = { client: SignalingClient; lastSignalAt: number; closedAt: number };
      const sides: Side[] = [];
      const rejoinIds = await inBatches(REJOIN_VISITS, 50, () => visit());
      for (const id of rejoinIds) {
        for (const token of [prison.token, bureau.token]) {
          const side: Side = { client: undefined as unknown as SignalingClient, lastSignalAt: 0, closedAt: 0 };
          side.client = new SignalingClient({
            endpoint: { url: cluster.url, token },
            visitId: id,
            onMessage: (m) => {
              if (m.type === 'signal') side.lastSignalAt = performance.now();
              // A peer that (re)joined gets a signal at once, as a kiosk answers with `ready`.
              if (m.type === 'presence' && m.state === 'joined') side.client.send({ type: 'signal', data: candidate(0) });
              if (m.type === 'welcome' && m.peerPresent) side.client.send({ type: 'signal', data: candidate(0) });
            },
            onConnection: (up) => {
              if (!up && side.closedAt === 0) side.closedAt = performance.now();
            },
          });
          sides.push(side);
          side.client.start();
        }
      }
      const limit = Date.now() + 60_000;
      while (sides.some((s) => s.lastSignalAt === 0)) {
        if (Date.now() > limit) throw new Error(`${sides.filter((s) => s.lastSignalAt === 0).length} terminals never signalled`);
        await new Promise((r) => setTimeout(r, 100));
      }
      for (const s of sides) s.closedAt = 0;
      const killedAt = performance.now();
      await n2.kill();
      await new Promise((r) => setTimeout(r, 1000));
      const affected = sides.filter((s) => s.closedAt > 0);
      const back = async () => {
        const until = Date.now() + 60_000;
        while (affected.some((s) => s.lastSignalAt < s.closedAt)) {
          if (Date.now() > until) throw new Error('not every terminal of the dead node was signalled again');
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await back();
      const times = affected.map((s) => s.lastSignalAt - killedAt).sort((a, b) => a - b);
      for (const s of sides) s.client.stop();
      results['rejoin'] = {
        visits: REJOIN_VISITS,
        terminals: sides.length,
        affected: affected.length,
        p50Ms: round(percentile(times, 50), 0),
        lastMs: round(times.at(-1) ?? NaN, 0),
      };
      out(
        `3. node killed under ${REJOIN_VISITS} visits (${sides.length} terminals via HAProxy, main's SignalingClient back-off): ` +
          `${affected.length} were on it; signalled again p50 ${round(percentile(times, 50), 0)} ms, last ${round(times.at(-1) ?? NaN, 0)} ms after the kill`,
      );
      await n2.start();
    }

    // Resource use (measured after parts 1 and 2, before the kill).
    results['resources'] = {
      nodesRssMb: u.nodes.map((n) => Math.round(n.rssMb)),
      nodesCpuSeconds: cpu,
      haproxyRssMb: Math.round(u.haproxy.rssMb),
      haproxyCpuSeconds: haproxyCpu,
      cephRssMb: ceph.rssMb(),
      benchProcessRssMb: Math.round(procUsage(process.pid).rssMb),
      seconds: Math.round((Date.now() - started) / 1000),
    };
    out(
      `resources after parts 1 and 2: nodes RSS ${JSON.stringify((results['resources'] as { nodesRssMb: number[] }).nodesRssMb)} MB, ` +
        `CPU ${JSON.stringify(cpu)} s; HAProxy ${Math.round(u.haproxy.rssMb)} MB, ${haproxyCpu} s; Ceph ${ceph.rssMb()} MB`,
    );
    out(JSON.stringify(results));
  } finally {
    await world.stop();
    await fresh.drop();
    await ceph.stop();
  }
}

await main();
