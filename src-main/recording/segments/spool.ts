// The per-recording spool: an append-only file holding every chunk MediaRecorder sent, in
// order. write() appends to it synchronously, so a chunk is never held in memory while
// ffmpeg lags behind; a pump feeds ffmpeg from it, and after an ffmpeg crash or a
// terminal crash the stream is replayed from it.
//
// fsync policy: each append is a write(2) (it survives a crash of the terminal process
// as soon as write() returns); fdatasync runs at most once per `syncIntervalMs` (1 s by
// default) and at close, so a power cut loses at most the last second of spooled data —
// less than the open segment, which the requirement allows to lose — while the main
// thread never waits for the disk more than once a second.
import { closeSync, fdatasyncSync, fstatSync, openSync, read, readSync, writeSync } from 'node:fs';

export interface SpoolOptions {
  readonly syncIntervalMs?: number;
  readonly clock?: () => number;
}

export class Spool {
  private fd: number | null;
  private bytes: number;
  private lastSync: number;
  private readonly listeners = new Set<() => void>();
  private readonly syncIntervalMs: number;
  private readonly clock: () => number;

  private constructor(
    readonly path: string,
    fd: number,
    readonly writable: boolean,
    options: SpoolOptions,
  ) {
    this.fd = fd;
    this.bytes = fstatSync(fd).size;
    this.syncIntervalMs = options.syncIntervalMs ?? 1000;
    this.clock = options.clock ?? Date.now;
    this.lastSync = this.clock();
  }

  /** Creates (or reopens, to keep appending) the spool of a live recording. */
  static openForAppend(path: string, options: SpoolOptions = {}): Spool {
    return new Spool(path, openSync(path, 'a+', 0o600), true, options);
  }

  /** Opens a crashed recording's spool to replay it. */
  static openForReading(path: string): Spool {
    return new Spool(path, openSync(path, 'r'), false, {});
  }

  private writingEnded = false;

  /** No more appends will come: the pump sends what is left and ends ffmpeg's input. */
  get ended(): boolean {
    return this.writingEnded || !this.writable;
  }

  size(): number {
    return this.bytes;
  }

  append(chunk: Uint8Array): void {
    if (this.fd === null || !this.writable || this.writingEnded) throw new Error('录像缓存文件已关闭');
    let written = 0;
    while (written < chunk.length) written += writeSync(this.fd, chunk, written, chunk.length - written);
    this.bytes += chunk.length;
    const now = this.clock();
    if (now - this.lastSync >= this.syncIntervalMs) {
      fdatasyncSync(this.fd);
      this.lastSync = now;
    }
    for (const listener of this.listeners) listener();
  }

  read(position: number, length: number): Uint8Array {
    if (this.fd === null) throw new Error('录像缓存文件已关闭');
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.bytes - position)));
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  }

  /** Off the main thread's critical path: used by the pump for large reads. */
  readAsync(position: number, length: number): Promise<Buffer> {
    const fd = this.fd;
    if (fd === null) return Promise.reject(new Error('录像缓存文件已关闭'));
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.bytes - position)));
    return new Promise((resolve, reject) =>
      read(fd, buffer, 0, buffer.length, position, (error, n) => (error ? reject(error) : resolve(buffer.subarray(0, n)))),
    );
  }

  /** Called after every append; returns the unsubscribe. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Makes everything durable; further appends throw, reads still work. */
  endWriting(): void {
    if (this.writingEnded || this.fd === null) return;
    if (this.writable) fdatasyncSync(this.fd);
    this.writingEnded = true;
    for (const listener of this.listeners) listener();
  }

  /** Releases the file. */
  close(): void {
    if (this.fd === null) return;
    this.endWriting();
    closeSync(this.fd);
    this.fd = null;
  }
}
