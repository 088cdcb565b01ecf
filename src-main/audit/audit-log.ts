// The audit log (R26.1): an append-only, per-terminal hash chain.
//   hash = SHA-256( prev_hash ‖ canonical_json({terminalId, seq, at, kind, actor, payload}) )
// prev_hash is the previous entry's hash as lowercase hex (64 zeros for seq 1); ‖ is plain
// string concatenation, hashed as UTF-8. The database triggers of migration 1 also refuse
// UPDATE, DELETE, gaps and mislinked rows, so this module is not the only guard.
import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { GENESIS_HASH } from '../store/migrations';
import { canonicalJson, type JsonObject } from '../../src-shared/audit/canonical-json';

export interface AuditEvent {
  /** What happened, dotted lower-case, e.g. `terminal.started`, `visit.warning`. */
  readonly kind: string;
  /** Staff id, or `system` for the terminal's own events. */
  readonly actor?: string;
  readonly payload?: JsonObject;
}

export interface AuditEntry {
  readonly terminalId: string;
  readonly seq: number;
  readonly at: string;
  readonly kind: string;
  readonly actor: string;
  /** Canonical JSON, exactly as hashed. */
  readonly payload: string;
  readonly prevHash: string;
  readonly hash: string;
}

interface AuditRow {
  terminal_id: string;
  seq: number;
  at: string;
  kind: string;
  actor: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

const KIND = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/;

export function hashAuditEvent(
  prevHash: string,
  fields: Omit<AuditEntry, 'payload' | 'prevHash' | 'hash'> & { payload: unknown },
): string {
  const body = canonicalJson({
    terminalId: fields.terminalId,
    seq: fields.seq,
    at: fields.at,
    kind: fields.kind,
    actor: fields.actor,
    payload: fields.payload,
  });
  return createHash('sha256')
    .update(prevHash + body, 'utf8')
    .digest('hex');
}

const toEntry = (row: AuditRow): AuditEntry => ({
  terminalId: row.terminal_id,
  seq: row.seq,
  at: row.at,
  kind: row.kind,
  actor: row.actor,
  payload: row.payload,
  prevHash: row.prev_hash,
  hash: row.hash,
});

/** Appends one event in its own (or the caller's) transaction and returns the stored entry. */
export function appendAudit(db: Database, terminalId: string, event: AuditEvent, at: Date): AuditEntry {
  if (!KIND.test(event.kind) || event.kind.length > 100) throw new TypeError(`审计事件类型不合法：${event.kind}`);
  const actor = event.actor ?? 'system';
  if (actor.length === 0 || actor.length > 100) throw new TypeError('审计事件的操作人不合法');
  const payloadObject = event.payload ?? {};
  const payload = canonicalJson(payloadObject);

  const last = db.prepare<[string], { seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO audit_log (terminal_id, seq, at, kind, actor, payload, prev_hash, hash)
     VALUES (@terminalId, @seq, @at, @kind, @actor, @payload, @prevHash, @hash)`,
  );
  // IMMEDIATE: read-last-then-insert must not race another writer for the same seq.
  return db
    .transaction((): AuditEntry => {
      const previous = last.get(terminalId);
      const fields = { terminalId, seq: (previous?.seq ?? 0) + 1, at: at.toISOString(), kind: event.kind, actor };
      const prevHash = previous?.hash ?? GENESIS_HASH;
      const entry: AuditEntry = {
        ...fields,
        payload,
        prevHash,
        hash: hashAuditEvent(prevHash, { ...fields, payload: payloadObject }),
      };
      insert.run(entry);
      return entry;
    })
    .immediate();
}

export type ChainVerdict =
  | { readonly ok: true; readonly count: number; readonly lastHash: string }
  | { readonly ok: false; readonly firstBadSeq: number; readonly reason: string };

/** Walks the chain from seq 1 and returns the first seq that does not verify. */
export function verifyAuditChain(db: Database, terminalId: string): ChainVerdict {
  const rows = db.prepare<[string], AuditRow>('SELECT * FROM audit_log WHERE terminal_id = ? ORDER BY seq').iterate(terminalId);
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const bad = (reason: string): ChainVerdict => ({ ok: false, firstBadSeq: expectedSeq, reason });
    if (row.seq !== expectedSeq) return bad(`缺少第 ${expectedSeq} 条（下一条为第 ${row.seq} 条）`);
    if (row.prev_hash !== prevHash) return bad(`第 ${row.seq} 条的前序哈希与上一条不符`);
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      return bad(`第 ${row.seq} 条的内容不是合法 JSON`);
    }
    if (canonicalJson(payload) !== row.payload) return bad(`第 ${row.seq} 条的内容不是规范化 JSON`);
    if (hashAuditEvent(prevHash, { ...toEntry(row), payload }) !== row.hash) return bad(`第 ${row.seq} 条的哈希与内容不符`);
    prevHash = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, count: expectedSeq - 1, lastHash: prevHash };
}

/** Entries after `afterSeq`, oldest first: what the sync worker pushes next. */
export function auditEntriesAfter(db: Database, terminalId: string, afterSeq: number, limit: number): AuditEntry[] {
  return db
    .prepare<[string, number, number], AuditRow>('SELECT * FROM audit_log WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?')
    .all(terminalId, afterSeq, limit)
    .map(toEntry);
}

/** The newest entries first, for admin.recentAudit. */
export function recentAuditEntries(db: Database, terminalId: string, limit: number): AuditEntry[] {
  return db
    .prepare<[string, number], AuditRow>('SELECT * FROM audit_log WHERE terminal_id = ? ORDER BY seq DESC LIMIT ?')
    .all(terminalId, limit)
    .map(toEntry);
}

/** One visit's entries (its payload names it) after `afterSeq`, oldest first, for the console's timeline (R24.1). */
export function visitAuditEntries(
  db: Database,
  terminalId: string,
  visitId: string,
  afterSeq: number,
  limit: number,
): AuditEntry[] {
  return db
    .prepare<[string, number, string, number], AuditRow>(
      "SELECT * FROM audit_log WHERE terminal_id = ? AND seq > ? AND json_extract(payload, '$.visitId') = ? ORDER BY seq LIMIT ?",
    )
    .all(terminalId, afterSeq, visitId, limit)
    .map(toEntry);
}

export const auditCount = (db: Database, terminalId?: string): number =>
  terminalId === undefined
    ? (db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n
    : (db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE terminal_id = ?').get(terminalId) as { n: number }).n;
