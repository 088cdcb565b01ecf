// The store's requests for this terminal's logs: asked each round (one short GET); the oldest
// open one is answered by packing main.log and its rotated files (../log/bundle) into
// <dataDir>/log-bundles and sending that with tus through the recordings' intake (metadata kind
// logBundle). What is being sent is kept in the kv, so a cut connection or a restart resumes
// the same upload; a refused bundle (hash mismatch) is packed again next round.
import type { Database } from 'better-sqlite3';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { logEndpoints } from '../../src-shared/store-api/endpoints/logs';
import { LOG_BUNDLE_KIND } from '../../src-shared/sync/log-bundle';
import { CentralError, type CentralClient } from '../central-store/terminal-client';
import { packLogBundle } from '../log/bundle';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../store/private-files';
import { getKv, setKv } from '../store/kv';
import { SYNC_KV } from './kv-keys';
import { TUS_UPLOADS_PATH } from './uploads';

export interface LogRequestOptions {
  readonly terminalId: string;
  readonly dataDir: string;
  /** main.log's folder; null: this terminal keeps no log file (nothing is asked). */
  readonly logDir: string | null;
  readonly now: () => Date;
  readonly stallMs?: number;
  readonly track?: (upload: tus.Upload, active: boolean) => void;
}

interface Sending {
  readonly requestId: string;
  readonly file: string;
  readonly sha256: string;
  readonly size: number;
  readonly uploadUrl: string | null;
}

function readSending(db: Database): Sending | null {
  try {
    const raw = getKv(db, SYNC_KV.logBundle);
    return raw === null ? null : (JSON.parse(raw) as Sending);
  } catch {
    return null;
  }
}

const writeSending = (db: Database, sending: Sending | null, at: Date): void =>
  setKv(db, SYNC_KV.logBundle, sending === null ? null : JSON.stringify(sending), at);

async function pack(db: Database, requestId: string, options: LogRequestOptions & { logDir: string }): Promise<Sending> {
  const folder = join(options.dataDir, 'log-bundles');
  // Owner-only, like the logs themselves: they name visits and staff.
  mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR_MODE });
  // What a crash left between writing a bundle and recording it.
  for (const name of readdirSync(folder)) rmSync(join(folder, name), { force: true, recursive: true });
  const packed = await packLogBundle({
    dir: options.logDir,
    terminalId: options.terminalId,
    requestId,
    createdAt: options.now(),
  });
  const file = join(folder, `${requestId}.klb.gz`);
  writeFileSync(file, packed.bytes, { mode: PRIVATE_FILE_MODE });
  const sending: Sending = { requestId, file, sha256: packed.sha256, size: packed.bytes.length, uploadUrl: null };
  writeSending(db, sending, options.now());
  return sending;
}

function send(db: Database, client: CentralClient, token: string, sending: Sending, options: LogRequestOptions): Promise<void> {
  const stallMs = options.stallMs ?? 60_000;
  let watchdog: NodeJS.Timeout | null = null;
  let running: tus.Upload | null = null;
  return new Promise<void>((resolve, reject) => {
    // tus-js-client has no timeout of its own: a stalled line would hang the round.
    const arm = (): void => {
      if (watchdog !== null) clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        void upload.abort().catch(() => undefined);
        reject(new Error('upload stalled'));
      }, stallMs);
      watchdog.unref();
    };
    const upload = new tus.Upload(createReadStream(sending.file), {
      endpoint: `${client.baseUrl}${TUS_UPLOADS_PATH}`,
      ...(sending.uploadUrl !== null ? { uploadUrl: `${client.baseUrl}${sending.uploadUrl}` } : {}),
      uploadSize: sending.size,
      headers: { authorization: `Bearer ${token}` },
      metadata: {
        kind: LOG_BUNDLE_KIND,
        terminalId: options.terminalId,
        requestId: sending.requestId,
        filename: `${sending.requestId}.klb.gz`,
        sha256: sending.sha256,
        size: String(sending.size),
      },
      retryDelays: null,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      onUploadUrlAvailable: () => {
        if (upload.url !== null)
          writeSending(db, { ...sending, uploadUrl: new URL(upload.url, client.baseUrl).pathname }, options.now());
      },
      onProgress: () => arm(),
      onSuccess: () => resolve(),
      onError: (error) => reject(error),
    });
    running = upload;
    options.track?.(upload, true);
    arm();
    upload.start();
  }).finally(() => {
    if (watchdog !== null) clearTimeout(watchdog);
    if (running !== null) options.track?.(running, false);
  });
}

const statusOf = (error: unknown): number | null =>
  (error as { originalResponse?: { getStatus(): number } | null }).originalResponse?.getStatus() ?? null;

const forget = (db: Database, sending: Sending | null, at: Date): void => {
  if (sending) rmSync(sending.file, { force: true });
  writeSending(db, null, at);
};

/** Answers the oldest open request of the store, if any; returns how many bundles were sent (0 or 1). */
export async function answerLogRequests(db: Database, client: CentralClient, options: LogRequestOptions): Promise<number> {
  const { logDir } = options;
  if (logDir === null) return 0;
  let requests: readonly { id: string }[];
  try {
    ({ requests } = await client.call(logEndpoints.pending, {}));
  } catch (error) {
    // A store of an older release has no such requests: nothing to answer.
    if (error instanceof CentralError && error.status === 404) return 0;
    throw error;
  }
  let sending = readSending(db);
  const request = requests[0];
  if (!request) {
    // Answered, or withdrawn by the store: nothing left to send.
    if (sending) forget(db, sending, options.now());
    return 0;
  }
  if (
    sending &&
    (sending.requestId !== request.id || !existsSync(sending.file) || statSync(sending.file).size !== sending.size)
  ) {
    forget(db, sending, options.now());
    sending = null;
  }
  if (sending === null) {
    try {
      sending = await pack(db, request.id, { ...options, logDir });
    } catch {
      // A full disk: the request stays open for a later round; the rest of sync is not held up.
      return 0;
    }
  }
  try {
    await send(db, client, await client.token(), sending, options);
  } catch (error) {
    const status = statusOf(error);
    // Refused (a hash mismatch, a closed request, too large, a lost upload): packed afresh next round.
    if (status !== null && status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429) {
      forget(db, sending, options.now());
      return 0;
    }
    throw new CentralError(
      status === null ? '日志包上传中断（网络不通）' : `日志包上传失败（HTTP ${status}）`,
      status === null || status >= 500 ? null : status,
    );
  }
  forget(db, sending, options.now());
  return 1;
}
