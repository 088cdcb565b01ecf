// Graceful shutdown of the tus endpoint. Fastify stops routing new requests
// when it closes (503); uploads already running get a short grace to finish,
// then their requests are cut: @tus/server ends the store write cleanly, the
// store keeps every byte received so far, and the terminal resumes from HEAD's
// Upload-Offset once the store is back. What is awaited is the store writes
// (the resumable point), not the responses, which a cut connection never gets.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataStore } from '@tus/server';

/** Longest wait for cut writes to end, whatever the store. */
const WRITE_SETTLE_LIMIT_MS = 10_000;

export class InFlightUploads {
  private readonly requests = new Set<IncomingMessage>();
  private readonly writes = new Set<Promise<unknown>>();

  /** Counts the datastore's writes, so close can wait for them to persist. */
  watch(datastore: DataStore): void {
    const write = datastore.write.bind(datastore);
    datastore.write = (stream, id, offset) => {
      const running = write(stream, id, offset);
      const settled = running.catch(() => undefined).finally(() => this.writes.delete(settled));
      this.writes.add(settled);
      return running;
    };
  }

  /** Runs one request; settles when it is answered or its connection is gone. */
  async track(raw: IncomingMessage, res: ServerResponse, work: () => Promise<void>): Promise<void> {
    // Cutting a request emits 'error' on it; it must never go unhandled.
    raw.on('error', () => undefined);
    this.requests.add(raw);
    const gone = new Promise<void>((resolve) => res.once('close', resolve));
    try {
      await Promise.race([work(), gone]);
    } finally {
      this.requests.delete(raw);
    }
  }

  /** Waits up to graceMs for running uploads, then cuts the rest and waits for their writes to end. */
  async drain(graceMs: number): Promise<void> {
    if (this.writes.size === 0 && this.requests.size === 0) return;
    await waitAtMost(Promise.all(this.writes), graceMs);
    for (const raw of this.requests) raw.destroy(new Error('中心库正在关闭：上传在可续传处中断'));
    await waitAtMost(Promise.all(this.writes), WRITE_SETTLE_LIMIT_MS);
  }
}

async function waitAtMost(work: Promise<unknown>, ms: number): Promise<void> {
  const timer = new AbortController();
  await Promise.race([work, sleep(ms, undefined, { signal: timer.signal }).catch(() => undefined)]);
  timer.abort();
}
