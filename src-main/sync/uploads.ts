// Recording uploads (R13.1): every sealed segment (while the visit still
// runs), then the archive and the signed manifest, with tus from the file on disk. The
// upload URL is stored per file before the first byte goes, so after a cut connection or
// a restart of either side the upload resumes from the store's offset. Once a file is
// stored the store's hash confirmation is asked for; when every file of a closed
// recording is confirmed, hash_confirmed_at is set (the retention rule needs it).
// Issue #22 item 3: a few files go at once (UPLOAD_PARALLEL), the per-file state
// changes of a round are written in one transaction at its end, not one fsync'd commit each
// (only the upload URL, which a resume needs, is written as soon as it is known), and a file's
// first bytes go with its creation (one request for a file up to a chunk; earlierUpload covers
// the creation whose answer was lost).
import type { Database } from 'better-sqlite3';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { recordingEndpoints } from '../../src-shared/store-api/endpoints/recordings';
import { appendAudit } from '../audit/audit-log';
import { markRecordingHashConfirmed } from '../recording/recorder-db';
import { markRecordingRowsSent } from '../store/outbox';
import { writeResumeHint } from '../store/resume-hint';
import { CentralError, type CentralClient } from '../central-store/terminal-client';
import { UPLOAD_OUTBOX_KIND } from './upload-kind';
import { openUploads, planUploads, type UploadRow } from './upload-plan';

// Four S3 multipart parts of the store (RECORDINGS_S3_PART_SIZE_MB, 8 by default) per PATCH: the
// store streams a PATCH's parts to the bucket while they arrive, but acknowledges a PATCH only once
// its last part is stored, so each PATCH ends with a wait (npm run bench:cluster). A whole number of
// parts, or every other PATCH leaves an incomplete `.part` object to be read back. Nothing is
// buffered here (tus-js-client reads each PATCH's range from the file), and a PATCH cut short keeps
// the bytes that arrived (the store stores what it received), so a larger PATCH re-sends no more.
export const UPLOAD_CHUNK_BYTES = 32 * 1024 * 1024;

/**
 * Files sent at once: the store's work on one (its database rows, its hash) overlaps the
 * bytes of the others; bounded so a week's backlog never floods the line (bench:sync).
 */
export const UPLOAD_PARALLEL = 3;

/** The store's tus endpoint (not a declared endpoint: @tus/server speaks the protocol); log bundles use it too. */
export const TUS_UPLOADS_PATH = '/api/uploads';

export interface UploadOptions {
  readonly terminalId: string;
  readonly recordingDir: string;
  readonly now: () => Date;
  /** Called as bytes go out (throttled by the caller). */
  readonly onProgress?: () => void;
  /** Bounded work per tick. */
  readonly maxFiles?: number;
  readonly chunkSize?: number;
  /** No progress this long (a stalled line, a store that stopped answering): abort, resume next round. */
  readonly stallMs?: number;
  /** Files sent at once (UPLOAD_PARALLEL by default). */
  readonly parallel?: number;
  /** Each running upload (active) and its end (not active), so stop() can abort them. */
  readonly track?: (upload: tus.Upload, active: boolean) => void;
}

export interface UploadOutcome {
  readonly sent: number;
  readonly confirmedRecordings: number;
  readonly more: boolean;
}

const uploadIdOf = (url: string): string => url.replace(/\/+$/, '').split('/').at(-1) ?? '';

/** The last PATCH's answer: the store hashes the stored bytes on completion and says so. */
interface Completion {
  readonly confirmedSha256: string | null;
}

const PROGRESS_WRITE_MS = 500;

/** The statements of a round, prepared once. */
function statementsOf(db: Database) {
  return {
    setUrl: db.prepare('UPDATE sync_uploads SET upload_url = ? WHERE recording_id = ? AND file = ?'),
    setSent: db.prepare('UPDATE sync_uploads SET sent_bytes = ? WHERE recording_id = ? AND file = ?'),
    setBytes: db.prepare('UPDATE sync_uploads SET bytes = ? WHERE recording_id = ? AND file = ?'),
    setError: db.prepare('UPDATE sync_uploads SET last_error = ? WHERE recording_id = ? AND file = ?'),
    failed: db.prepare('UPDATE sync_uploads SET attempts = attempts + 1, last_error = ? WHERE recording_id = ? AND file = ?'),
    refused: db.prepare(
      'UPDATE sync_uploads SET upload_url = NULL, sent_bytes = 0, attempts = attempts + 1, last_error = ? WHERE recording_id = ? AND file = ?',
    ),
    rejected: db.prepare(
      "UPDATE sync_uploads SET state = 'pending', upload_url = NULL, sent_bytes = 0, last_error = ? WHERE recording_id = ? AND file = ?",
    ),
    confirmed: db.prepare(
      "UPDATE sync_uploads SET state = 'confirmed', confirmed_at = ?, sent_bytes = bytes, last_error = NULL WHERE recording_id = ? AND file = ?",
    ),
    uploaded: db.prepare(
      "UPDATE sync_uploads SET state = 'uploaded', sent_bytes = bytes, last_error = NULL WHERE recording_id = ? AND file = ?",
    ),
    urlOf: db.prepare<[string, string], { upload_url: string | null }>(
      'SELECT upload_url FROM sync_uploads WHERE recording_id = ? AND file = ?',
    ),
  };
}
type Statements = ReturnType<typeof statementsOf>;

function tusUpload(
  client: CentralClient,
  token: string,
  row: UploadRow,
  path: string,
  size: number,
  options: UploadOptions,
  db: Database,
  sql: Statements,
): Promise<Completion> {
  const stallMs = options.stallMs ?? 60_000;
  let watchdog: NodeJS.Timeout | null = null;
  // sent_bytes is for the progress bar only (resuming asks the store for its offset):
  // written at most twice a second, not with every fsync'd progress event, and not at all
  // for a file sent in less than that.
  let lastWrite = Date.now();
  let stored = row.upload_url;
  let running: tus.Upload | null = null;
  let ended = false;
  return new Promise<Completion>((resolve, reject) => {
    // tus-js-client has no timeout of its own: a connection that stalls would hang the round.
    const arm = (): void => {
      if (watchdog !== null) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        void upload.abort().catch(() => undefined);
        reject(new Error('upload stalled'));
      }, stallMs);
      watchdog.unref();
    };
    const upload = new tus.Upload(createReadStream(path), {
      endpoint: `${client.baseUrl}${TUS_UPLOADS_PATH}`,
      // Kept as a path: the store may be reached by another address after a restart.
      ...(row.upload_url !== null ? { uploadUrl: `${client.baseUrl}${row.upload_url}` } : {}),
      uploadSize: size,
      headers: { authorization: `Bearer ${token}` },
      metadata: {
        visitId: row.visit_id,
        terminalId: options.terminalId,
        kind: row.kind,
        filename: row.file,
        sha256: row.sha256,
        size: String(size),
      },
      chunkSize: options.chunkSize ?? UPLOAD_CHUNK_BYTES,
      // Our own back-off retries: one attempt per tick keeps the worker's state simple.
      retryDelays: null,
      storeFingerprintForResuming: false,
      // Issue #22 item 3: a file that fits one PATCH goes with its creation (one request, not two;
      // bench:sync −20 %). If that answer is lost, the next attempt asks the store first (earlierUpload).
      uploadDataDuringCreation: true,
      removeFingerprintOnSuccess: false,
      onUploadUrlAvailable: () => {
        if (upload.url === null) return;
        const url = new URL(upload.url, client.baseUrl).pathname;
        // A resume announces the URL it was given again: no second commit for it.
        if (url === stored) return;
        stored = url;
        // Written before the first byte goes (a cut resumes from it), but not fsync'd: a resume hint.
        writeResumeHint(db, () => sql.setUrl.run(url, row.recording_id, row.file));
      },
      onProgress: (sent) => {
        // tus-js-client throttles its progress events: a late one may come after the end (the store may be closed by then).
        if (ended) return;
        arm();
        const t = Date.now();
        if (t - lastWrite >= PROGRESS_WRITE_MS) {
          lastWrite = t;
          sql.setSent.run(sent, row.recording_id, row.file);
        }
        options.onProgress?.();
      },
      onSuccess: ({ lastResponse }) => {
        // A HEAD (the upload was already complete) carries no verdict: asked for separately.
        const confirmed =
          lastResponse.getHeader('upload-status') === 'confirmed' ? (lastResponse.getHeader('upload-sha256') ?? null) : null;
        resolve({ confirmedSha256: confirmed ?? null });
      },
      onError: (error) => reject(error),
    });
    running = upload;
    options.track?.(upload, true);
    arm();
    upload.start();
  }).finally(() => {
    ended = true;
    if (watchdog !== null) clearTimeout(watchdog);
    if (running !== null) options.track?.(running, false);
  });
}

/** The store's zh-CN reason for a refusal (a hash or a manifest signature that does not match), when it gave one. */
const refusalOf = (error: unknown): string | null => {
  try {
    const body = (error as { originalResponse?: { getBody(): string } | null }).originalResponse?.getBody();
    const message = (JSON.parse(body ?? '') as { error?: { message?: unknown } }).error?.message;
    return typeof message === 'string' ? message.slice(0, 500) : null;
  } catch {
    return null;
  }
};

const statusOf = (error: unknown): number | null => {
  const res = (error as { originalResponse?: { getStatus(): number } | null }).originalResponse;
  return res ? res.getStatus() : null;
};

/**
 * The state changes of a round's files, written together (one commit, not one per file).
 * Losing them to a crash loses nothing: a file still 'pending' with its upload URL resumes
 * with a HEAD that finds it complete, and its confirmation is asked for again.
 */
interface Settled {
  /** The manifest's size is not in its row until it is sent. */
  readonly sized: { row: UploadRow; bytes: number }[];
  readonly confirmed: { row: UploadRow; at: string }[];
  readonly uploaded: UploadRow[];
}

function writeSettled(db: Database, sql: Statements, settled: Settled): void {
  if (settled.sized.length + settled.confirmed.length + settled.uploaded.length === 0) return;
  db.transaction(() => {
    for (const { row, bytes } of settled.sized) sql.setBytes.run(bytes, row.recording_id, row.file);
    for (const r of settled.uploaded) sql.uploaded.run(r.recording_id, r.file);
    for (const { row, at } of settled.confirmed) sql.confirmed.run(at, row.recording_id, row.file);
  })();
  settled.sized.length = 0;
  settled.confirmed.length = 0;
  settled.uploaded.length = 0;
}

async function confirm(client: CentralClient, sql: Statements, settled: Settled, row: UploadRow, url: string, at: Date) {
  const answer = await client.call(recordingEndpoints.confirmation, { query: { uploadId: uploadIdOf(url) } });
  if (answer.status === 'confirmed' && answer.storedSha256 === row.sha256) {
    settled.confirmed.push({ row, at: at.toISOString() });
  } else if (answer.status === 'rejected') {
    // The store threw the bytes away: send the file again as a new upload.
    sql.rejected.run(`中心库拒收：${answer.reason ?? '哈希不符'}`, row.recording_id, row.file);
  }
}

/**
 * A file whose last attempt failed before it learnt its upload's URL: its creation carried its first
 * bytes, so the store may hold them — all of them, confirmed, when only the answer was lost. Asked by
 * visit and SHA-256 (one request, and only after a failure): this terminal's confirmed copy of the
 * file settles it, a pending one is resumed from the store's offset; otherwise it is sent anew. So a
 * lost answer never leaves the store a second copy, nor re-sends what it holds.
 */
async function earlierUpload(
  client: CentralClient,
  row: UploadRow,
  terminalId: string,
): Promise<{ kind: 'confirmed' } | { kind: 'resume'; url: string } | { kind: 'send' }> {
  let known;
  try {
    known = await client.call(recordingEndpoints.confirmation, { query: { visitId: row.visit_id, sha256: row.sha256 } });
  } catch (error) {
    if (error instanceof CentralError && error.status === 404) return { kind: 'send' };
    throw error;
  }
  if (known.terminalId !== terminalId || known.filename !== row.file) return { kind: 'send' };
  if (known.status === 'confirmed' && known.storedSha256 === row.sha256) return { kind: 'confirmed' };
  return known.status === 'pending' ? { kind: 'resume', url: `${TUS_UPLOADS_PATH}/${known.uploadId}` } : { kind: 'send' };
}

/** Sets hash_confirmed_at on closed recordings whose every file is confirmed (one transaction); returns how many. */
function settleRecordings(db: Database, terminalId: string, at: Date): number {
  const done = db
    .prepare<[], { recording_id: string; visit_id: string }>(
      `SELECT r.recording_id, r.visit_id FROM recordings r JOIN recording_manifests m USING (recording_id)
       WHERE r.hash_confirmed_at IS NULL AND r.state IN ('sealed', 'interrupted')
         AND NOT EXISTS (SELECT 1 FROM sync_uploads u WHERE u.recording_id = r.recording_id AND u.state <> 'confirmed')
         AND EXISTS (SELECT 1 FROM sync_uploads u WHERE u.recording_id = r.recording_id AND u.kind = 'manifest')`,
    )
    .all();
  if (done.length === 0) return 0;
  db.transaction(() => {
    for (const r of done) {
      markRecordingHashConfirmed(db, r.recording_id, at.toISOString());
      markRecordingRowsSent(db, UPLOAD_OUTBOX_KIND, r.recording_id, at);
      appendAudit(
        db,
        terminalId,
        { kind: 'recording.hashConfirmed', payload: { recordingId: r.recording_id, visitId: r.visit_id } },
        at,
      );
    }
  }).immediate();
  return done.length;
}

/** One file: sent (or resumed) unless already stored, then confirmed. True when bytes went out. */
async function uploadOne(
  db: Database,
  client: CentralClient,
  sql: Statements,
  settled: Settled,
  row: UploadRow,
  options: UploadOptions,
): Promise<boolean> {
  const path = join(options.recordingDir, row.recording_id, row.file);
  let sent = false;
  if (row.state === 'pending' || row.state === 'rejected') {
    if (!existsSync(path)) {
      sql.setError.run('本地录像文件缺失', row.recording_id, row.file);
      return false;
    }
    const size = statSync(path).size;
    if (row.bytes !== size) settled.sized.push({ row, bytes: size });
    let sized = { ...row, bytes: size };
    if (row.upload_url === null && row.attempts > 0) {
      const earlier = await earlierUpload(client, row, options.terminalId);
      if (earlier.kind === 'confirmed') {
        settled.confirmed.push({ row, at: options.now().toISOString() });
        return false;
      }
      if (earlier.kind === 'resume') {
        const url = earlier.url;
        writeResumeHint(db, () => sql.setUrl.run(url, row.recording_id, row.file));
        sized = { ...sized, upload_url: url };
      }
    }
    let completion: Completion;
    try {
      completion = await tusUpload(client, await client.token(), sized, path, size, options, db, sql);
    } catch (error) {
      const status = statusOf(error);
      if (status === 460) {
        sql.refused.run(`中心库拒收：${refusalOf(error) ?? '校验哈希不符'}，将重新上传`, row.recording_id, row.file);
        return false;
      }
      sql.failed.run('上传中断，将从断点续传', row.recording_id, row.file);
      throw new CentralError(
        status === null ? '录像上传中断（网络不通）' : `录像上传失败（HTTP ${status}）`,
        status === null || status >= 500 ? null : status,
      );
    }
    sent = true;
    options.onProgress?.();
    if (completion.confirmedSha256 === row.sha256) {
      // The store's answer to the last PATCH is its hash confirmation: no second request.
      settled.confirmed.push({ row, at: options.now().toISOString() });
      return true;
    }
    settled.uploaded.push(row);
  }
  const url = sql.urlOf.get(row.recording_id, row.file)?.upload_url;
  if (url) await confirm(client, sql, settled, row, url, options.now());
  return sent;
}

export async function uploadRecordings(db: Database, client: CentralClient, options: UploadOptions): Promise<UploadOutcome> {
  planUploads(db, options.recordingDir);
  const rows = openUploads(db);
  const maxFiles = options.maxFiles ?? 50;
  const todo = rows.slice(0, maxFiles);
  const sql = statementsOf(db);
  const settled: Settled = { sized: [], confirmed: [], uploaded: [] };
  // Each recording's files so far: its manifest goes after them (once it is confirmed, the
  // store holds everything it lists), the other files of a recording go side by side.
  const before = new Map<string, Promise<unknown>[]>();
  let failure: { error: unknown } | null = null;
  let sent = 0;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (failure === null && next < todo.length) {
      const row = todo[next++] as UploadRow;
      const siblings = before.get(row.recording_id) ?? [];
      before.set(row.recording_id, siblings);
      const task =
        row.kind === 'manifest'
          ? Promise.allSettled(siblings).then(() =>
              failure === null ? uploadOne(db, client, sql, settled, row, options) : false,
            )
          : uploadOne(db, client, sql, settled, row, options);
      siblings.push(task);
      try {
        if (await task) sent += 1;
      } catch (error) {
        // The first failure ends the round (next round resumes); uploads under way finish or fail on their own.
        failure ??= { error };
      }
    }
  };
  try {
    const lanes = Math.max(1, Math.min(options.parallel ?? UPLOAD_PARALLEL, todo.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    writeSettled(db, sql, settled);
  }
  if (failure !== null) throw (failure as { error: unknown }).error;
  const confirmedRecordings = settleRecordings(db, options.terminalId, options.now());
  return { sent, confirmedRecordings, more: rows.length > maxFiles };
}
