// POST /api/sync/events: idempotent, chain-verified on arrival, all or nothing (R26.1).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, hashAuditEvent, recentAuditEntries } from '../../../../src-main/audit/audit-log';
import { canonicalJson } from '../../../../src-shared/audit/canonical-json';
import { openStore } from '../../../../src-main/store';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { GENESIS, batch, chainEvents, enrolTerminal, nth, storedEventCount } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal, WireEvent } from '../../../../harness/store/sync-helpers';

describe.each(ENGINES)('terminal event sync [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let t: EnrolledTerminal;

  const push = (terminal: EnrolledTerminal, body: unknown) =>
    store.call('POST', '/api/sync/events', { token: terminal.token, body });
  const head = (terminal: EnrolledTerminal, chainId?: string) =>
    store.call('GET', `/api/sync/events/head${chainId === undefined ? '' : `?chainId=${chainId}`}`, { token: terminal.token });
  const lastHash = (events: WireEvent[]) => events.at(-1)?.hash ?? GENESIS;

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    t = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('a fresh terminal has an empty head', async () => {
    const res = await head(t);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ terminalId: t.terminalId, chainId: 'main', seq: 0, hash: GENESIS });
  });

  it('R26.1 the same batch pushed twice: the same acknowledgement, one copy stored', async () => {
    const terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const events = chainEvents(terminal.terminalId, 1, 20);
    const first = await push(terminal, batch(terminal.terminalId, events));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ terminalId: terminal.terminalId, chainId: 'main', seq: 20, hash: lastHash(events) });
    const pushedAt = await store.app.ctx.db
      .selectFrom('terminal_sync_state')
      .selectAll()
      .where('terminal_id', '=', terminal.terminalId)
      .executeTakeFirstOrThrow();

    store.clock.advanceMinutes(1);
    const again = await push(terminal, batch(terminal.terminalId, events));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await storedEventCount(store.app.ctx.db, terminal.terminalId)).toBe(20);
    // Nothing changed at all, not even the last-push time.
    const after = await store.app.ctx.db
      .selectFrom('terminal_sync_state')
      .selectAll()
      .where('terminal_id', '=', terminal.terminalId)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(pushedAt);
  });

  it('the same batch pushed three times at once: one copy, three equal acknowledgements', async () => {
    const terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const body = batch(terminal.terminalId, chainEvents(terminal.terminalId, 1, 50));
    const results = await Promise.all([push(terminal, body), push(terminal, body), push(terminal, body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(await storedEventCount(store.app.ctx.db, terminal.terminalId)).toBe(50);
  });

  it('the chain continues across batches; an overlapping batch with the same content stores only its new tail', async () => {
    const events = chainEvents(t.terminalId, 1, 30);
    expect((await push(t, batch(t.terminalId, events.slice(0, 10)))).body.seq).toBe(10);
    expect((await push(t, batch(t.terminalId, events.slice(10, 20)))).body.seq).toBe(20);
    // A terminal that lost the ack re-sends from 16: 16..20 are repeats, 21..30 new.
    const overlap = await push(t, batch(t.terminalId, events.slice(15, 30)));
    expect(overlap.status).toBe(200);
    expect(overlap.body).toEqual({ terminalId: t.terminalId, chainId: 'main', seq: 30, hash: lastHash(events) });
    expect(await storedEventCount(store.app.ctx.db, t.terminalId)).toBe(30);
    expect((await head(t)).body.seq).toBe(30);
    // Stored as received: canonical payload, the terminal's own hashes.
    const row = await store.app.ctx.db
      .selectFrom('terminal_events')
      .selectAll()
      .where('terminal_id', '=', t.terminalId)
      .where('seq', '=', 7)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      chain_id: 'main',
      kind: 'visit.note',
      actor: 'system',
      hash: events[6]?.hash,
      prev_hash: events[5]?.hash,
    });
    expect(row.payload).toBe('{"n":7,"nested":{"a":true,"b":[1,2.5,null]},"text":"事件 7"}');
  });

  it('different content for a stored seq is a conflict naming the seq; nothing of the batch is stored', async () => {
    const before = await storedEventCount(store.app.ctx.db);
    const current = await head(t);
    // Seqs 25..35 where 28..30 are already stored with other content (here: another time).
    const stored = chainEvents(t.terminalId, 1, 30);
    const rehashed = chainEvents(t.terminalId, 28, 8, stored[26]?.hash);
    rehashed[0] = { ...nth(rehashed, 0), at: '2026-03-02T02:00:00.000Z' };
    const res = await push(t, batch(t.terminalId, [...stored.slice(24, 27), ...rehashed]));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(res.body.error.message).toContain('第 28 条');
    expect(res.body.error.issues[0].path).toBe('body.events.3');
    expect(await storedEventCount(store.app.ctx.db)).toBe(before);
    expect((await head(t)).body).toEqual(current.body);
  });

  it('R26.1 a tampered batch (one byte of a payload changed) is refused naming the seq; nothing is stored', async () => {
    const before = await storedEventCount(store.app.ctx.db);
    const current = (await head(t)).body;
    const events = chainEvents(t.terminalId, 31, 10, current.hash);
    const tampered = structuredClone(events);
    nth(tampered, 4).payload['text'] = '事件 36'.replace('6', '7'); // one byte
    const res = await push(t, batch(t.terminalId, tampered));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('第 35 条');
    expect(res.body.error.issues).toEqual([{ path: 'body.events.4.hash', message: '第 35 条的哈希与内容不符' }]);
    expect(await storedEventCount(store.app.ctx.db)).toBe(before);
    expect((await head(t)).body).toEqual(current);

    // A batch that does not link to the stored head: the first event is named.
    const unlinked = chainEvents(t.terminalId, 31, 5, 'f'.repeat(64));
    const res2 = await push(t, batch(t.terminalId, unlinked));
    expect(res2.status).toBe(422);
    expect(res2.body.error.issues[0].path).toBe('body.events.0.prevHash');
    expect(res2.body.error.message).toContain('第 31 条');
    // A link broken inside the batch: events 31..33, then 34 pointing elsewhere.
    const inner = [...events.slice(0, 3), ...chainEvents(t.terminalId, 34, 2, 'e'.repeat(64))];
    const res3 = await push(t, batch(t.terminalId, inner));
    expect(res3.status).toBe(422);
    expect(res3.body.error.issues[0].path).toBe('body.events.3.prevHash');
    expect(await storedEventCount(store.app.ctx.db)).toBe(before);

    // The untampered batch then goes through.
    expect((await push(t, batch(t.terminalId, events))).body.seq).toBe(40);
  });

  it('a refused first batch leaves no trace, not even a head', async () => {
    const terminal = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const events = chainEvents(terminal.terminalId, 1, 3);
    nth(events, 0).hash = 'a'.repeat(64);
    expect((await push(terminal, batch(terminal.terminalId, events))).status).toBe(422);
    const heads = await store.app.ctx.db
      .selectFrom('terminal_chain_heads')
      .selectAll()
      .where('terminal_id', '=', terminal.terminalId)
      .execute();
    expect(heads).toEqual([]);
  });

  it('a gap is refused naming the seq expected next', async () => {
    const before = await storedEventCount(store.app.ctx.db);
    const current = (await head(t)).body; // seq 40
    const events = chainEvents(t.terminalId, 45, 5, current.hash);
    const res = await push(t, batch(t.terminalId, events));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('应从第 41 条开始');
    expect(res.body.error.issues).toEqual([{ path: 'body.fromSeq', message: '应为 41' }]);
    expect(await storedEventCount(store.app.ctx.db)).toBe(before);
  });

  it('bad payloads name the field and write nothing', async () => {
    const before = await storedEventCount(store.app.ctx.db);
    const good = chainEvents(t.terminalId, 41, 3, (await head(t)).body.hash);
    const paths = async (body: unknown) => {
      const res = await push(t, body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      return res.body.error.issues.map((i: { path: string }) => i.path).sort();
    };
    expect(await paths({ ...batch(t.terminalId, good), events: [] })).toEqual(['body.events']);
    expect(await paths({ fromSeq: 41, events: good })).toEqual(['body.terminalId']);
    expect(await paths({ ...batch(t.terminalId, good), fromSeq: 0 })).toEqual(['body.fromSeq']);
    expect(await paths(batch(t.terminalId, [good[0], { ...good[1], kind: 'Not A Kind' }, { ...good[2], hash: 'xyz' }]))).toEqual([
      'body.events.1.kind',
      'body.events.2.hash',
    ]);
    expect(await paths(batch(t.terminalId, [good[0], { ...good[1], payload: 'text' }]))).toEqual(['body.events.1.payload']);
    expect(await paths(batch(t.terminalId, [good[0], { ...good[1], at: 'yesterday' }]))).toEqual(['body.events.1.at']);
    // Not consecutive from fromSeq.
    expect(await paths(batch(t.terminalId, [good[0], good[2]]))).toEqual(['body.events.1.seq']);
    expect(await paths({ ...batch(t.terminalId, good), chainId: 'no spaces allowed' })).toEqual(['body.chainId']);
    // Too many events in one batch.
    const tooMany = await push(t, batch(t.terminalId, chainEvents(t.terminalId, 41, 1001, good[0]?.prevHash)));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.issues[0].path).toBe('body.events');
    // An oversized payload.
    const big = chainEvents(t.terminalId, 41, 1, good[0]?.prevHash);
    nth(big, 0).payload = { blob: 'x'.repeat(70_000) };
    expect(await paths(batch(t.terminalId, big))).toEqual(['body.events.0.payload']);
    expect(await storedEventCount(store.app.ctx.db)).toBe(before);
  });

  it('a terminal pushes only its own chain; staff and strangers cannot push', async () => {
    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const events = chainEvents(t.terminalId, 1, 2);
    const res = await push(other, batch(t.terminalId, events));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect(
      (await store.call('POST', '/api/sync/events', { token: w.tokens.provinceAdmin, body: batch(t.terminalId, events) })).status,
    ).toBe(403);
    expect((await store.call('POST', '/api/sync/events', { body: batch(t.terminalId, events) })).status).toBe(401);
    expect((await store.call('GET', '/api/sync/events/head', { token: w.tokens.supervisor })).status).toBe(403);
  });

  it('a terminal may start a new chain (new local store) beside the old one', async () => {
    const events = chainEvents(t.terminalId, 1, 5);
    const res = await push(t, batch(t.terminalId, events, { chainId: 'store-2' }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ terminalId: t.terminalId, chainId: 'store-2', seq: 5, hash: lastHash(events) });
    expect((await head(t, 'store-2')).body.seq).toBe(5);
    expect((await head(t)).body.seq).toBe(40);
  });

  it('accepts a real terminal audit log as the terminal wrote it (src-main)', async () => {
    const terminal = await enrolTerminal(store, w.tokens.bureauBAdmin, w.bureauB.roomId);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'terminal-'));
    const local = openStore({ path: path.join(dir, 'terminal.db') });
    try {
      const at = new Date('2026-03-02T01:00:00.000Z');
      appendAudit(local.db, terminal.terminalId, { kind: 'terminal.started' }, at);
      appendAudit(
        local.db,
        terminal.terminalId,
        { kind: 'staff.login', actor: 'staff-1', payload: { 名字: '张三', ok: true, n: 0.1 } },
        at,
      );
      appendAudit(local.db, terminal.terminalId, { kind: 'visit.warning', payload: { z: 1, a: [{ y: 2, b: 'x' }] } }, at);
      const entries = recentAuditEntries(local.db, terminal.terminalId, 10).reverse();
      const events = entries.map((e) => ({
        seq: e.seq,
        at: e.at,
        kind: e.kind,
        actor: e.actor,
        payload: JSON.parse(e.payload) as Record<string, unknown>,
        prevHash: e.prevHash,
        hash: e.hash,
      }));
      const res = await push(terminal, batch(terminal.terminalId, events));
      expect(res.status).toBe(200);
      expect(res.body.hash).toBe(entries.at(-1)?.hash);
      const stored = await store.app.ctx.db
        .selectFrom('terminal_events')
        .select('payload')
        .where('terminal_id', '=', terminal.terminalId)
        .orderBy('seq')
        .execute();
      expect(stored.map((s) => s.payload)).toEqual(entries.map((e) => e.payload));
    } finally {
      local.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  /** A chain whose actors and payloads hold what SQL array literals, JSON and CSV escape. */
  const awkwardChain = (terminalId: string, count: number): WireEvent[] => {
    const awkward = ['"', '\\', '{}', '{a,b}', ',', 'NULL', '', ' spaced ', '名字', '\n', "'", '😀'];
    const events: WireEvent[] = [];
    let prev = GENESIS;
    for (let seq = 1; seq <= count; seq++) {
      const word = awkward[seq % awkward.length] ?? '';
      const fields = {
        terminalId,
        seq,
        at: new Date(Date.UTC(2026, 2, 2, 1, 0, 0, seq)).toISOString(),
        kind: 'visit.note',
        actor: `staff ${word}`,
      };
      const payload = { [word]: [word, seq, { z: null, a: word }], text: `${word}${seq}` };
      const hash = hashAuditEvent(prev, { ...fields, payload });
      events.push({ ...fields, payload, prevHash: prev, hash });
      prev = hash;
    }
    return events;
  };
  const storedRows = (terminalId: string) =>
    store.app.ctx.db
      .selectFrom('terminal_events')
      .select(['chain_id', 'seq', 'at', 'kind', 'actor', 'payload', 'prev_hash', 'hash', 'received_at'])
      .where('terminal_id', '=', terminalId)
      .orderBy('seq')
      .execute();

  it('R26.1 a full batch (1,000 events, one statement) is stored byte for byte, whatever its strings hold; sent again it changes nothing', async () => {
    const terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const events = awkwardChain(terminal.terminalId, 1000);
    const res = await push(terminal, batch(terminal.terminalId, events));
    expect(res.status).toBe(200);
    expect(res.body.seq).toBe(1000);
    const receivedAt = store.clock.now().toISOString();
    const expected = events.map((e) => ({
      chain_id: 'main',
      seq: e.seq,
      at: e.at,
      kind: e.kind,
      actor: e.actor,
      payload: canonicalJson(e.payload),
      prev_hash: e.prevHash,
      hash: e.hash,
      received_at: receivedAt,
    }));
    const stored = (await storedRows(terminal.terminalId)).map((r) => ({ ...r, seq: Number(r.seq) }));
    expect(stored).toEqual(expected);

    store.clock.advanceMinutes(1);
    const again = await push(terminal, batch(terminal.terminalId, events));
    expect(again.body).toEqual(res.body);
    expect((await storedRows(terminal.terminalId)).map((r) => ({ ...r, seq: Number(r.seq) }))).toEqual(expected);
  });

  it('R26.1 one bad event in the middle of a full batch refuses the whole batch, also past an overlap; nothing is written', async () => {
    const terminal = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const events = awkwardChain(terminal.terminalId, 1200);
    const tampered = structuredClone(events.slice(0, 1000));
    nth(tampered, 500).actor = 'someone else';
    const res = await push(terminal, batch(terminal.terminalId, tampered));
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([{ path: 'body.events.500.hash', message: '第 501 条的哈希与内容不符' }]);
    expect(await storedEventCount(store.app.ctx.db, terminal.terminalId)).toBe(0);

    // 1..200 stored; then 101..1100, of which 101..200 repeat the stored ones and 700 is broken.
    expect((await push(terminal, batch(terminal.terminalId, events.slice(0, 200)))).status).toBe(200);
    const overlapping = structuredClone(events.slice(100, 1100));
    nth(overlapping, 599).payload['text'] = 'changed';
    const res2 = await push(terminal, batch(terminal.terminalId, overlapping));
    expect(res2.status).toBe(422);
    expect(res2.body.error.issues[0].path).toBe('body.events.599.hash');
    expect(await storedEventCount(store.app.ctx.db, terminal.terminalId)).toBe(200);
    expect((await head(terminal)).body.seq).toBe(200);
  });

  it('stored events cannot be changed or deleted, even bypassing the API', async () => {
    const db = store.app.ctx.db;
    await expect(
      db.updateTable('terminal_events').set({ kind: 'visit.changed' }).where('terminal_id', '=', t.terminalId).execute(),
    ).rejects.toThrow(/只能追加/);
    await expect(db.deleteFrom('terminal_events').where('terminal_id', '=', t.terminalId).execute()).rejects.toThrow(/只能追加/);
    expect(await storedEventCount(db, t.terminalId)).toBe(45);
  });
});
