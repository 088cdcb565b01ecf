// SHA-256 and size of a file, streamed: segments and archives can be gigabytes.
import { createHash } from 'node:crypto';
import { createReadStream, closeSync, fsyncSync, openSync } from 'node:fs';

export interface FileDigest {
  readonly sha256: string;
  readonly bytes: number;
}

export async function hashFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const data = chunk as Buffer;
    hash.update(data);
    bytes += data.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** Flushes a file ffmpeg wrote to the disk before its hash is put on the record. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
