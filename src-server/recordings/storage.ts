// The recording store behind the tus endpoint: @tus/file-store by default,
// @tus/s3-store when configured. Besides the tus datastore it can read the
// stored bytes back (for the SHA-256 check) and remove a rejected upload.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { FileStore } from '@tus/file-store';
import type { DataStore } from '@tus/server';
import type { RecordingStorageConfig } from './storage-config';
import { ensurePrivateDir } from '../db/private-files';

export interface RecordingStorage {
  kind: RecordingStorageConfig['kind'];
  datastore: DataStore;
  /** The stored bytes of an upload, from the first. */
  open(id: string): Promise<Readable>;
  /** Bytes start..end (inclusive) of an upload: a <video>'s Range request at the store (areas/recordings-search). */
  openRange(id: string, start: number, end: number): Promise<Readable>;
  remove(id: string): Promise<void>;
  /** An older install's recordings folder that others could read, made owner-only at start. */
  tightened: readonly string[];
}

// Termination (DELETE) is not offered: nothing received is deleted through the
// API (R13.1 retention); a rejected upload is removed by the store itself.
function withoutTermination(datastore: DataStore): DataStore {
  datastore.extensions = datastore.extensions.filter((e) => e !== 'termination');
  return datastore;
}

function fileStorage(directory: string): RecordingStorage {
  // Owner-only: the received recordings (and tus's metadata files) are unreachable for other local users.
  const tightened = ensurePrivateDir(directory) ? [directory] : [];
  const datastore = new FileStore({ directory });
  return {
    kind: 'file',
    tightened,
    datastore: withoutTermination(datastore),
    // Larger reads than FileStore.read's 64 KiB default: hashing is then disk- or CPU-bound, not syscall-bound.
    open: (id) => Promise.resolve(fs.createReadStream(path.join(directory, path.basename(id)), { highWaterMark: 1024 * 1024 })),
    openRange: (id, start, end) => Promise.resolve(fs.createReadStream(path.join(directory, path.basename(id)), { start, end })),
    remove: (id) => datastore.remove(id),
  };
}

async function s3Storage(config: Extract<RecordingStorageConfig, { kind: 's3' }>): Promise<RecordingStorage> {
  // Loaded only when configured: the AWS SDK is large and the default needs none of it.
  const { S3Store } = await import('@tus/s3-store');
  const datastore = new S3Store({
    partSize: config.partSizeBytes,
    s3ClientConfig: {
      bucket: config.bucket,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    },
  });
  return {
    kind: 's3',
    tightened: [],
    datastore: withoutTermination(datastore),
    open: (id) => datastore.read(id),
    // The S3 store reads from the first byte: the bytes before the range are skipped.
    openRange: async (id, start, end) =>
      Readable.from(sliceBytes((await datastore.read(id)) as AsyncIterable<Buffer>, start, end)),
    remove: (id) => datastore.remove(id),
  };
}

export function createRecordingStorage(config: RecordingStorageConfig): Promise<RecordingStorage> {
  return config.kind === 'file' ? Promise.resolve(fileStorage(config.directory)) : s3Storage(config);
}

/** Bytes start..end (inclusive) of a stream read from its first byte. */
export async function* sliceBytes(source: AsyncIterable<Buffer>, start: number, end: number): AsyncGenerator<Buffer> {
  let position = 0;
  for await (const chunk of source) {
    const from = Math.max(start - position, 0);
    const to = Math.min(end + 1 - position, chunk.length);
    if (to > from) yield chunk.subarray(from, to);
    position += chunk.length;
    if (position > end) return;
  }
}
