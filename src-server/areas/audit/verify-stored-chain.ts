// Re-verifies a terminal chain as stored centrally: gapless from seq 1, each
// event linked to the one before, each hash matching its content, and the
// recorded head matching the last event. Reads in pages so a long chain does
// not sit in memory at once.
import type { Kysely } from 'kysely';
import { CanonicalJsonError, canonicalJson } from '../../../src-shared/audit/canonical-json';
import type { Database } from '../../db/schema';
import { GENESIS_HASH, chainEventHash } from './chain-hash';

const PAGE = 2000;

export type StoredChainVerdict =
  | { chainId: string; ok: true; count: number; headSeq: number; headHash: string }
  | { chainId: string; ok: false; count: number; headSeq: number; headHash: string; firstBadSeq: number; reason: string };

export async function verifyStoredChain(db: Kysely<Database>, terminalId: string, chainId: string): Promise<StoredChainVerdict> {
  const head = await db
    .selectFrom('terminal_chain_heads')
    .select(['seq', 'hash'])
    .where('terminal_id', '=', terminalId)
    .where('chain_id', '=', chainId)
    .executeTakeFirst();
  const headSeq = Number(head?.seq ?? 0);
  const headHash = head?.hash ?? GENESIS_HASH;

  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  const bad = (reason: string): StoredChainVerdict => ({
    chainId,
    ok: false,
    count: expectedSeq - 1,
    headSeq,
    headHash,
    firstBadSeq: expectedSeq,
    reason,
  });
  for (;;) {
    const rows = await db
      .selectFrom('terminal_events')
      .select(['seq', 'at', 'kind', 'actor', 'payload', 'prev_hash', 'hash'])
      .where('terminal_id', '=', terminalId)
      .where('chain_id', '=', chainId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return bad(`缺少第 ${expectedSeq} 条（下一条为第 ${seq} 条）`);
      if (row.prev_hash !== prevHash) return bad(`第 ${seq} 条的前序哈希与上一条不符`);
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        return bad(`第 ${seq} 条的内容不是合法 JSON`);
      }
      let canonical: string;
      try {
        canonical = canonicalJson(payload);
      } catch (err) {
        // A stored row no terminal could have hashed (e.g. written around the API): a bad link, not a crash.
        if (!(err instanceof CanonicalJsonError)) throw err;
        return bad(`第 ${seq} 条的内容无法规范化：${err.message}`);
      }
      if (canonical !== row.payload) return bad(`第 ${seq} 条的内容不是规范化 JSON`);
      if (chainEventHash(prevHash, { terminalId, seq, at: row.at, kind: row.kind, actor: row.actor, payload }) !== row.hash) {
        return bad(`第 ${seq} 条的哈希与内容不符`);
      }
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (rows.length < PAGE) break;
  }
  const count = expectedSeq - 1;
  if (headSeq !== count || headHash !== prevHash) {
    return {
      chainId,
      ok: false,
      count,
      headSeq,
      headHash,
      firstBadSeq: Math.min(headSeq, count) + 1,
      reason: `链头（第 ${headSeq} 条）与存储的事件（共 ${count} 条）不符`,
    };
  }
  return { chainId, ok: true, count, headSeq, headHash };
}
