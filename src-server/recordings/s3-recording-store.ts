// @tus/s3-store with what the central store needs beyond tus (#20):
// - the upload's state (its multipart upload, parts, incomplete tail) is kept in memory only while
//   this node holds the upload's lock (stateCache: the PostgreSQL locker keeps a lock between
//   PATCHes and tells the store the moment it lets go, ./pg-upload-locker); with no held state,
//   everything is read from the bucket, so an upload begun through one node continues through
//   another. S3Store itself reads the state back from the bucket on every PATCH (≈6 round trips)
//   and stages each part in a temporary file; here a PATCH is one UploadPart per part, streamed to
//   the bucket while the PATCH body arrives (./s3-streamed-part), and the node that created an
//   upload holds its (empty) state from the start, so its first PATCH asks the bucket nothing;
// - the SHA-256 of what is stored, computed while the bytes go to the bucket (each part checked by
//   its MD5: the ETag of a streamed part, the Content-MD5 of one sent from memory): the store then
//   need not read a completed upload back (./hash-stored). Lost with the held state (another node,
//   a restart): the stored object is read back and hashed, as before;
// - ranged reads, for playback;
// - removal of a completed upload: S3Store.remove aborts the multipart upload first and, once
//   S3 has completed it (NoSuchUpload), gives up without deleting the object; here the object,
//   its .info and any incomplete .part go whatever state the upload is in.
import { createHash, type Hash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';
import type { MetadataValue } from '@tus/s3-store';
import { ERRORS, TUS_RESUMABLE, Upload, type KvStore } from '@tus/server';
import { keepNewest } from '../keep-newest';
import { StreamedPart } from './s3-streamed-part';

/** The bucket is the one shared truth: S3Store's own cache is not used (its entries are never invalidated). */
const noCache: KvStore<MetadataValue> = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};

/** Most .info objects and digests kept (a few hundred bytes each). */
const MAX_KEPT = 10_000;
/** Most uploads whose state is kept (each up to a part's incomplete tail in memory). */
const MAX_HELD = 200;

const isMissing = (err: unknown): boolean => {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  return name === 'NoSuchUpload' || name === 'NoSuchKey' || name === 'NotFound';
};

/** An upload this node holds the lock of: what the bucket has, without asking it. */
interface Held {
  metadata: MetadataValue;
  parts: { PartNumber: number; ETag: string; Size: number }[];
  /** The incomplete tail (shorter than a part), also in the bucket as `<id>.part`. */
  tail: Buffer | undefined;
  offset: number;
  /** SHA-256 of bytes 0..offset, when this node has seen them all (undefined: read back at the end). */
  hash: Hash | undefined;
  /** Bytes the last PATCH brought (undefined: none yet): the next one is expected to bring as many. */
  lastPatchBytes: number | undefined;
}

export interface RecordingS3StoreOptions {
  /** Keep an upload's state between requests: only where the locker calls forget() when it lets go
   *  of an upload (or one node alone serves the uploads). */
  stateCache?: boolean;
}

export class RecordingS3Store extends S3Store {
  private readonly held = new Map<string, Held>();
  /** Bumped by forget(): a load that began before it must not fill the cache after it. */
  private generation = 0;
  private readonly digests = new Map<string, { sha256: string; bytes: number }>();
  private readonly infos = new Map<string, MetadataValue>();
  private readonly stateCache: boolean;

  constructor(options: ConstructorParameters<typeof S3Store>[0] & RecordingS3StoreOptions) {
    const { stateCache, ...rest } = options;
    super({ ...rest, cache: noCache });
    this.stateCache = stateCache ?? false;
  }

  /** This node no longer holds the upload's lock: its state may change elsewhere. */
  forget(id: string): void {
    this.generation += 1;
    this.held.delete(id);
  }

  /** SHA-256 of a completed upload's stored bytes if they were hashed on the way in (once; undefined if not). */
  receivedDigest(id: string, size: number): string | undefined {
    const digest = this.digests.get(id);
    this.digests.delete(id);
    return digest?.bytes === size ? digest.sha256 : undefined;
  }

  /** The .info of an upload (immutable once its length is known): kept, so no node reads it twice. */
  protected override async getMetadata(id: string): Promise<MetadataValue> {
    const known = this.infos.get(id);
    if (known) return known;
    const metadata = await super.getMetadata(id);
    this.remember(id, metadata);
    return metadata;
  }

  protected override async saveMetadata(upload: Upload, uploadId: string): Promise<void> {
    await super.saveMetadata(upload, uploadId);
    this.remember(upload.id, { 'tus-version': TUS_RESUMABLE, 'upload-id': uploadId, file: new Upload({ ...upload }) });
  }

  private remember(id: string, metadata: MetadataValue): void {
    if (!this.stateCache || metadata.file.size === undefined) return;
    // Uploads abandoned half-way leave theirs behind: the oldest go first.
    keepNewest(this.infos, id, metadata, MAX_KEPT);
  }

  private keepDigest(id: string, sha256: string, bytes: number): void {
    keepNewest(this.digests, id, { sha256, bytes }, MAX_KEPT);
  }

  /** This node made the multipart upload: it is empty, so the first PATCH need not ask the bucket (≈3 round trips). */
  override async create(upload: Upload): Promise<Upload> {
    const generation = this.generation;
    const created = await super.create(upload);
    const metadata = this.infos.get(upload.id);
    if (metadata && generation === this.generation) {
      this.hold(upload.id, {
        metadata,
        parts: [],
        tail: undefined,
        offset: 0,
        hash: createHash('sha256'),
        lastPatchBytes: undefined,
      });
    }
    return created;
  }

  private hold(id: string, held: Held): void {
    // One node alone (SQLite) is never told to let go: abandoned uploads' state goes, oldest first.
    keepNewest(this.held, id, held, MAX_HELD);
  }

  override async getUpload(id: string): Promise<Upload> {
    const held = this.held.get(id);
    if (held) return new Upload({ ...held.metadata.file, offset: held.offset });
    // Not held: all from the bucket, the .info too (the upload may have been removed meanwhile).
    this.infos.delete(id);
    return super.getUpload(id);
  }

  /** The upload's state from the bucket (an upload in progress). */
  private async load(id: string): Promise<Held> {
    const generation = this.generation;
    // The .info and the incomplete tail at once, then the parts: two round trips, not three.
    const [info, tailRead] = await Promise.allSettled([this.getMetadata(id), this.getIncompletePart(id)]);
    const tailStream = tailRead.status === 'fulfilled' ? (tailRead.value as Readable | undefined) : undefined;
    if (info.status === 'rejected' || tailRead.status === 'rejected') {
      tailStream?.destroy();
      throw info.status === 'rejected' ? info.reason : (tailRead as PromiseRejectedResult).reason;
    }
    const metadata = info.value;
    const readTail = async () => {
      if (!tailStream) return undefined;
      const chunks: Buffer[] = [];
      for await (const c of tailStream as AsyncIterable<Buffer>) chunks.push(c);
      return Buffer.concat(chunks);
    };
    const [listed, tail] = await Promise.all([
      this.retrieveParts(id).catch((err: unknown) => {
        tailStream?.destroy();
        throw err;
      }),
      readTail(),
    ]);
    const parts: Held['parts'] = [];
    for (const p of listed) {
      // Parts are numbered 1, 2, … as written; anything else is not ours to continue.
      if (p.PartNumber !== parts.length + 1 || p.ETag === undefined || p.Size === undefined) break;
      parts.push({ PartNumber: p.PartNumber, ETag: p.ETag, Size: p.Size });
    }
    const offset = parts.reduce((n, p) => n + p.Size, 0) + (tail?.length ?? 0);
    const hash = offset === 0 ? createHash('sha256') : undefined;
    const held: Held = { metadata, parts, tail, offset, hash, lastPatchBytes: undefined };
    if (this.stateCache && generation === this.generation) this.hold(id, held);
    return held;
  }

  /** Part `PartNumber` sent from memory. */
  private async putPart(held: Held, PartNumber: number, bytes: Buffer): Promise<Held['parts'][number]> {
    const { ETag } = await this.client.uploadPart({
      Bucket: this.bucket,
      Key: held.metadata.file.id,
      UploadId: held.metadata['upload-id'],
      PartNumber,
      Body: bytes,
      // S3 refuses a part whose bytes are not these: what was hashed is what is stored.
      ContentMD5: createHash('md5').update(bytes).digest('base64'),
    });
    if (ETag === undefined) throw new Error(`S3 gave no ETag for part ${PartNumber} of ${held.metadata.file.id}`);
    return { PartNumber, ETag, Size: bytes.length };
  }

  /** Part `PartNumber` streamed while its bytes arrive; sent again from memory if that failed. */
  private streamPart(held: Held, PartNumber: number, length: number) {
    const { bucket: Bucket } = this;
    const Key = held.metadata.file.id;
    const UploadId = held.metadata['upload-id'];
    const part = new StreamedPart(
      (Body, ContentLength, abortSignal) =>
        this.client.uploadPart({ Bucket, Key, UploadId, PartNumber, Body, ContentLength }, { abortSignal }),
      length,
    );
    const stored = async (bytes: Buffer[]): Promise<Held['parts'][number]> => {
      try {
        return { PartNumber, ETag: await part.stored(), Size: length };
      } catch {
        // S3 stored other bytes (PartMismatch), or the request failed while the bytes came in (a
        // connection dropped; a terminal on a poor line paused longer than S3 waits for a body):
        // the bytes are all here, so the same part number goes again from memory, checked by its
        // Content-MD5, rather than failing the PATCH and having the terminal send them again.
        return this.putPart(held, PartNumber, Buffer.concat(bytes, length));
      }
    };
    return { part, stored, PartNumber };
  }

  override async write(src: Readable, id: string, offset: number): Promise<number> {
    if (!this.stateCache) return super.write(src, id, offset);
    const base = this.held.get(id) ?? (await this.load(id));
    // A copy: the held state changes only once the bytes are stored.
    const held: Held = { ...base, parts: [...base.parts], hash: base.hash?.copy() };
    if (held.offset !== offset) {
      this.forget(id);
      throw ERRORS.INVALID_OFFSET;
    }
    const size = held.metadata.file.size;
    const partSize = this.calcOptimalPartSize(size);
    // Parts go to the bucket while the next bytes are received, at most two at once (three parts in
    // memory), and join held.parts in order: the PATCH body and the bucket are both busy, not one
    // after the other (bench:cluster upload).
    let inflight: Promise<void> = Promise.resolve();
    let before: Promise<void> = Promise.resolve();
    let streaming: ReturnType<RecordingS3Store['streamPart']> | undefined;
    try {
      const firstPart = held.parts.length + 1;
      let nextPart = firstPart;
      // Bytes not yet in a stored or in-flight part (a streamed part's are kept until it is stored).
      let chunks: Buffer[] = held.tail ? [held.tail] : [];
      let buffered = held.tail?.length ?? 0;
      let received = 0;
      /** Room for one more part in flight; its number. The tail goes into the first part: its .part
       *  object goes first, as S3Store does (a crash between the two loses the tail, and the terminal
       *  sends it again, never counted twice). */
      const nextNumber = async () => {
        await before;
        if (held.tail && nextPart === firstPart) await this.deleteIncompletePart(id);
        nextPart += 1;
        return nextPart - 1;
      };
      const send = (part: Promise<Held['parts'][number]>) => {
        part.catch(() => undefined);
        const previous = inflight;
        before = previous;
        inflight = (async () => {
          // Settled only once every part before it is: after a failure nothing is still in flight.
          const [stored, earlier] = await Promise.allSettled([part, previous]);
          if (earlier.status === 'rejected') throw earlier.reason;
          if (stored.status === 'rejected') throw stored.reason;
          held.parts.push(stored.value);
        })();
        // Awaited before a later part or the end; handled here so a failure while the body is
        // still arriving is not an unhandled rejection.
        inflight.catch(() => undefined);
      };
      // Stream the next part only when this PATCH is expected to bring all of it (as many bytes as
      // the last one did; a first PATCH, the rest of the upload): a part cut short is a wasted request.
      const streamable = (arriving: number) => {
        if (size === undefined) return 0;
        const length = Math.min(partSize, size - (held.offset - buffered));
        const expected = held.lastPatchBytes ?? size - offset;
        return length > 0 && expected - received + arriving >= length - buffered ? length : 0;
      };
      for await (const chunk of src as AsyncIterable<Buffer>) {
        held.hash?.update(chunk);
        received += chunk.length;
        let rest = chunk;
        while (rest.length > 0) {
          const length = streaming ? 0 : streamable(rest.length);
          if (length > 0) {
            streaming = this.streamPart(held, await nextNumber(), length);
            for (const c of chunks) streaming.part.feed(c);
          }
          const piece = streaming ? rest.subarray(0, streaming.part.missing) : rest;
          rest = rest.subarray(piece.length);
          streaming?.part.feed(piece);
          chunks.push(piece);
          buffered += piece.length;
          held.offset += piece.length;
          if (streaming && streaming.part.missing === 0) {
            send(streaming.stored(chunks));
            streaming = undefined;
            chunks = [];
            buffered = 0;
          }
          while (!streaming && buffered >= partSize) {
            const all = Buffer.concat(chunks, buffered);
            send(this.putPart(held, await nextNumber(), all.subarray(0, partSize)));
            chunks = buffered > partSize ? [all.subarray(partSize)] : [];
            buffered -= partSize;
          }
        }
      }
      // The PATCH ended inside a streamed part: it stores nothing, its bytes go on below, and its
      // number is the next part's.
      if (streaming) {
        await streaming.part.abandon();
        nextPart = streaming.PartNumber;
        streaming = undefined;
      }
      held.lastPatchBytes = received;
      const rest = Buffer.concat(chunks, buffered);
      const final = size === held.offset;
      const tailUnchanged = held.tail !== undefined && nextPart === firstPart && rest.length === held.tail.length;
      if (rest.length > 0 && (final || rest.length >= this.minPartSize)) {
        send(this.putPart(held, await nextNumber(), rest));
        held.tail = undefined;
      } else if (rest.length > 0 && !tailUnchanged) {
        await inflight;
        await this.client.putObject({ Bucket: this.bucket, Key: this.partKey(id, true), Body: rest });
        held.tail = rest;
      } else if (rest.length === 0) held.tail = undefined;
      await inflight;
      if (final) {
        await this.finishMultipartUpload(held.metadata, held.parts);
        await this.completeMetadata(held.metadata.file);
        this.held.delete(id);
        this.infos.delete(id);
        if (held.hash) this.keepDigest(id, held.hash.digest('hex'), held.offset);
        // Still held (not forgotten meanwhile): the next PATCH through this node asks the bucket nothing.
      } else if (this.held.get(id) === base) this.hold(id, held);
      return held.offset;
    } catch (err) {
      // Some parts may be stored, some not: the bucket says which (once the parts in flight settled).
      await streaming?.part.abandon();
      await inflight.catch(() => undefined);
      this.forget(id);
      throw err;
    }
  }

  /** Bytes start..end (inclusive) of a completed upload. */
  async readRange(id: string, start: number, end: number): Promise<Readable> {
    const data = await this.client.getObject({ Bucket: this.bucket, Key: id, Range: `bytes=${start}-${end}` });
    return data.Body as Readable;
  }

  /** Size of a completed upload's object, or undefined when there is none (probe and tests). */
  async storedSize(id: string): Promise<number | undefined> {
    try {
      const head = await this.client.headObject({ Bucket: this.bucket, Key: id });
      return head.ContentLength;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /** The bucket answers (readiness). */
  async reachable(): Promise<void> {
    await this.client.headBucket({ Bucket: this.bucket });
  }

  override async remove(id: string): Promise<void> {
    this.forget(id);
    this.infos.delete(id);
    this.digests.delete(id);
    try {
      const { 'upload-id': uploadId } = await this.getMetadata(id);
      if (uploadId) await this.client.abortMultipartUpload({ Bucket: this.bucket, Key: id, UploadId: uploadId });
    } catch (err) {
      if (!isMissing(err)) throw err;
    }
    await this.client.deleteObjects({
      Bucket: this.bucket,
      Delete: { Objects: [{ Key: id }, { Key: this.infoKey(id) }, { Key: this.partKey(id, true) }], Quiet: true },
    });
  }
}
