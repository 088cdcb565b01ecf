// Upload throughput through tus (tus-js-client → /api/uploads, the terminal's 32 MiB PATCHes,
// the store's SHA-256 check of the stored bytes included) as a ratio to a plain
// HTTP PUT of the same bytes to a bare node:http server that writes them to
// disk, measured in the same run on 127.0.0.1. Target: ratio ≥ 0.7.
// `npx tsx scripts/bench/uploads.ts` prints one JSON object on its last line;
// scripts/bench/server.ts imports benchUploads().
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tus from 'tus-js-client';
import { UPLOAD_CHUNK_BYTES } from '../../src-main/sync/uploads';
import { startStore } from '../../harness/store/store';
import { buildWorld } from '../../harness/store/world';
import { enrolTerminal, seedVisit } from '../../harness/store/upload-world';
import { plainPut, startPlainPutServer } from './plain-put';

export interface UploadBenchOptions {
  totalBytes?: number;
  chunkBytes?: number;
  /** Each side runs this many times, alternating; each run is a pair (PUT then tus, back to back). */
  runs?: number;
}

export interface UploadBenchResult {
  bytes: number;
  chunkBytes: number;
  runs: number;
  plainPutMBps: number;
  tusMBps: number;
  /**
   * The median over the runs of each pair's tus / plain PUT throughput (issue 22.3): the two
   * sides of a pair run back to back, so a burst of load elsewhere on the machine moves both;
   * the best of each side over the runs could pair a quiet PUT with a loaded tus (0.32 vs 0.84).
   */
  ratio: number;
  /** Each pair's ratio, in run order. */
  pairRatios: number[];
  target: number;
}

const MB = 1024 * 1024;
const mbps = (bytes: number, ms: number) => Math.round((bytes / MB / (ms / 1000)) * 10) / 10;

function tusUpload(
  endpoint: string,
  token: string,
  bytes: Buffer,
  chunkBytes: number,
  metadata: Record<string, string>,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const upload: tus.Upload = new tus.Upload(bytes, {
      endpoint,
      headers: { authorization: `Bearer ${token}` },
      metadata,
      chunkSize: chunkBytes,
      retryDelays: null,
      onSuccess: ({ lastResponse }) =>
        lastResponse.getHeader('upload-status') === 'confirmed'
          ? resolve(upload.url ?? '')
          : reject(new Error('upload not confirmed')),
      onError: reject,
    });
    upload.start();
  });
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function benchUploads(options: UploadBenchOptions = {}): Promise<UploadBenchResult> {
  const totalBytes = options.totalBytes ?? 200 * MB;
  // The terminal's own PATCH size (src-main/sync/uploads.ts).
  const chunkBytes = options.chunkBytes ?? UPLOAD_CHUNK_BYTES;
  const runs = options.runs ?? 3;
  const bytes = randomBytes(totalBytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  const putDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-put-'));
  const put = await startPlainPutServer(putDir);
  const store = await startStore('sqlite');
  try {
    const w = await buildWorld(store);
    const terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const visitId = await seedVisit(store.app.ctx.db, {
      prisonId: w.prisonA.id,
      wardId: w.prisonA.wardId,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      partnerId: w.bureauA.id,
    });
    const recordings = path.join(store.fresh.dataDir, 'recordings');
    const metadata = {
      visitId,
      terminalId: terminal.terminalId,
      kind: 'archive',
      filename: 'visit.mkv',
      sha256,
      size: String(totalBytes),
    };

    const putMs: number[] = [];
    const tusMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      putMs.push(await timed(() => plainPut(put.url, bytes, bytes.length)));
      fs.rmSync(putDir, { recursive: true, force: true });
      fs.mkdirSync(putDir);
      let url = '';
      tusMs.push(
        await timed(async () => (url = await tusUpload(`${store.url}/api/uploads`, terminal.token, bytes, chunkBytes, metadata))),
      );
      // The bench's own clean-up (the store itself never deletes a confirmed recording).
      const id = url.split('/').pop() ?? '';
      fs.rmSync(path.join(recordings, id), { force: true });
      fs.rmSync(path.join(recordings, `${id}.json`), { force: true });
    }
    const plainPutMBps = mbps(totalBytes, Math.min(...putMs));
    const tusMBps = mbps(totalBytes, Math.min(...tusMs));
    const pairRatios = putMs.map((put, i) => Math.round((put / (tusMs[i] ?? Infinity)) * 100) / 100);
    const sorted = [...pairRatios].sort((a, b) => a - b);
    return {
      bytes: totalBytes,
      chunkBytes,
      runs,
      plainPutMBps,
      tusMBps,
      ratio: sorted[Math.floor(sorted.length / 2)] ?? 0,
      pairRatios,
      target: 0.7,
    };
  } finally {
    await put.close();
    fs.rmSync(putDir, { recursive: true, force: true });
    await store.stop();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = await benchUploads();
  console.log(
    `tus ${result.tusMBps} MB/s vs plain PUT ${result.plainPutMBps} MB/s (${result.bytes / MB} MB, ${result.chunkBytes / MB} MB chunks, best of ${result.runs}; median pair ratio ${result.ratio} of ${result.pairRatios.join(', ')})`,
  );
  console.log(JSON.stringify({ bench: 'uploads', ...result }));
}
