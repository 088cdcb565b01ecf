// Streaming SHA-256 of what the store actually holds (not of what passed
// through the request): the bytes read back from disk or the object store.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export async function sha256OfStream(stream: Readable): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
