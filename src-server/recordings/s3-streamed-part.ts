// One multipart part sent to the bucket while its bytes are still arriving (#20): the PATCH body
// and the bucket's write overlap instead of running one after the other. The part's length is
// declared up front (S3 stores a part only when exactly that many bytes came), so a PATCH that
// ends early abandons the request and nothing of it is stored. Integrity without a Content-MD5
// (which needs the bytes before the request starts): the MD5 of what was fed is compared with the
// ETag S3 returns, which for a part is that MD5; a part whose ETag is no MD5 (server-side KMS
// encryption) is only covered by the completed upload's SHA-256 check.
import { createHash } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';

export type SendPart = (body: Readable, length: number, signal: AbortSignal) => Promise<{ ETag?: string | undefined }>;

const MD5_ETAG = /^"?([0-9a-f]{32})"?$/;

export class StreamedPart {
  private readonly md5 = createHash('md5');
  private readonly body = new PassThrough();
  private readonly abort = new AbortController();
  private fed = 0;
  private readonly sent: Promise<{ ETag?: string | undefined }>;

  constructor(
    send: SendPart,
    /** Bytes the part will hold. */
    readonly length: number,
  ) {
    // A request that failed stops reading the pipe: its error is the request's, told by stored().
    this.body.on('error', () => undefined);
    this.sent = send(this.body, length, this.abort.signal);
    // Awaited in stored() or dropped by abandon(): never an unhandled rejection meanwhile.
    this.sent.catch(() => undefined);
  }

  /** Bytes still needed to complete the part. */
  get missing(): number {
    return this.length - this.fed;
  }

  /** Gives the part its next bytes (never more than `missing`). */
  feed(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (bytes.length > this.missing) throw new RangeError(`part of ${this.length} bytes fed ${this.fed + bytes.length}`);
    this.md5.update(bytes);
    this.fed += bytes.length;
    // The bytes are also kept by the caller until the part is stored, so the pipe's buffer costs
    // nothing extra: no waiting on its back-pressure.
    this.body.write(bytes);
    if (this.missing === 0) this.body.end();
  }

  /** The part as stored: its ETag, once S3 has all of it and it matches what was fed. */
  async stored(): Promise<string> {
    const { ETag } = await this.sent;
    if (ETag === undefined) throw new Error('S3 gave no ETag for a part');
    const md5 = MD5_ETAG.exec(ETag)?.[1];
    if (md5 !== undefined && md5 !== this.md5.digest('hex')) throw new PartMismatch(ETag);
    return ETag;
  }

  /** The PATCH ended before the part was complete: the request is dropped and stores nothing. */
  async abandon(): Promise<void> {
    this.abort.abort();
    this.body.destroy();
    await this.sent.catch(() => undefined);
  }
}

/** S3 stored other bytes than were sent: the caller sends the part again from memory. */
export class PartMismatch extends Error {
  constructor(etag: string) {
    super(`S3 stored a part whose MD5 (${etag}) is not that of the bytes sent`);
    this.name = 'PartMismatch';
  }
}
