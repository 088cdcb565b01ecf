// npm run bench:server — the central store's figures, each against a baseline
// measured in the same run (same machine, same bytes, measured in alternating
// windows so other load on the machine hits both sides of each ratio alike).
// The store runs in a child process, as in production; this process is the load.
//   ingest   audit events/s through real HTTP (POST /api/sync/events, batches of
//            500, chain verified on arrival; 4 terminals side by side, each its own
//            chain in order), on SQLite and on PostgreSQL; baseline: a no-op POST
//            route receiving the same bodies.
//   relay    signaling latency (one way, p50/p99) with 500 concurrent visits =
//            1,000 authenticated sockets on 127.0.0.1, each sending 2 messages/s;
//            baseline: a bare `ws` server (own process) forwarding raw frames
//            between the same number of pairs (no auth, no validation, no relay).
// Sections are functions in SECTIONS (BENCH_ONLY=relay,… runs some); the upload
// section is added the same way. BENCH_CPU_PROF=<dir> profiles the servers.
// Bounded in count and time (about a minute). Last line of output: one JSON object.
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import type { CentralStore } from '../../src-server/server';
import { insertApprovedVisit } from '../../harness/store/approved-visit';
import { SIGNAL_SUBPROTOCOL } from '../../src-shared/signaling/protocol';
import { benchUploads } from './uploads';
import { ingestBreakdown } from './ingest-breakdown';
import {
  eventBatches,
  percentile,
  round,
  seedTerminals,
  spawnServer,
  startBenchStore,
  waitForStdinEnd,
} from '../../harness/store/bench-store';

/** 40 batches of 500 = 20,000 events, from 4 terminals pushing side by side (each its own chain, in order). */
const INGEST = { batches: 40, batchSize: 500, terminals: 4, warmupBatches: 4 };
const RELAY = { visits: 500, ratePerSocketHz: 2, warmupMs: 500, windowMs: 1000, rounds: 5 };
/**
 * One trickle-ICE candidate as a terminal's main sends it (peer-envelope.ts: the store relays
 * only what passes that schema), the send time in its usernameFragment; ~300 bytes.
 */
const candidatePayload = (t: number) =>
  JSON.stringify({
    kind: 'rtc',
    generation: 1,
    data: {
      type: 'candidate',
      candidate: {
        candidate:
          'candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 10.0.0.2 rport 46154 generation 0 ufrag Xq9d network-cost 999',
        sdpMid: '0',
        sdpMLineIndex: 0,
        usernameFragment: String(t),
      },
    },
  });
type CandidatePayload = { data?: { candidate?: { usernameFragment?: string } } };
/** The send time of a payload made by candidatePayload (0 when it is not one). */
const sentTime = (payload: CandidatePayload | undefined): number => Number(payload?.data?.candidate?.usernameFragment ?? 0) || 0;

// ── helpers ────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ── ingest ────────────────────────────────────────────────────────────────

async function post(url: string, token: string, body: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${text.slice(0, 300)}`);
}

interface IngestServerInfo {
  url: string;
  terminals: { terminalId: string; token: string }[];
}

/** Child process: the store (with a no-op baseline route) and its terminals. */
async function serveIngestStore(engine: 'sqlite' | 'postgres'): Promise<void> {
  const own = { terminalId: '' };
  const store = await startBenchStore(engine, (app) => {
    // Baseline: the same bytes through the same HTTP stack, JSON parsed, nothing else.
    app.post('/bench/noop', { bodyLimit: 16 * 1024 * 1024 }, async () => ({ ok: true }));
    // After the HTTP run (the parent asks), so it does not warm or load the measured part.
    app.get('/bench/breakdown', async () => ingestBreakdown(app, own.terminalId));
  });
  // One more terminal than the HTTP run uses: the per-event breakdown pushes its own chain.
  const { prison } = await seedTerminals(store.app, INGEST.terminals + 2);
  own.terminalId = prison.pop()?.terminalId ?? '';
  const info: IngestServerInfo = { url: store.url, terminals: prison.map(({ terminalId, token }) => ({ terminalId, token })) };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  await waitForStdinEnd();
  await store.stop();
}

interface Stream {
  token: string;
  bodies: string[];
}

/** Each terminal sends its batches one after another (a chain is sequential); terminals run side by side. */
async function timedStreams(url: string, streams: readonly Stream[], from: number, to: number): Promise<number> {
  const started = performance.now();
  await Promise.all(
    streams.map(async ({ token, bodies }) => {
      for (const body of bodies.slice(from, to)) await post(url, token, body);
    }),
  );
  return (performance.now() - started) / 1000;
}

async function benchIngest(engine: 'sqlite' | 'postgres'): Promise<Record<string, unknown>> {
  const server = await spawnServer<IngestServerInfo>(fileURLToPath(import.meta.url), `--serve-ingest=${engine}`);
  try {
    const { url, terminals } = server.info;
    const [warm, ...measured] = terminals;
    if (warm === undefined) throw new Error('no terminals');
    const perTerminal = INGEST.batches / INGEST.terminals;
    const streams = measured.map((t) => ({ token: t.token, bodies: eventBatches(t.terminalId, perTerminal, INGEST.batchSize) }));
    const warmup = [{ token: warm.token, bodies: eventBatches(warm.terminalId, INGEST.warmupBatches, INGEST.batchSize) }];
    await timedStreams(`${url}/bench/noop`, warmup, 0, INGEST.warmupBatches);
    await timedStreams(`${url}/api/sync/events`, warmup, 0, INGEST.warmupBatches);

    const events = INGEST.batches * INGEST.batchSize;
    // Alternating halves, so load from elsewhere on the machine hits both sides of the ratio alike.
    const half = Math.ceil(perTerminal / 2);
    let baselineSeconds = 0;
    let ingestSeconds = 0;
    for (const [from, to] of [
      [0, half],
      [half, perTerminal],
    ] as const) {
      baselineSeconds += await timedStreams(`${url}/bench/noop`, streams, from, to);
      ingestSeconds += await timedStreams(`${url}/api/sync/events`, streams, from, to);
    }
    for (const t of measured) {
      const head = await fetch(`${url}/api/sync/events/head`, { headers: { authorization: `Bearer ${t.token}` } });
      const stored = (await head.json()) as { seq: number };
      if (stored.seq !== perTerminal * INGEST.batchSize)
        throw new Error(`stored ${stored.seq} of ${perTerminal * INGEST.batchSize} events`);
    }
    const breakdown = (await (await fetch(`${url}/bench/breakdown`)).json()) as unknown;
    const eventsPerSecond = Math.round(events / ingestSeconds);
    const baselineEventsPerSecond = Math.round(events / baselineSeconds);
    const first = streams[0]?.bodies ?? [];
    return {
      engine,
      events,
      terminals: INGEST.terminals,
      batchSize: INGEST.batchSize,
      bytesPerBatch: Math.round(first.reduce((n, b) => n + Buffer.byteLength(b), 0) / Math.max(1, first.length)),
      eventsPerSecond,
      baseline: { what: 'no-op POST of the same bodies, same terminals side by side', eventsPerSecond: baselineEventsPerSecond },
      ratioVsBaseline: round(eventsPerSecond / baselineEventsPerSecond),
      perEventCost: { what: 'µs per event inside the store, one batch at a time', ...(breakdown as object) },
    };
  } finally {
    await server.stop();
  }
}

// ── relay ─────────────────────────────────────────────────────────────────

interface Pair {
  a: WebSocket;
  b: WebSocket;
}

function openSocket(
  url: string,
  options: ConstructorParameters<typeof WebSocket>[2],
  protocols?: string[],
  ready: 'open' | 'welcome' = 'open',
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    ws.once('error', reject);
    if (ready === 'open') ws.once('open', () => resolve(ws));
    else ws.once('message', () => resolve(ws)); // the welcome
  });
}

/** In chunks: a thousand simultaneous SYNs would overflow the listen backlog, which is not what we measure. */
async function openAll<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += 100)
    out.push(...(await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, k) => open(i + k)))));
  return out;
}

interface LatencyFigures {
  messages: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  messagesPerSecond: number;
}

/**
 * A set of socket pairs under load: every socket sends RELAY.ratePerSocketHz
 * messages a second (random phase) to its pair; the receiver records the
 * one-way latency. `extract` gets the send time back out of what arrives (0: not a sample).
 */
class LoadSet {
  private readonly samples: number[] = [];
  private recording = false;
  private measuredMs = 0;

  constructor(
    private readonly pairs: readonly Pair[],
    private readonly wrap: (payload: string) => string,
    extract: (data: string) => number,
  ) {
    for (const { a, b } of pairs) {
      for (const ws of [a, b]) {
        ws.on('message', (data) => {
          const sentAt = extract(data.toString());
          if (this.recording && sentAt > 0) this.samples.push(performance.now() - sentAt);
        });
      }
    }
  }

  /** Runs the load for `ms`; records only when `record`. Waits for stragglers before returning. */
  async run(ms: number, record: boolean): Promise<void> {
    const period = 1000 / RELAY.ratePerSocketHz;
    const timers: NodeJS.Timeout[] = [];
    for (const { a, b } of this.pairs) {
      for (const ws of [a, b]) {
        const send = () => ws.send(this.wrap(candidatePayload(performance.now())));
        timers.push(
          setTimeout(() => {
            send();
            timers.push(setInterval(send, period));
          }, Math.random() * period),
        );
      }
    }
    this.recording = record;
    await sleep(ms);
    for (const t of timers) clearInterval(t);
    await sleep(300);
    this.recording = false;
    if (record) this.measuredMs += ms;
  }

  figures(): LatencyFigures {
    const sorted = [...this.samples].sort((x, y) => x - y);
    return {
      messages: sorted.length,
      p50Ms: round(percentile(sorted, 50), 3),
      p99Ms: round(percentile(sorted, 99), 3),
      maxMs: round(sorted.at(-1) ?? Number.NaN, 3),
      messagesPerSecond: Math.round(sorted.length / (this.measuredMs / 1000)),
    };
  }
}

async function seedVisits(app: CentralStore, seeded: Awaited<ReturnType<typeof seedTerminals>>): Promise<string[]> {
  const db = app.ctx.db;
  const now = new Date().toISOString();
  const admin = await db.selectFrom('staff').select('id').executeTakeFirstOrThrow();
  const bureauRoom = seeded.bureau[0]?.roomId;
  const partner =
    bureauRoom === undefined
      ? undefined
      : await db.selectFrom('rooms').select('organisation_id').where('id', '=', bureauRoom).executeTakeFirstOrThrow();
  if (partner === undefined) throw new Error('no bureau room');
  const ids: string[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < seeded.prison.length; i++) {
      const visitId = await insertApprovedVisit(trx, {
        prisonId: seeded.prisonId,
        wardId: seeded.wardId,
        partnerId: partner.organisation_id,
        createdBy: admin.id,
        roomId: seeded.prison[i]?.roomId ?? '',
        remoteRoomId: seeded.bureau[i]?.roomId ?? '',
        date: '2026-03-10',
        startTime: '09:00',
        minutes: 30,
        inmateNumber: `B${i}`,
        inmateName: '基准罪犯',
        now,
        receivedOn: '2026-03-02',
      });
      ids.push(visitId);
    }
  });
  return ids;
}

/** The store under test runs in its own process, as in production: the load generator must not share its event loop. */
async function serveRelayStore(): Promise<void> {
  const store = await startBenchStore('sqlite');
  const seeded = await seedTerminals(store.app, RELAY.visits);
  const visitIds = await seedVisits(store.app, seeded);
  const pairs = visitIds.map((id, i) => ({ visitId: id, a: seeded.prison[i]?.token ?? '', b: seeded.bureau[i]?.token ?? '' }));
  process.stdout.write(`${JSON.stringify({ url: store.url, pairs })}\n`);
  await waitForStdinEnd();
  await store.stop();
}

/** Baseline server: a bare `ws` server pairing sockets by path and forwarding raw frames. */
async function serveBaseline(): Promise<void> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const partners = new Map<string, WebSocket[]>();
  wss.on('connection', (ws, request) => {
    const key = request.url ?? '';
    const pair = partners.get(key) ?? [];
    pair.push(ws);
    partners.set(key, pair);
    ws.on('message', (data, isBinary) => {
      const other = pair[0] === ws ? pair[1] : pair[0];
      other?.send(data, { binary: isBinary });
    });
  });
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(wss.address() as AddressInfo).port}` })}\n`);
  await waitForStdinEnd();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
}

async function connectStorePairs(info: { url: string; pairs: { visitId: string; a: string; b: string }[] }): Promise<Pair[]> {
  const base = info.url.replace(/^http/, 'ws');
  return openAll(info.pairs.length, async (i): Promise<Pair> => {
    const p = info.pairs[i];
    const url = `${base}/api/signal/${p?.visitId ?? ''}`;
    const header = (token: string | undefined) => ({
      headers: { authorization: `Bearer ${token ?? ''}` },
      perMessageDeflate: false,
    });
    const [a, b] = await Promise.all([
      openSocket(url, header(p?.a), [SIGNAL_SUBPROTOCOL], 'welcome'),
      openSocket(url, header(p?.b), [SIGNAL_SUBPROTOCOL], 'welcome'),
    ]);
    return { a, b };
  });
}

async function connectBaselinePairs(info: { url: string }): Promise<Pair[]> {
  const base = info.url.replace(/^http/, 'ws');
  return openAll(RELAY.visits, async (i): Promise<Pair> => {
    const url = `${base}/pair/${i}`;
    const a = await openSocket(url, { perMessageDeflate: false });
    const b = await openSocket(url, { perMessageDeflate: false });
    return { a, b };
  });
}

/**
 * Both servers run at once, each in its own process, with all their sockets
 * connected; the load alternates between them in short windows, so whatever
 * else the machine is doing hits both sides of the ratio alike.
 */
async function benchRelay(): Promise<Record<string, unknown>> {
  const store = await spawnServer<{ url: string; pairs: { visitId: string; a: string; b: string }[] }>(
    fileURLToPath(import.meta.url),
    '--serve-relay',
  );
  const bare = await spawnServer<{ url: string }>(fileURLToPath(import.meta.url), '--serve-baseline');
  const all: Pair[] = [];
  try {
    const started = performance.now();
    const storePairs = await connectStorePairs(store.info);
    const connectSeconds = round((performance.now() - started) / 1000);
    const barePairs = await connectBaselinePairs(bare.info);
    all.push(...storePairs, ...barePairs);
    const relay = new LoadSet(
      storePairs,
      (payload) => `{"type":"signal","data":${payload}}`,
      (text) => {
        // Presence events arrive too; only relayed signals are samples.
        const m = JSON.parse(text) as { type: string; data?: CandidatePayload };
        return m.type === 'signal' ? sentTime(m.data) : 0;
      },
    );
    const baseline = new LoadSet(
      barePairs,
      (payload) => payload,
      (text) => sentTime(JSON.parse(text) as CandidatePayload),
    );
    await baseline.run(RELAY.warmupMs, false);
    await relay.run(RELAY.warmupMs, false);
    for (let round = 0; round < RELAY.rounds; round++) {
      await baseline.run(RELAY.windowMs, true);
      await relay.run(RELAY.windowMs, true);
    }
    const r = relay.figures();
    const b = baseline.figures();
    // The store refuses what its schema does not pass: no sample is a failure, not a figure.
    if (r.messages === 0 || b.messages === 0) throw new Error(`no signal measured (store ${r.messages}, baseline ${b.messages})`);
    return {
      visits: RELAY.visits,
      sockets: RELAY.visits * 2,
      ratePerSocketHz: RELAY.ratePerSocketHz,
      measureSeconds: (RELAY.rounds * RELAY.windowMs) / 1000,
      connectSeconds,
      ...r,
      baseline: { what: 'bare ws server forwarding raw frames between the same number of pairs, in alternating windows', ...b },
      ratioP50VsBaseline: round(r.p50Ms / b.p50Ms),
      ratioP99VsBaseline: round(r.p99Ms / b.p99Ms),
    };
  } finally {
    for (const { a, b } of all) {
      a.terminate();
      b.terminate();
    }
    await store.stop();
    await bare.stop();
  }
}

// ── sections ──────────────────────────────────────────────────────────────

interface Section {
  name: string;
  run(): Promise<Record<string, unknown>>;
}

const SECTIONS: Section[] = [
  { name: 'ingestSqlite', run: () => benchIngest('sqlite') },
  { name: 'ingestPostgres', run: () => benchIngest('postgres') },
  { name: 'relay', run: benchRelay },
  { name: 'upload', run: async () => ({ ...(await benchUploads()) }) },
];

async function main(): Promise<void> {
  // BENCH_ONLY=relay,ingestSqlite runs a subset.
  const only = process.env['BENCH_ONLY']?.split(',').map((n) => n.trim());
  const results: Record<string, Record<string, unknown>> = {};
  // A section that could not measure (e.g. PostgreSQL down) is reported and the others still
  // run, but the bench then fails: a missing figure is not a result.
  const failed: string[] = [];
  for (const section of SECTIONS.filter((s) => only === undefined || only.includes(s.name))) {
    const started = performance.now();
    try {
      results[section.name] = await section.run();
    } catch (err) {
      failed.push(section.name);
      results[section.name] = { error: err instanceof Error ? err.message : String(err) };
    }
    console.log(
      `${section.name}: ${JSON.stringify(results[section.name])} (${round((performance.now() - started) / 1000, 1)} s)`,
    );
  }
  const num = (section: string, key: string) => {
    const value = results[section]?.[key];
    return typeof value === 'number' ? value : Number.NaN;
  };
  console.log(
    JSON.stringify({
      bench: 'server',
      ...results,
      // null: the section did not run (BENCH_ONLY).
      targets: {
        ingestSqliteAtLeast50kPerSecond: 'ingestSqlite' in results ? num('ingestSqlite', 'eventsPerSecond') >= 50_000 : null,
        ingestPostgresAtLeast30kPerSecond:
          'ingestPostgres' in results ? num('ingestPostgres', 'eventsPerSecond') >= 30_000 : null,
        relayP99Under10Ms: 'relay' in results ? num('relay', 'p99Ms') < 10 : null,
        uploadAtLeast70PercentOfPlainPut: 'upload' in results ? num('upload', 'ratio') >= 0.7 : null,
      },
      machine: { cores: os.cpus().length, loadAverage1m: round(os.loadavg()[0] ?? 0) },
      node: process.version,
      failed,
    }),
  );
  if (failed.length > 0) {
    console.error(`bench:server could not measure: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

const role = process.argv[2];
if (role === '--serve-ingest=sqlite') await serveIngestStore('sqlite');
else if (role === '--serve-ingest=postgres') await serveIngestStore('postgres');
else if (role === '--serve-relay') await serveRelayStore();
else if (role === '--serve-baseline') await serveBaseline();
else await main();
