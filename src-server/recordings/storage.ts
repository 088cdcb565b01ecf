// The recording store behind the tus endpoint: @tus/file-store by default,
// @tus/s3-store when configured (./s3-recording-store: several store nodes share one bucket, #20).
// Besides the tus datastore it can read the stored bytes back (for the SHA-256 check, and a range
// of them for playback), remove an upload (a rejected one, or one past retention) and say whether
// the storage answers (/ready). Both hash an upload's bytes as they are stored, so the SHA-256 check
// of a completed upload needs no second read of it when one node saw all its bytes (./hash-stored).
import { createHash, type Hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { DataStore } from '@tus/server';
import type { RecordingStorageConfig } from './storage-config';
import { ensurePrivateDir } from '../db/private-files';
import { keepNewest } from '../keep-newest';
import { LeanFileStore } from './lean-file-store';

export interface RecordingStorage {
  kind: RecordingStorageConfig['kind'];
  datastore: DataStore;
  /** The stored bytes of an upload, from the first. */
  open(id: string): Promise<Readable>;
  /** Bytes start..end (inclusive) of a completed upload: playback seeks without reading the rest. */
  openRange(id: string, start: number, end: number): Promise<Readable>;
  /** Removes the upload's bytes and the datastore's bookkeeping of it; nothing there is not an error. */
  remove(id: string): Promise<void>;
  /** Throws when the folder or the bucket cannot be reached. */
  reachable(): Promise<void>;
  /** An older install's recordings folder that others could read, made owner-only at start. */
  tightened: readonly string[];
  /** SHA-256 of a completed upload of `size` bytes, hashed as they were stored (asked once), or
   *  undefined when this node did not see them all: then the stored bytes are read back. */
  receivedSha256(id: string, size: number): string | undefined;
  /** This node stopped holding the upload's lock (another node may write it now). */
  forget(id: string): void;
}

export interface RecordingStorageOptions {
  /** S3: keep an upload's state between PATCHes while this node holds its lock; only where the
   *  locker calls forget() when it lets go, or one node alone serves uploads (./s3-recording-store). */
  stateCache?: boolean;
}

/** Most running hashes kept (abandoned uploads leave theirs: the oldest go first). */
const MAX_HASHES = 10_000;

/** Wraps a datastore's write to hash the bytes it stores, in order from the first (the file store). */
function hashWhileWriting(datastore: DataStore): (id: string, size: number) => string | undefined {
  const hashes = new Map<string, { offset: number; hash: Hash }>();
  const write = datastore.write.bind(datastore);
  datastore.write = async (readable, id, offset) => {
    const known = hashes.get(id);
    hashes.delete(id);
    // Bytes before `offset` never change (tus appends): a hash that reached it is still right.
    const hash = known?.offset === offset ? known.hash : offset === 0 ? createHash('sha256') : undefined;
    if (!hash) return write(readable, id, offset);
    let seen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        seen += chunk.length;
        callback(null, chunk);
      },
    });
    readable.on('error', (err) => tap.destroy(err));
    const end = await write(readable.pipe(tap), id, offset);
    if (end === offset + seen) {
      keepNewest(hashes, id, { offset: end, hash }, MAX_HASHES);
    }
    return end;
  };
  return (id, size) => {
    const known = hashes.get(id);
    hashes.delete(id);
    return known?.offset === size ? known.hash.digest('hex') : undefined;
  };
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
  const datastore = new LeanFileStore(directory);
  const fileOf = (id: string) => path.join(directory, path.basename(id));
  const receivedSha256 = hashWhileWriting(datastore);
  return {
    kind: 'file',
    receivedSha256,
    // One node writes a folder's uploads; the running hashes check the offset anyway.
    forget: () => undefined,
    tightened,
    datastore: withoutTermination(datastore),
    // Larger reads than FileStore.read's 64 KiB default: hashing is then disk- or CPU-bound, not syscall-bound.
    open: (id) => Promise.resolve(fs.createReadStream(fileOf(id), { highWaterMark: 1024 * 1024 })),
    openRange: (id, start, end) => Promise.resolve(fs.createReadStream(fileOf(id), { start, end })),
    remove: (id) =>
      datastore.remove(id).catch((err: unknown) => {
        if (!fs.existsSync(fileOf(id))) return;
        throw err;
      }),
    reachable: () => fs.promises.access(directory, fs.constants.R_OK | fs.constants.W_OK),
  };
}

const quietSdk = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function s3Storage(
  config: Extract<RecordingStorageConfig, { kind: 's3' }>,
  options: RecordingStorageOptions,
): Promise<RecordingStorage> {
  // Loaded only when configured: the AWS SDK is large and the default needs none of it.
  const { RecordingS3Store } = await import('./s3-recording-store');
  const datastore = new RecordingS3Store({
    partSize: config.partSizeBytes,
    stateCache: options.stateCache ?? false,
    s3ClientConfig: {
      bucket: config.bucket,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      // Checksums only where S3 requires them: the SDK's default (CRC32 trailers in aws-chunked
      // bodies) is refused by Ceph before Squid and by older MinIO (411 MissingContentLength).
      // The store checks every upload's SHA-256 itself (./verify).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Without a logger the SDK writes to the console when a streamed part is cut short, which the
      // store does on purpose (./s3-streamed-part); every failure still reaches the caller.
      logger: quietSdk,
      ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
      ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    },
  });
  return {
    kind: 's3',
    tightened: [],
    receivedSha256: (id, size) => datastore.receivedDigest(id, size),
    forget: (id) => datastore.forget(id),
    datastore: withoutTermination(datastore),
    open: (id) => datastore.read(id),
    openRange: (id, start, end) => datastore.readRange(id, start, end),
    remove: (id) => datastore.remove(id),
    reachable: () => datastore.reachable(),
  };
}

export function createRecordingStorage(
  config: RecordingStorageConfig,
  options: RecordingStorageOptions = {},
): Promise<RecordingStorage> {
  return config.kind === 'file' ? Promise.resolve(fileStorage(config.directory)) : s3Storage(config, options);
}
