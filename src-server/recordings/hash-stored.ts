// SHA-256 of what the store actually holds (not of what passed through the request): hashed as
// the bytes were written to disk or sent to the object store (each S3 part checked by S3 against
// its Content-MD5), or, when this node did not see them all (the upload moved between nodes, the
// node restarted), the bytes read back from disk or the object store.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RecordingStorage } from './storage';

/** SHA-256 and length of a completed upload that should be `size` bytes long. */
export async function storedSha256(
  storage: RecordingStorage,
  id: string,
  size: number,
): Promise<{ sha256: string; bytes: number; readBack: boolean }> {
  const received = storage.receivedSha256(id, size);
  if (received !== undefined) return { sha256: received, bytes: size, readBack: false };
  return { ...(await sha256OfStream(await storage.open(id))), readBack: true };
}

export async function sha256OfStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
