// @tus/s3-store with what the central store needs beyond tus (#20):
// - no per-process cache of an upload's metadata: every node reads it from the bucket, so an
//   upload begun through one node continues through another with nothing held in memory;
// - ranged reads, for playback;
// - removal of a completed upload: S3Store.remove aborts the multipart upload first and, once
//   S3 has completed it (NoSuchUpload), gives up without deleting the object; here the object,
//   its .info and any incomplete .part go whatever state the upload is in.
import type { Readable } from 'node:stream';
import { S3Store } from '@tus/s3-store';
import type { MetadataValue } from '@tus/s3-store';
import type { KvStore } from '@tus/server';

/** The bucket is the one shared truth: nothing is remembered between requests. */
const noCache: KvStore<MetadataValue> = {
  get: () => Promise.resolve(undefined),
  set: () => Promise.resolve(),
  delete: () => Promise.resolve(),
};

const isMissing = (err: unknown): boolean => {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  return name === 'NoSuchUpload' || name === 'NoSuchKey' || name === 'NotFound';
};

export class RecordingS3Store extends S3Store {
  constructor(options: ConstructorParameters<typeof S3Store>[0]) {
    super({ ...options, cache: noCache });
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
