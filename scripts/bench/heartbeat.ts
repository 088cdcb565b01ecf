// npm run bench:heartbeat — the fleet's heartbeat ingest at 2,000 terminals, on SQLite and
// on PostgreSQL, against the sync ingest measured in the same run as its baseline:
//   heartbeat  every terminal POSTs one heartbeat (POST /api/fleet/heartbeats: validated,
//              the latest upserted, a 10-minute history point upserted), as each does a minute;
//   baseline   every terminal POSTs one batch of its audit chain (POST /api/sync/events,
//              10 events, chain verified on arrival), the sync worker's push of a minute.
// The store runs in a child process, as in production; this process is the load (HEARTBEAT
// .concurrency requests in flight). Rounds alternate heartbeat and baseline so other load on
// the machine hits both sides alike. Figures: p50/p99 latency per request and the store's CPU
// (its process's user + system time) per 1,000 terminals reporting once, and their ratios.
// About a minute on a quiet machine (BENCH_ROUNDS=n measures more). Last line of output: one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sampleHeartbeat } from '../../harness/store/fleet';
import {
  eventBatches,
  percentile,
  round,
  seedTerminals,
  spawnServer,
  startBenchStore,
  waitForStdinEnd,
} from '../../harness/store/bench-store';

const HEARTBEAT = {
  terminals: 2_000,
  rounds: Number(process.env['BENCH_ROUNDS'] ?? 2),
  warmupTerminals: 200,
  concurrency: 32,
  eventsPerBatch: 10,
};

interface ServerInfo {
  url: string;
  pid: number;
  terminals: { terminalId: string; token: string }[];
}

/** Child process: the store on a fresh database and its 2,000 terminals. */
async function serve(engine: 'sqlite' | 'postgres'): Promise<void> {
  const store = await startBenchStore(engine);
  const { prison, bureau } = await seedTerminals(store.app, HEARTBEAT.terminals / 2);
  const info: ServerInfo = {
    url: store.url,
    pid: process.pid,
    terminals: [...prison, ...bureau].map(({ terminalId, token }) => ({ terminalId, token })),
  };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  await waitForStdinEnd();
  await store.stop();
}

/** The store process's CPU time so far (user + system), from /proc; null where there is none. */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat: 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

interface Request {
  path: string;
  token: string;
  body: string;
}

/** All requests, `concurrency` in flight; each request's latency in ms. */
async function run(url: string, requests: readonly Request[]): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++];
      if (r === undefined) return;
      const started = performance.now();
      const res = await fetch(`${url}${r.path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${r.token}`, 'content-type': 'application/json' },
        body: r.body,
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`POST ${r.path}: ${res.status} ${text.slice(0, 300)}`);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: HEARTBEAT.concurrency }, worker));
  return latencies;
}

interface Side {
  latencies: number[];
  cpuMs: number;
  seconds: number;
  requests: number;
  bytes: number;
}

const emptySide = (): Side => ({ latencies: [], cpuMs: 0, seconds: 0, requests: 0, bytes: 0 });

async function measure(side: Side, url: string, pid: number, requests: readonly Request[], record: boolean): Promise<void> {
  const cpuBefore = cpuMsOf(pid) ?? Number.NaN;
  const started = performance.now();
  const latencies = await run(url, requests);
  if (!record) return;
  side.seconds += (performance.now() - started) / 1000;
  side.cpuMs += (cpuMsOf(pid) ?? Number.NaN) - cpuBefore;
  side.latencies.push(...latencies);
  side.requests += requests.length;
  side.bytes += requests.reduce((n, r) => n + Buffer.byteLength(r.body), 0);
}

function figures(side: Side): Record<string, number> {
  const sorted = [...side.latencies].sort((a, b) => a - b);
  return {
    requests: side.requests,
    bytesPerRequest: Math.round(side.bytes / Math.max(1, side.requests)),
    p50Ms: round(percentile(sorted, 50), 2),
    p99Ms: round(percentile(sorted, 99), 2),
    requestsPerSecond: Math.round(side.requests / side.seconds),
    cpuMsPer1000Terminals: round((side.cpuMs / side.requests) * 1000, 1),
  };
}

async function benchEngine(engine: 'sqlite' | 'postgres'): Promise<Record<string, unknown>> {
  const server = await spawnServer<ServerInfo>(fileURLToPath(import.meta.url), `--serve=${engine}`);
  try {
    const { url, pid, terminals } = server.info;
    // Each terminal's chain: one batch a round, in order (the warm-up round sends from a few).
    const chains = terminals.map((t) => eventBatches(t.terminalId, HEARTBEAT.rounds + 1, HEARTBEAT.eventsPerBatch));
    const sent = terminals.map(() => 0);
    const nextBatch = (i: number): string => {
      const n = sent[i] ?? 0;
      sent[i] = n + 1;
      return chains[i]?.[n] ?? '';
    };
    const heartbeat = emptySide();
    const baseline = emptySide();
    const start = Date.now();
    for (let r = 0; r <= HEARTBEAT.rounds; r++) {
      const record = r > 0;
      const reporting = record ? terminals : terminals.slice(0, HEARTBEAT.warmupTerminals);
      // Each round's heartbeats are newer than the last (an older one would be ignored); in one
      // 10-minute bucket, so each updates the history point as most minutes do.
      const sentAt = new Date(start + r * 60_000);
      await measure(
        heartbeat,
        url,
        pid,
        reporting.map((t) => ({ path: '/api/fleet/heartbeats', token: t.token, body: JSON.stringify(sampleHeartbeat(sentAt)) })),
        record,
      );
      await measure(
        baseline,
        url,
        pid,
        reporting.map((t, i) => ({ path: '/api/sync/events', token: t.token, body: nextBatch(i) })),
        record,
      );
    }
    const h = figures(heartbeat);
    const b = figures(baseline);
    return {
      engine,
      terminals: HEARTBEAT.terminals,
      concurrency: HEARTBEAT.concurrency,
      heartbeat: h,
      baseline: {
        what: `sync ingest: one batch of ${HEARTBEAT.eventsPerBatch} audit events per terminal (POST /api/sync/events), same terminals, alternating rounds`,
        ...b,
      },
      ratioP99VsBaseline: round((h['p99Ms'] ?? 0) / (b['p99Ms'] ?? 1)),
      ratioCpuVsBaseline: round((h['cpuMsPer1000Terminals'] ?? 0) / (b['cpuMsPer1000Terminals'] ?? 1)),
      // Reporting every minute: the share of one core the store spends per 1,000 terminals.
      corePercentPer1000TerminalsAt1PerMinute: round(((h['cpuMsPer1000Terminals'] ?? 0) / 60_000) * 100, 2),
    };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const results: Record<string, Record<string, unknown>> = {};
  const failed: string[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const started = performance.now();
    try {
      results[engine] = await benchEngine(engine);
    } catch (err) {
      failed.push(engine);
      results[engine] = { error: err instanceof Error ? err.message : String(err) };
    }
    console.log(`${engine}: ${JSON.stringify(results[engine])} (${round((performance.now() - started) / 1000, 1)} s)`);
  }
  console.log(
    JSON.stringify({
      bench: 'heartbeat',
      ...results,
      machine: { cores: os.cpus().length, loadAverage1m: round(os.loadavg()[0] ?? 0) },
      node: process.version,
      failed,
    }),
  );
  if (failed.length > 0) {
    console.error(`bench:heartbeat could not measure: ${failed.join(', ')}`);
    process.exitCode = 1;
  }
}

const role = process.argv[2];
if (role === '--serve=sqlite') await serve('sqlite');
else if (role === '--serve=postgres') await serve('postgres');
else await main();
