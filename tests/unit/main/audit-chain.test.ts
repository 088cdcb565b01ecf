// The audit log (R26.1): a per-terminal, gapless, append-only SHA-256 hash chain.
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { appendAudit, auditCount, canonicalJson, verifyAuditChain } from '../../../src-main/audit';
import { GENESIS_HASH, openStore, type Store } from '../../../src-main/store';
import { useTempDirs } from './helpers/temp-dir';

const tempDir = useTempDirs('kiosk-audit-');
const T = 'ynjy01-room1';
const at = (minute: number) => new Date(Date.UTC(2025, 4, 4, 8, minute));

let store: Store | undefined;
afterEach(() => store?.close());

function storeWith(entries: number): Database.Database {
  store = openStore({ path: join(tempDir(), 'terminal.db') });
  for (let i = 1; i <= entries; i++) {
    appendAudit(store.db, T, { kind: 'visit.note', actor: 'staff01', payload: { visitId: 'V1', n: i, note: `第${i}条` } }, at(i));
  }
  return store.db;
}

/** Tampering needs the append-only triggers out of the way, as an attacker with the file would. */
const dropGuards = (db: Database.Database) =>
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_append_only_in_order;');

describe('canonical JSON', () => {
  test('R26.1 keys sorted at every depth, no whitespace, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1, { z: null, y: true }], c: '文' } })).toBe(
      '{"a":{"c":"文","d":[3,1,{"y":true,"z":null}]},"b":1}',
    );
  });

  test('equal values give equal text whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [1, 2] })).toBe(canonicalJson({ y: [1, 2], x: 1 }));
  });

  test('undefined members are left out, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  test.each([
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['a Date', { d: new Date(0) }],
    ['a bigint', { b: 1n }],
    ['a function', { f: () => 1 }],
  ])('%s is refused rather than hashed ambiguously', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });
});

describe('audit chain', () => {
  test('R26.1 appends a gapless sequence linked by prev_hash, starting from the genesis hash', () => {
    const db = storeWith(5);
    const rows = db.prepare('SELECT seq, prev_hash, hash FROM audit_log WHERE terminal_id = ? ORDER BY seq').all(T) as Array<{
      seq: number;
      prev_hash: string;
      hash: string;
    }>;
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
  });

  test('R26.1 hash = SHA-256(prev_hash ‖ canonical_json(event)), reproducible by the central store', () => {
    const db = storeWith(0);
    const entry = appendAudit(db, T, { kind: 'terminal.started', payload: { b: 2, a: '一' } }, at(0));
    const body = `{"actor":"system","at":"2025-05-04T08:00:00.000Z","kind":"terminal.started","payload":{"a":"一","b":2},"seq":1,"terminalId":"${T}"}`;
    expect(entry.hash).toBe(
      createHash('sha256')
        .update(GENESIS_HASH + body, 'utf8')
        .digest('hex'),
    );
    expect(entry.payload).toBe('{"a":"一","b":2}');
  });

  test('R26.1 an intact chain verifies', () => {
    const db = storeWith(20);
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: true, count: 20 });
    expect(verifyAuditChain(db, 'other-terminal')).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  test('R26.1 an edited payload is detected at its seq', () => {
    const db = storeWith(6);
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET payload = '{"n":3,"note":"改过","visitId":"V1"}' WHERE seq = 3`).run();
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  test('R26.1 an edited time or actor is detected at its seq', () => {
    const db = storeWith(6);
    dropGuards(db);
    db.prepare("UPDATE audit_log SET actor = 'staff99' WHERE seq = 5").run();
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  test('R26.1 an entry rewritten with a recomputed hash breaks the link to the next one', () => {
    const db = storeWith(6);
    dropGuards(db);
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as {
      prev_hash: string;
      at: string;
      kind: string;
      actor: string;
    };
    const payload = { visitId: 'V1', n: 2, note: '伪造' };
    const hash = createHash('sha256')
      .update(
        row.prev_hash + canonicalJson({ terminalId: T, seq: 2, at: row.at, kind: row.kind, actor: row.actor, payload }),
        'utf8',
      )
      .digest('hex');
    db.prepare('UPDATE audit_log SET payload = ?, hash = ? WHERE seq = 2').run(canonicalJson(payload), hash);
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  test('R26.1 a deleted entry is detected as a gap at the missing seq', () => {
    const db = storeWith(6);
    dropGuards(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  test('R26.1 a re-formatted (non-canonical) payload is detected', () => {
    const db = storeWith(3);
    dropGuards(db);
    db.prepare(`UPDATE audit_log SET payload = '{"visitId":"V1","n":1,"note":"第1条"}' WHERE seq = 1`).run();
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: false, firstBadSeq: 1 });
  });

  test('R26.1 UPDATE is refused by the database and changes nothing', () => {
    const db = storeWith(3);
    const before = db.prepare('SELECT * FROM audit_log ORDER BY seq').all();
    expect(() => db.prepare("UPDATE audit_log SET kind = 'x' WHERE seq = 2").run()).toThrow(/审计日志只能追加，不得修改/);
    expect(db.prepare('SELECT * FROM audit_log ORDER BY seq').all()).toEqual(before);
  });

  test('R26.1 DELETE is refused by the database and changes nothing', () => {
    const db = storeWith(3);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/审计日志只能追加，不得删除/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/不得删除/);
    expect(auditCount(db, T)).toBe(3);
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: true, count: 3 });
  });

  test('R26.1 an INSERT that skips a seq or does not link to the last hash is refused by the database', () => {
    const db = storeWith(2);
    const last = db.prepare('SELECT hash FROM audit_log WHERE seq = 2').get() as { hash: string };
    const insert = db.prepare("INSERT INTO audit_log VALUES (?, ?, 't', 'visit.note', 'system', '{}', ?, ?)");
    expect(() => insert.run(T, 4, last.hash, 'f'.repeat(64))).toThrow(/序号必须连续/);
    expect(() => insert.run(T, 3, 'e'.repeat(64), 'f'.repeat(64))).toThrow(/序号必须连续/);
    expect(auditCount(db, T)).toBe(2);
  });

  test('R26.1 each terminal id has its own chain starting at 1', () => {
    const db = storeWith(3);
    const other = appendAudit(db, 'kmgd-sfj-room1', { kind: 'terminal.started' }, at(9));
    expect(other).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: true, count: 3 });
    expect(verifyAuditChain(db, 'kmgd-sfj-room1')).toMatchObject({ ok: true, count: 1 });
  });

  test('R26.1 an append rolled back with the caller’s transaction leaves no gap', () => {
    const db = storeWith(2);
    expect(() =>
      db.transaction(() => {
        appendAudit(db, T, { kind: 'visit.note' }, at(10));
        throw new Error('the visit change failed');
      })(),
    ).toThrow('the visit change failed');
    expect(appendAudit(db, T, { kind: 'visit.note' }, at(11)).seq).toBe(3);
    expect(verifyAuditChain(db, T)).toMatchObject({ ok: true, count: 3 });
  });

  test.each([
    ['an empty kind', { kind: '' }],
    ['a kind with spaces', { kind: 'visit started' }],
    ['an empty actor', { kind: 'visit.note', actor: '' }],
    ['a payload that has no JSON form', { kind: 'visit.note', payload: { n: Number.NaN } }],
  ])('%s is refused and nothing is appended', (_name, event) => {
    const db = storeWith(1);
    expect(() => appendAudit(db, T, event, at(5))).toThrow(TypeError);
    expect(auditCount(db, T)).toBe(1);
  });
});
