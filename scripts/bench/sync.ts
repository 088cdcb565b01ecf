// npm run bench:sync. A terminal back after a week offline drains its
// backlog (audit events plus recordings: segments, archives, signed manifests) into the
// REAL central store through the sync worker (pull, chain push, tus uploads, hash
// confirmations); the time is set against a raw copy of the same bytes in the same run
// (plain HTTP PUTs of the same files and of the events' JSON to a bare node:http server
// on the same host writing them to disk). Twice: with the store in its own process (as it is
// deployed: the terminal's work and the store's overlap, each on its own core) against a PUT
// server in its own process; and, as this bench measured before, with the store, the PUT
// server and the terminal in this one process (their CPU adds up). Then an upload is cut mid-file and resumed:
// the bytes re-sent are the terminal→store bytes of the cut run minus those of a clean
// run of the same file (target: at most one chunk).
// Scaled for CI: BENCH_SYNC_VISITS (default 56 = a week of 8 visits a day) and
// BENCH_SYNC_KB_PER_VISIT (default 1024; a real 30-minute visit is ~200 MB at 1 Mbit/s).
// Last line of output: one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { UPLOAD_CHUNK_BYTES } from '../../src-main/sync/uploads';
import { drain, killableCentral, newVisit } from '../../harness/sync/worlds';
import { startChild } from '../../harness/sync/child-process';
import { addSealedRecording, fillAudit } from '../../harness/sync/recording-fixture';
import { startFaultProxy } from '../../harness/sync/fault-proxy';
import { enrolledTerminal, startCentral, type CentralWorld, type TestTerminal } from '../../harness/sync/sync-world';
import { plainPut as put, startPlainPutServer } from './plain-put';

const VISITS = Number(process.env['BENCH_SYNC_VISITS'] ?? 56);
const KB_PER_VISIT = Number(process.env['BENCH_SYNC_KB_PER_VISIT'] ?? 1024);
const EVENTS_PER_VISIT = 40;
const SEGMENTS_PER_VISIT = 4;

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

interface Backlog {
  files: string[];
  eventsJson: Buffer;
  /** The files' bytes: what the drain and the copy move besides the events' JSON. */
  fileBytes: number;
}

/** A week's backlog on a fresh terminal: events and sealed recordings; returns the files and the events' JSON. */
async function backlog(central: CentralWorld, t: TestTerminal): Promise<Backlog> {
  const perVisit = KB_PER_VISIT * 1024;
  for (let v = 0; v < VISITS; v++) {
    fillAudit(t.db, t.config.terminalId, EVENTS_PER_VISIT, t.clock.now(), 120);
    const visitId = await newVisit(central.store, central.w);
    const segment = Math.max(1, Math.floor(perVisit / 2 / SEGMENTS_PER_VISIT));
    addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId: t.config.terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: Array.from({ length: SEGMENTS_PER_VISIT }, () => segment),
      archiveBytes: Math.max(1, perVisit - segment * SEGMENTS_PER_VISIT),
    });
  }
  const files: string[] = [];
  for (const dir of fs.readdirSync(t.config.recordingDir))
    for (const f of fs.readdirSync(path.join(t.config.recordingDir, dir))) files.push(path.join(t.config.recordingDir, dir, f));
  const events = t.db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
  const fileBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
  return { files, eventsJson: Buffer.from(JSON.stringify(events)), fileBytes };
}

/** CPU time (user + system, ms) this process spent since `from`: on a shared machine it moves less than wall time. */
const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** CPU time (ms) a child process has used so far (Linux /proc; 0 elsewhere). */
function childCpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Wall and CPU time of `work`: this process's CPU plus that of the child `pid` (the server side), if any. */
async function timed(pid: number | undefined, work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const child = childCpuMs(pid);
  await work();
  return { ms: performance.now() - start, cpuMs: cpuMsSince(cpu) + childCpuMs(pid) - child };
}

async function rawCopy(url: string, files: readonly string[], eventsJson: Buffer): Promise<void> {
  await put(url, eventsJson, eventsJson.length);
  for (const f of files) await put(url, fs.createReadStream(f), fs.statSync(f).size);
}

const PLAIN_PUT = fileURLToPath(new URL('./plain-put.ts', import.meta.url));

interface DrainFigures {
  drainMs: number;
  rawCopyMs: number;
  ratio: number;
  /** Both sides' CPU (terminal + store; client + PUT server): steadier under load than wall time. */
  drainCpuMs: number;
  rawCopyCpuMs: number;
  cpuRatio: number;
  rounds: number;
  drainMBps: number;
  rawMBps: number;
}

/** Raw copy, drain, raw copy again (the faster copy is the baseline); `pids`: the server sides' processes, if not this one. */
async function drainAgainstCopy(
  label: string,
  t: TestTerminal,
  storeUrl: string | undefined,
  putUrl: string,
  { files, eventsJson, fileBytes }: Backlog,
  pids: { store?: number; put?: number },
): Promise<DrainFigures> {
  const raw1 = await timed(pids.put, () => rawCopy(putUrl, files, eventsJson));
  let rounds = 0;
  const drained = await timed(pids.store, async () => {
    const result = await drain(t.worker({ maxBatchesPerRound: 100, ...(storeUrl ? { url: storeUrl } : {}) }), 200);
    if (!result.ok) throw new Error(`drain failed: ${result.lastError ?? ''}`);
    rounds = result.rounds;
  });
  const raw2 = await timed(pids.put, () => rawCopy(putUrl, files, eventsJson));
  const unsent = (t.db.prepare("SELECT COUNT(*) AS n FROM sync_uploads WHERE state <> 'confirmed'").get() as { n: number }).n;
  if (unsent !== 0) throw new Error(`${unsent} files unconfirmed after the drain`);
  const raw = raw1.ms <= raw2.ms ? raw1 : raw2;
  const bytes = fileBytes + eventsJson.length;
  console.log(
    `${label}: drain ${drained.ms.toFixed(0)} ms (CPU ${drained.cpuMs.toFixed(0)} ms) in ${rounds} rounds; raw copy ${raw1.ms.toFixed(0)} / ${raw2.ms.toFixed(0)} ms (CPU ${raw1.cpuMs.toFixed(0)} / ${raw2.cpuMs.toFixed(0)} ms)`,
  );
  return {
    drainMs: Math.round(drained.ms),
    rawCopyMs: Math.round(raw.ms),
    ratio: round(drained.ms / raw.ms, 2),
    drainCpuMs: Math.round(drained.cpuMs),
    rawCopyCpuMs: Math.round(raw.cpuMs),
    cpuRatio: round(drained.cpuMs / raw.cpuMs, 2),
    rounds,
    drainMBps: round(bytes / 1048576 / (drained.ms / 1000), 1),
    rawMBps: round(bytes / 1048576 / (raw.ms / 1000), 1),
  };
}

/** As deployed: the store and the PUT server each in its own process, the terminal in this one. */
async function drainSeparate(): Promise<DrainFigures> {
  const { central, seeded } = await killableCentral(async (store, w) => {
    const world: CentralWorld = { store, w, stop: () => Promise.resolve() };
    const t = await enrolledTerminal(world);
    return { t, backlog: await backlog(world, t) };
  });
  const putDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-put-'));
  const plain = await startChild<{ url: string }>(PLAIN_PUT, [putDir]);
  try {
    return await drainAgainstCopy(
      'store in its own process',
      seeded.t,
      central.child.ready.url,
      plain.ready.url,
      seeded.backlog,
      {
        store: central.child.process.pid,
        put: plain.process.pid,
      },
    );
  } finally {
    seeded.t.close();
    await plain.kill();
    fs.rmSync(putDir, { recursive: true, force: true });
    await central.stop();
  }
}

/** Terminal→store bytes to upload one file of `bytes`, with an optional cut at `cutAt` bytes. */
async function uploadBytesOnWire(
  central: CentralWorld,
  bytes: number,
  cutAt: number | null,
): Promise<{ up: number; rounds: number }> {
  const t = await enrolledTerminal(central);
  const visitId = await newVisit(central.store, central.w);
  addSealedRecording({
    db: t.db,
    recordingDir: t.config.recordingDir,
    terminalId: t.config.terminalId,
    visitId,
    at: t.clock.now(),
    segmentBytes: [],
    archiveBytes: bytes,
  });
  const proxy = await startFaultProxy(Number(new URL(central.store.url).port));
  const worker = t.worker({ url: proxy.url });
  if (cutAt !== null) proxy.setFault({ kind: 'cutUp', after: cutAt });
  const result = await drain(worker);
  if (!result.ok) throw new Error(`upload did not finish: ${result.lastError ?? ''}`);
  const up = proxy.upBytes();
  await proxy.close();
  t.close();
  return { up, rounds: result.rounds };
}

async function main(): Promise<void> {
  const separate = await drainSeparate();
  const central = await startCentral();
  const putDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-put-'));
  const plain = await startPlainPutServer(putDir);
  try {
    const t = await enrolledTerminal(central);
    const work = await backlog(central, t);
    const { files, eventsJson, fileBytes } = work;
    const events = (t.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    console.log(
      `backlog: ${VISITS} visits, ${events} audit events (${eventsJson.length} bytes as JSON), ${files.length} files, ${(fileBytes / 1048576).toFixed(1)} MB`,
    );
    const oneProcess = await drainAgainstCopy('one process', t, undefined, plain.url, work, {});
    t.close();

    // Interruption: a file of 2.5 chunks, the line cut half-way through the second chunk.
    const chunk = UPLOAD_CHUNK_BYTES;
    const size = Math.round(chunk * 2.5);
    const clean = await uploadBytesOnWire(central, size, null);
    const cut = await uploadBytesOnWire(central, size, Math.round(chunk * 1.5));
    const resent = cut.up - clean.up;
    console.log(
      `interruption: clean ${clean.up} bytes on the wire, cut+resume ${cut.up} bytes (${cut.rounds} rounds); re-sent ${resent} bytes, chunk ${chunk}`,
    );

    console.log(
      JSON.stringify({
        bench: 'sync',
        visits: VISITS,
        events,
        files: files.length,
        bytes: fileBytes + eventsJson.length,
        // Issue #22 item 3's figure: the store in its own process, as deployed (target ratio ≤ 2).
        ...separate,
        // The same drain with everything in this process (how this bench measured until 2026-12-07).
        oneProcess,
        interruption: {
          fileBytes: size,
          chunkBytes: chunk,
          cutAtBytes: Math.round(chunk * 1.5),
          resentBytes: resent,
          withinOneChunk: resent <= chunk,
        },
        load: os.loadavg().map((l) => round(l, 1)),
      }),
    );
  } finally {
    await plain.close();
    fs.rmSync(putDir, { recursive: true, force: true });
    await central.stop();
  }
}

await main();
