// bench:server's per-event cost breakdown of the audit ingest (issue 22 item 4), measured
// inside the store's process on batches like the HTTP run's, for a terminal of its own:
//   parse     JSON.parse of the body (what Fastify does before the route; the no-op POST pays it too)
//   validate  the declared schema (eventBatchSchema) and the every-route U+0000 check
//   verify    each event's canonical JSON (the bytes the chain hashes; the stored payload is cut from the same write)
//   hash      SHA-256 of prevHash ‖ canonical JSON
//   write     the batch's transaction (head, links, insert, outcomes, commit): ingestEventBatch's
//             time less its verify + hash, which it does before the transaction
// Figures in µs per event; the sum is the route's work beyond HTTP.
import { performance } from 'node:perf_hooks';
import type { CentralStore } from '../../src-server/server';
import { ingestEventBatch } from '../../src-server/areas/sync/ingest-events';
import { chainEventParts, sha256OfChainLink } from '../../src-server/areas/audit/chain-hash';
import { nulCharacterPath } from '../../src-server/http/nul-characters';
import { eventBatchSchema } from '../../src-shared/sync/schemas';
import { eventBatches, round } from '../../harness/store/bench-store';

export interface IngestBreakdown {
  events: number;
  microsecondsPerEvent: { parse: number; validate: number; verify: number; hash: number; write: number; total: number };
}

export async function ingestBreakdown(app: CentralStore, terminalId: string, batches = 8, size = 500): Promise<IngestBreakdown> {
  const t = { parse: 0, validate: 0, verify: 0, hash: 0, ingest: 0 };
  for (const body of eventBatches(terminalId, batches, size)) {
    let at = performance.now();
    const raw: unknown = JSON.parse(body);
    t.parse += performance.now() - at;

    at = performance.now();
    const batch = eventBatchSchema.parse(raw);
    if (nulCharacterPath(batch, 'body') !== null) throw new Error('NUL in a bench batch');
    t.validate += performance.now() - at;

    at = performance.now();
    const bodies = batch.events.map((e) => chainEventParts({ terminalId, ...e }).body);
    t.verify += performance.now() - at;

    at = performance.now();
    batch.events.forEach((e, i) => sha256OfChainLink(e.prevHash, bodies[i] ?? ''));
    t.hash += performance.now() - at;

    at = performance.now();
    await ingestEventBatch(app.ctx, terminalId, batch);
    t.ingest += performance.now() - at;
  }
  const events = batches * size;
  const us = (ms: number) => round((ms * 1000) / events);
  const write = Math.max(0, t.ingest - t.verify - t.hash);
  return {
    events,
    microsecondsPerEvent: {
      parse: us(t.parse),
      validate: us(t.validate),
      verify: us(t.verify),
      hash: us(t.hash),
      write: us(write),
      total: us(t.parse + t.validate + t.ingest),
    },
  };
}
