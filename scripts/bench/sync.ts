// npm run bench:sync. A terminal back after a week offline drains its
// backlog (audit events plus recordings: segments, archives, signed manifests) into the
// REAL central store through the sync worker (pull, chain push, tus uploads, hash
// confirmations); the time is set against a raw copy of the same bytes in the same run
// (plain HTTP PUTs of the same files and of the events' JSON to a bare node:http server
// on the same host writing them to disk). Then an upload is cut mid-file and resumed:
// the bytes re-sent are the terminal→store bytes of the cut run minus those of a clean
// run of the same file (target: at most one chunk).
// Scaled for CI: BENCH_SYNC_VISITS (default 56 = a week of 8 visits a day) and
// BENCH_SYNC_KB_PER_VISIT (default 1024; a real 30-minute visit is ~200 MB at 1 Mbit/s).
// Last line of output: one JSON object.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import { UPLOAD_CHUNK_BYTES } from '../../src-main/sync/uploads';
import { drain, newVisit } from '../../harness/sync/worlds';
import { addSealedRecording, fillAudit } from '../../harness/sync/recording-fixture';
import { startFaultProxy } from '../../harness/sync/fault-proxy';
import { enrolledTerminal, startCentral, type CentralWorld, type TestTerminal } from '../../harness/sync/sync-world';

const VISITS = Number(process.env['BENCH_SYNC_VISITS'] ?? 56);
const KB_PER_VISIT = Number(process.env['BENCH_SYNC_KB_PER_VISIT'] ?? 1024);
const EVENTS_PER_VISIT = 40;
const SEGMENTS_PER_VISIT = 4;

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

async function startPlainPutServer(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  let n = 0;
  const server = http.createServer((req, res) => {
    pipeline(req, fs.createWriteStream(path.join(dir, `put-${++n}`))).then(
      () => res.writeHead(204).end(),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function put(url: string, body: fs.ReadStream | Buffer, length: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'PUT', headers: { 'content-length': String(length), 'content-type': 'application/octet-stream' } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 204 ? resolve() : reject(new Error(`PUT ${res.statusCode ?? 0}`))));
      },
    );
    req.on('error', reject);
    if (Buffer.isBuffer(body)) req.end(body);
    else body.pipe(req);
  });
}

/** A week's backlog on a fresh terminal: events and sealed recordings; returns the files and the events' JSON. */
async function backlog(central: CentralWorld, t: TestTerminal): Promise<{ files: string[]; eventsJson: Buffer }> {
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
  return { files, eventsJson: Buffer.from(JSON.stringify(events)) };
}

/** CPU time (user + system, ms) this process spent since `from`: on a shared machine it moves less than wall time. */
const cpuMsSince = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

async function rawCopy(url: string, files: readonly string[], eventsJson: Buffer): Promise<{ ms: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  await put(url, eventsJson, eventsJson.length);
  for (const f of files) await put(url, fs.createReadStream(f), fs.statSync(f).size);
  return { ms: performance.now() - start, cpuMs: cpuMsSince(cpu) };
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
  const central = await startCentral();
  const putDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-put-'));
  const plain = await startPlainPutServer(putDir);
  try {
    const t = await enrolledTerminal(central);
    const { files, eventsJson } = await backlog(central, t);
    const fileBytes = files.reduce((n, f) => n + fs.statSync(f).size, 0);
    const events = (t.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    console.log(
      `backlog: ${VISITS} visits, ${events} audit events (${eventsJson.length} bytes as JSON), ${files.length} files, ${(fileBytes / 1048576).toFixed(1)} MB`,
    );

    const raw1 = await rawCopy(plain.url, files, eventsJson);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const drained = await drain(t.worker({ maxBatchesPerRound: 100 }), 200);
    const drainMs = performance.now() - start;
    const drainCpuMs = cpuMsSince(cpu);
    if (!drained.ok) throw new Error(`drain failed: ${drained.lastError ?? ''}`);
    const raw2 = await rawCopy(plain.url, files, eventsJson);
    const rawMs = Math.min(raw1.ms, raw2.ms);
    const rawCpuMs = Math.min(raw1.cpuMs, raw2.cpuMs);
    const unsent = (t.db.prepare("SELECT COUNT(*) AS n FROM sync_uploads WHERE state <> 'confirmed'").get() as { n: number }).n;
    if (unsent !== 0) throw new Error(`${unsent} files unconfirmed after the drain`);
    console.log(
      `drain ${drainMs.toFixed(0)} ms (CPU ${drainCpuMs.toFixed(0)} ms) in ${drained.rounds} rounds; raw copy ${raw1.ms.toFixed(0)} / ${raw2.ms.toFixed(0)} ms (CPU ${raw1.cpuMs.toFixed(0)} / ${raw2.cpuMs.toFixed(0)} ms)`,
    );
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
        drainMs: Math.round(drainMs),
        rawCopyMs: Math.round(rawMs),
        ratio: round(drainMs / rawMs, 2),
        // The same ratio in CPU time (store and terminal share this process): steadier under load.
        drainCpuMs: Math.round(drainCpuMs),
        rawCopyCpuMs: Math.round(rawCpuMs),
        cpuRatio: round(drainCpuMs / rawCpuMs, 2),
        drainMBps: round((fileBytes + eventsJson.length) / 1048576 / (drainMs / 1000), 1),
        rawMBps: round((fileBytes + eventsJson.length) / 1048576 / (rawMs / 1000), 1),
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
