// Pushes the terminal's audit chain to the central store (R26.1): from
// the store's head, in order, in batches; idempotent by (terminal id, chain, seq), so a
// batch repeated after a cut connection or a restart stores nothing twice. The other
// outbox rows of visit-day steps name the audit entry they came with (auditSeq): they
// are delivered with the chain and marked sent once the store acknowledges that seq.
import type { Database } from 'better-sqlite3';
import { syncEndpoints } from '../../src-shared/store-api/endpoints/sync';
import { DEFAULT_CHAIN_ID, MAX_EVENTS_PER_BATCH, type ChainAck } from '../../src-shared/sync/schemas';
import { auditEntriesAfter } from '../audit';
import { getKv, setKv } from '../store/kv';
import { markAuditRowsSent } from '../store/outbox';
import { CentralError, type CentralClient } from '../central-store/terminal-client';
import { SYNC_KV } from './kv-keys';
import { UPLOAD_OUTBOX_KIND } from './upload-kind';

/** The central store refused the chain: raise the alarm, do not retry (R26.1). */
export class ChainRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChainRejectedError';
  }
}

export interface PushOptions {
  readonly terminalId: string;
  readonly batchSize?: number;
  /** Bounded work per tick, so a week's backlog never holds the terminal up. */
  readonly maxBatches?: number;
  readonly now: () => Date;
}

export interface PushOutcome {
  readonly pushed: number;
  readonly batches: number;
  readonly headSeq: number;
  /** More entries wait than this tick was allowed to send. */
  readonly more: boolean;
}

export const chainIdOf = (db: Database): string => getKv(db, SYNC_KV.chainId) ?? DEFAULT_CHAIN_ID;

export const localHeadSeq = (db: Database, terminalId: string): number =>
  db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM audit_log WHERE terminal_id = ?').get(terminalId)
    ?.seq ?? 0;

export const pushedSeq = (db: Database): number => Number(getKv(db, SYNC_KV.pushedSeq) ?? '0');

async function fetchHead(client: CentralClient, chainId: string): Promise<ChainAck> {
  return client.call(syncEndpoints.eventsHead, { query: { chainId } });
}

function markDelivered(db: Database, headSeq: number, at: Date): void {
  markAuditRowsSent(db, headSeq, UPLOAD_OUTBOX_KIND, at);
}

export async function pushAuditChain(db: Database, client: CentralClient, options: PushOptions): Promise<PushOutcome> {
  const batchSize = Math.min(options.batchSize ?? 500, MAX_EVENTS_PER_BATCH);
  const maxBatches = options.maxBatches ?? 20;
  const chainId = chainIdOf(db);
  const localHash = db.prepare<[string, number], { hash: string }>(
    'SELECT hash FROM audit_log WHERE terminal_id = ? AND seq = ?',
  );

  let head = await fetchHead(client, chainId);
  // The store's head must be OUR entry: anything else means the local log was changed
  // (or replaced) below what the store holds.
  if (head.seq > 0 && localHash.get(options.terminalId, head.seq)?.hash !== head.hash) {
    throw new ChainRejectedError(`本地审计日志第 ${head.seq} 条与中心库已保存的内容不一致，可能被篡改或本地库已更换`);
  }
  let pushed = 0;
  let batches = 0;
  let conflicts = 0;
  while (batches < maxBatches) {
    const rows = auditEntriesAfter(db, options.terminalId, head.seq, batchSize);
    const first = rows[0];
    if (first === undefined) break;
    const body = {
      terminalId: options.terminalId,
      chainId,
      fromSeq: first.seq,
      events: rows.map((r) => ({
        seq: r.seq,
        at: r.at,
        kind: r.kind,
        actor: r.actor,
        payload: JSON.parse(r.payload) as Record<string, unknown>,
        prevHash: r.prevHash,
        hash: r.hash,
      })),
    };
    try {
      const ack = await client.call(syncEndpoints.pushEvents, { body });
      pushed += Math.max(0, ack.seq - head.seq);
      head = ack;
      batches += 1;
    } catch (error) {
      if (error instanceof CentralError && error.status === 422) throw new ChainRejectedError(error.message);
      if (error instanceof CentralError && error.status === 409 && conflicts < 2) {
        // Someone (an earlier run of ours) moved the head: start again from it.
        conflicts += 1;
        head = await fetchHead(client, chainId);
        continue;
      }
      if (error instanceof CentralError && error.status === 409) throw new ChainRejectedError(error.message);
      throw error;
    }
  }
  const at = options.now();
  db.transaction(() => {
    setKv(db, SYNC_KV.pushedSeq, String(head.seq), at);
    markDelivered(db, head.seq, at);
  })();
  return { pushed, batches, headSeq: head.seq, more: head.seq < localHeadSeq(db, options.terminalId) };
}
