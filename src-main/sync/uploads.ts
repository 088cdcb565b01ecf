// Recording uploads (R13.1): every sealed segment (while the visit still
// runs), then the archive and the signed manifest, with tus from the file on disk. The
// upload URL is stored per file before the first byte goes, so after a cut connection or
// a restart of either side the upload resumes from the store's offset. Once a file is
// stored the store's hash confirmation is asked for; when every file of a closed
// recording is confirmed, hash_confirmed_at is set (the retention rule needs it).
import type { Database } from 'better-sqlite3';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { recordingEndpoints } from '../../src-shared/store-api/endpoints/recordings';
import type { RecordingFileKind } from '../../src-shared/sync/recording-kinds';
import { appendAudit } from '../audit/audit-log';
import { markRecordingHashConfirmed } from '../recording/recorder-db';
import { markRecordingRowsSent } from '../store/outbox';
import { CentralError, type CentralClient } from '../central-store/terminal-client';
import { UPLOAD_OUTBOX_KIND } from './upload-kind';

// One PATCH per S3 multipart part of the store (RECORDINGS_S3_PART_SIZE_MB, 8 by default): with
// 4 MiB PATCHes every other one was kept as an incomplete `.part` object, read back and sent again
// with the next (npm run bench:cluster: 8 MiB uploads ~1.4× faster to S3 through the store).
export const UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024;

/** The store's tus endpoint (not a declared endpoint: @tus/server speaks the protocol); log bundles use it too. */
export const TUS_UPLOADS_PATH = '/api/uploads';

export interface UploadRow {
  recording_id: string;
  visit_id: string;
  file: string;
  kind: RecordingFileKind;
  sha256: string;
  bytes: number;
  upload_url: string | null;
  sent_bytes: number;
  state: 'pending' | 'uploaded' | 'confirmed' | 'rejected';
}

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
  /** The running upload, so stop() can abort it. */
  readonly track?: (upload: tus.Upload | null) => void;
}

export interface UploadOutcome {
  readonly sent: number;
  readonly confirmedRecordings: number;
  readonly more: boolean;
}

/** The chapters side-car the signed manifest lists (it is not in a table): read from the manifest file. */
function chaptersOf(
  recordingDir: string | undefined,
  recordingId: string,
  manifestFile: string,
): { file: string; sha256: string; bytes: number } | null {
  if (recordingDir === undefined) return null;
  try {
    const manifest = JSON.parse(readFileSync(join(recordingDir, recordingId, manifestFile), 'utf8')) as {
      chapters?: { file?: unknown; sha256?: unknown; bytes?: unknown } | null;
    };
    const c = manifest.chapters;
    if (!c || typeof c.file !== 'string' || typeof c.sha256 !== 'string' || typeof c.bytes !== 'number') return null;
    return { file: c.file, sha256: c.sha256, bytes: c.bytes };
  } catch {
    // An unreadable manifest is reported when the manifest itself is sent.
    return null;
  }
}

/** Adds the files of every recording not yet confirmed to sync_uploads (idempotent). */
export function planUploads(db: Database, recordingDir?: string): void {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO sync_uploads (recording_id, file, kind, sha256, bytes) VALUES (?, ?, ?, ?, ?)',
  );
  db.transaction(() => {
    const segments = db
      .prepare<[], { recording_id: string; file: string; sha256: string; bytes: number }>(
        `SELECT s.recording_id, s.file, s.sha256, s.bytes FROM recording_segments s JOIN recordings r USING (recording_id)
         WHERE r.hash_confirmed_at IS NULL AND r.deleted_at IS NULL ORDER BY s.recording_id, s.seq`,
      )
      .all();
    for (const s of segments) insert.run(s.recording_id, s.file, 'segment', s.sha256, s.bytes);
    const manifests = db
      .prepare<
        [],
        {
          recording_id: string;
          file: string;
          sha256: string;
          archive_file: string | null;
          archive_sha256: string | null;
          archive_bytes: number | null;
        }
      >(
        `SELECT m.recording_id, m.file, m.sha256, m.archive_file, m.archive_sha256, m.archive_bytes FROM recording_manifests m JOIN recordings r USING (recording_id)
         WHERE r.hash_confirmed_at IS NULL AND r.deleted_at IS NULL`,
      )
      .all();
    for (const m of manifests) {
      if (m.archive_file !== null && m.archive_sha256 !== null && m.archive_bytes !== null)
        insert.run(m.recording_id, m.archive_file, 'archive', m.archive_sha256, m.archive_bytes);
    }
    for (const m of manifests) {
      const chapters = chaptersOf(recordingDir, m.recording_id, m.file);
      if (chapters) insert.run(m.recording_id, chapters.file, 'chapters', chapters.sha256, chapters.bytes);
    }
    // The manifest's size is not in its row: read from the file when it is sent.
    for (const m of manifests) insert.run(m.recording_id, m.file, 'manifest', m.sha256, 0);
  })();
}

// The manifest goes last: once it is confirmed, the store holds everything it lists.
const KIND_ORDER = "CASE u.kind WHEN 'segment' THEN 0 WHEN 'archive' THEN 1 WHEN 'chapters' THEN 2 ELSE 3 END";

export const openUploads = (db: Database): UploadRow[] =>
  db
    .prepare<[], UploadRow>(
      `SELECT u.recording_id, r.visit_id, u.file, u.kind, u.sha256, u.bytes, u.upload_url, u.sent_bytes, u.state
       FROM sync_uploads u JOIN recordings r USING (recording_id)
       WHERE u.state <> 'confirmed' AND r.deleted_at IS NULL ORDER BY r.started_at, u.recording_id, ${KIND_ORDER}, u.file`,
    )
    .all();

const uploadIdOf = (url: string): string => url.replace(/\/+$/, '').split('/').at(-1) ?? '';

/** The last PATCH's answer: the store hashes the stored bytes on completion and says so. */
interface Completion {
  readonly confirmedSha256: string | null;
}

const PROGRESS_WRITE_MS = 500;

function tusUpload(
  client: CentralClient,
  token: string,
  row: UploadRow,
  path: string,
  size: number,
  options: UploadOptions,
  db: Database,
): Promise<Completion> {
  const setUrl = db.prepare('UPDATE sync_uploads SET upload_url = ? WHERE recording_id = ? AND file = ?');
  const setSent = db.prepare('UPDATE sync_uploads SET sent_bytes = ? WHERE recording_id = ? AND file = ?');
  const stallMs = options.stallMs ?? 60_000;
  let watchdog: NodeJS.Timeout | null = null;
  // sent_bytes is for the progress bar only (resuming asks the store for its offset):
  // written at most twice a second, not with every fsync'd progress event.
  let lastWrite = 0;
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
      removeFingerprintOnSuccess: false,
      onUploadUrlAvailable: () => {
        if (upload.url !== null) setUrl.run(new URL(upload.url, client.baseUrl).pathname, row.recording_id, row.file);
      },
      onProgress: (sent) => {
        arm();
        const t = Date.now();
        if (t - lastWrite >= PROGRESS_WRITE_MS) {
          lastWrite = t;
          setSent.run(sent, row.recording_id, row.file);
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
    options.track?.(upload);
    arm();
    upload.start();
  }).finally(() => {
    if (watchdog !== null) clearTimeout(watchdog);
    options.track?.(null);
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

async function confirm(client: CentralClient, db: Database, row: UploadRow, url: string, at: Date): Promise<boolean> {
  const answer = await client.call(recordingEndpoints.confirmation, { query: { uploadId: uploadIdOf(url) } });
  if (answer.status === 'confirmed' && answer.storedSha256 === row.sha256) {
    db.prepare(
      "UPDATE sync_uploads SET state = 'confirmed', confirmed_at = ?, sent_bytes = bytes, last_error = NULL WHERE recording_id = ? AND file = ?",
    ).run(at.toISOString(), row.recording_id, row.file);
    return true;
  }
  if (answer.status === 'rejected') {
    // The store threw the bytes away: send the file again as a new upload.
    db.prepare(
      "UPDATE sync_uploads SET state = 'pending', upload_url = NULL, sent_bytes = 0, last_error = ? WHERE recording_id = ? AND file = ?",
    ).run(`中心库拒收：${answer.reason ?? '哈希不符'}`, row.recording_id, row.file);
  }
  return false;
}

/** Sets hash_confirmed_at on closed recordings whose every file is confirmed; returns how many. */
function settleRecordings(db: Database, terminalId: string, at: Date): number {
  const done = db
    .prepare<[], { recording_id: string; visit_id: string }>(
      `SELECT r.recording_id, r.visit_id FROM recordings r JOIN recording_manifests m USING (recording_id)
       WHERE r.hash_confirmed_at IS NULL AND r.state IN ('sealed', 'interrupted')
         AND NOT EXISTS (SELECT 1 FROM sync_uploads u WHERE u.recording_id = r.recording_id AND u.state <> 'confirmed')
         AND EXISTS (SELECT 1 FROM sync_uploads u WHERE u.recording_id = r.recording_id AND u.kind = 'manifest')`,
    )
    .all();
  for (const r of done) {
    db.transaction(() => {
      markRecordingHashConfirmed(db, r.recording_id, at.toISOString());
      markRecordingRowsSent(db, UPLOAD_OUTBOX_KIND, r.recording_id, at);
      appendAudit(
        db,
        terminalId,
        { kind: 'recording.hashConfirmed', payload: { recordingId: r.recording_id, visitId: r.visit_id } },
        at,
      );
    }).immediate();
  }
  return done.length;
}

export async function uploadRecordings(db: Database, client: CentralClient, options: UploadOptions): Promise<UploadOutcome> {
  planUploads(db, options.recordingDir);
  const rows = openUploads(db);
  const maxFiles = options.maxFiles ?? 50;
  let sent = 0;
  for (const row of rows.slice(0, maxFiles)) {
    const path = join(options.recordingDir, row.recording_id, row.file);
    if (row.state === 'pending' || row.state === 'rejected') {
      if (!existsSync(path)) {
        db.prepare('UPDATE sync_uploads SET last_error = ? WHERE recording_id = ? AND file = ?').run(
          '本地录像文件缺失',
          row.recording_id,
          row.file,
        );
        continue;
      }
      const size = statSync(path).size;
      if (row.bytes !== size)
        db.prepare('UPDATE sync_uploads SET bytes = ? WHERE recording_id = ? AND file = ?').run(size, row.recording_id, row.file);
      const sized = { ...row, bytes: size };
      let completion: Completion;
      try {
        completion = await tusUpload(client, await client.token(), sized, path, size, options, db);
      } catch (error) {
        const status = statusOf(error);
        if (status === 460) {
          db.prepare(
            'UPDATE sync_uploads SET upload_url = NULL, sent_bytes = 0, attempts = attempts + 1, last_error = ? WHERE recording_id = ? AND file = ?',
          ).run(`中心库拒收：${refusalOf(error) ?? '校验哈希不符'}，将重新上传`, row.recording_id, row.file);
          continue;
        }
        db.prepare('UPDATE sync_uploads SET attempts = attempts + 1, last_error = ? WHERE recording_id = ? AND file = ?').run(
          '上传中断，将从断点续传',
          row.recording_id,
          row.file,
        );
        throw new CentralError(
          status === null ? '录像上传中断（网络不通）' : `录像上传失败（HTTP ${status}）`,
          status === null || status >= 500 ? null : status,
        );
      }
      sent += 1;
      if (completion.confirmedSha256 === row.sha256) {
        // The store's answer to the last PATCH is its hash confirmation: no second request.
        db.prepare(
          "UPDATE sync_uploads SET state = 'confirmed', confirmed_at = ?, sent_bytes = bytes, last_error = NULL WHERE recording_id = ? AND file = ?",
        ).run(options.now().toISOString(), row.recording_id, row.file);
        options.onProgress?.();
        continue;
      }
      db.prepare(
        "UPDATE sync_uploads SET state = 'uploaded', sent_bytes = bytes, last_error = NULL WHERE recording_id = ? AND file = ?",
      ).run(row.recording_id, row.file);
      options.onProgress?.();
    }
    const url = db
      .prepare<[string, string], { upload_url: string | null }>(
        'SELECT upload_url FROM sync_uploads WHERE recording_id = ? AND file = ?',
      )
      .get(row.recording_id, row.file)?.upload_url;
    if (url) await confirm(client, db, row, url, options.now());
  }
  const confirmedRecordings = settleRecordings(db, options.terminalId, options.now());
  return { sent, confirmedRecordings, more: rows.length > maxFiles };
}
