// Sends the recorder's chunks to main strictly one after another, numbered from 0, so main
// can refuse a gap or a repeat. Blob → bytes is async: the chain keeps the order.
import type { KioskClient } from '../kiosk-client';

export interface ChunkPipe {
  push(chunk: Blob | Uint8Array<ArrayBuffer>): void;
  /** Resolves when every pushed chunk reached main; rejects with the first failure. */
  drain(): Promise<void>;
  readonly sent: () => { chunks: number; bytes: number };
}

export function createChunkPipe(
  kiosk: Pick<KioskClient, 'recording'>,
  recordingId: string,
  onError: (error: unknown) => void,
): ChunkPipe {
  let seq = 0;
  let bytes = 0;
  let failure: unknown = null;
  let chain: Promise<void> = Promise.resolve();
  return {
    push(chunk) {
      if ((chunk instanceof Blob ? chunk.size : chunk.byteLength) === 0) return;
      const mine = seq++;
      chain = chain.then(async () => {
        if (failure) return; // after one failure the stream has a hole: stop sending
        try {
          const data = chunk instanceof Blob ? new Uint8Array(await chunk.arrayBuffer()) : chunk;
          await kiosk.recording.chunk({ recordingId, seq: mine, bytes: data });
          bytes += data.byteLength;
        } catch (error) {
          failure = error;
          onError(error);
        }
      });
    },
    async drain() {
      await chain;
      if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
    },
    sent: () => ({ chunks: seq, bytes }),
  };
}
