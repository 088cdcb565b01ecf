// tus-js-client in Node against the real endpoint, wrapped in promises.
import { createHash } from 'node:crypto';
import * as tus from 'tus-js-client';

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export interface RecordingMeta {
  visitId: string;
  terminalId: string;
  kind: 'segment' | 'archive' | 'manifest';
  filename: string;
  sha256: string;
  size: string;
}

export const metaFor = (
  bytes: Buffer,
  visitId: string,
  terminalId: string,
  extra: Partial<RecordingMeta> = {},
): RecordingMeta => ({
  visitId,
  terminalId,
  kind: 'segment',
  filename: 'segment-0001.mkv',
  sha256: sha256(bytes),
  size: String(bytes.length),
  ...extra,
});

export interface UploadRun {
  upload: tus.Upload;
  /** Settles with the upload URL on success, rejects with the client's error. */
  done: Promise<{ url: string; response: tus.HttpResponse }>;
}

export interface UploadOptions {
  baseUrl: string;
  token: string;
  bytes: Buffer;
  meta: RecordingMeta | Record<string, string>;
  chunkSize?: number;
  uploadUrl?: string;
  retryDelays?: number[] | null;
  onProgress?: (sent: number, total: number, upload: tus.Upload) => void;
  onBeforeRequest?: (req: tus.HttpRequest) => void;
}

export function startUpload(options: UploadOptions): UploadRun {
  let resolve!: (v: { url: string; response: tus.HttpResponse }) => void;
  let reject!: (e: Error) => void;
  const done = new Promise<{ url: string; response: tus.HttpResponse }>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const upload: tus.Upload = new tus.Upload(options.bytes, {
    endpoint: `${options.baseUrl}/api/uploads`,
    ...(options.uploadUrl !== undefined ? { uploadUrl: options.uploadUrl } : {}),
    headers: { authorization: `Bearer ${options.token}` },
    metadata: options.meta as Record<string, string>,
    chunkSize: options.chunkSize ?? 1024 * 1024,
    retryDelays: options.retryDelays === undefined ? null : options.retryDelays,
    onProgress: (sent, total) => options.onProgress?.(sent, total, upload),
    onBeforeRequest: (req) => options.onBeforeRequest?.(req),
    onSuccess: ({ lastResponse }) => resolve({ url: upload.url ?? '', response: lastResponse }),
    onError: (err) => reject(err),
  });
  upload.start();
  return { upload, done };
}

export const uploadAll = (options: UploadOptions) => startUpload(options).done;
