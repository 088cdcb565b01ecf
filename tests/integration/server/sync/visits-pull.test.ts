// GET /api/sync/visits: a terminal pulls its room's visits (either side) by cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit, updateVisitStatus } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';

describe.each(ENGINES)('terminal visit pull [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let prisonA: EnrolledTerminal;
  let bureauA: EnrolledTerminal;
  let prisonB: EnrolledTerminal;
  const visits: Record<'ab' | 'other' | 'aToB' | 'bureauOnly', string> = { ab: '', other: '', aToB: '', bureauOnly: '' };

  const pull = (terminal: EnrolledTerminal, query = '') =>
    store.call('GET', `/api/sync/visits${query}`, { token: terminal.token });
  const ids = (body: { visits: { id: string }[] }) => body.visits.map((v) => v.id);

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    prisonA = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureauA = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    prisonB = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const db = store.app.ctx.db;
    visits.ab = await insertVisit(db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId, startTime: '09:00' });
    visits.other = await insertVisit(db, { roomId: w.prisonB.roomId, remoteRoomId: w.bureauB.roomId });
    visits.aToB = await insertVisit(db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauB.roomId, startTime: '10:00' });
    visits.bureauOnly = await insertVisit(db, { roomId: w.prisonB.roomId, remoteRoomId: w.bureauA.roomId, startTime: '11:00' });
  });
  afterAll(async () => {
    await store?.stop();
  });

  it("each terminal gets its room's visits, on either side, with the next cursor", async () => {
    const a = await pull(prisonA);
    expect(a.status).toBe(200);
    expect(ids(a.body)).toEqual([visits.ab, visits.aToB]);
    expect(a.body.hasMore).toBe(false);
    expect(a.body.visits[0]).toEqual({
      id: visits.ab,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      side: 'inmate',
      date: '2026-03-10',
      startTime: '09:00',
      minutes: 30,
      status: 'scheduled',
      seq: a.body.visits[0].seq,
      // What check-in needs offline (the helper's application has no applicants).
      inmate: { id: a.body.visits[0].inmate.id, name: '测试罪犯' },
      visitors: [],
      languages: [{ kind: 'mandarin' }],
      interpreterRequired: false,
    });
    expect(a.body.cursor).toBe(a.body.visits[1].seq);

    const b = await pull(bureauA);
    expect(ids(b.body)).toEqual([visits.ab, visits.bureauOnly]);
    expect(b.body.visits.map((v: { side: string }) => v.side)).toEqual(['visitor', 'visitor']);
  });

  it('pulling with the returned cursor returns only what changed since', async () => {
    const first = await pull(prisonA);
    const bureauBefore = await pull(bureauA);
    const idle = await pull(prisonA, `?cursor=${first.body.cursor}`);
    expect(idle.body).toEqual({ visits: [], cursor: first.body.cursor, hasMore: false });

    await updateVisitStatus(store.app.ctx.db, visits.other, 'cancelled'); // not prison A's
    await updateVisitStatus(store.app.ctx.db, visits.ab, 'cancelled');
    const changed = await pull(prisonA, `?cursor=${first.body.cursor}`);
    expect(ids(changed.body)).toEqual([visits.ab]);
    expect(changed.body.visits[0].status).toBe('cancelled');
    expect(changed.body.cursor).toBeGreaterThan(first.body.cursor);
    // The bureau's terminal sees the same change of the same visit.
    const bureau = await pull(bureauA, `?cursor=${bureauBefore.body.cursor}`);
    expect(ids(bureau.body)).toEqual([visits.ab]);
    // The pull is recorded for the overview.
    const state = await store.app.ctx.db
      .selectFrom('terminal_sync_state')
      .selectAll()
      .where('terminal_id', '=', prisonA.terminalId)
      .executeTakeFirstOrThrow();
    expect(state.visits_cursor).toBe(first.body.cursor);
    expect(state.pulled_at).toBe('2026-03-02T01:00:00.000Z');
  });

  it('pages with limit: hasMore until the last change', async () => {
    const seen: string[] = [];
    let cursor = 0;
    for (let page = 0; page < 5; page++) {
      const res = await pull(prisonA, `?cursor=${cursor}&limit=1`);
      seen.push(...ids(res.body));
      cursor = res.body.cursor;
      if (!res.body.hasMore) break;
    }
    // ab changed after aToB was booked: oldest change first.
    expect(seen).toEqual([visits.aToB, visits.ab]);
  });

  it('a terminal naming another room is refused (403); staff and strangers cannot pull', async () => {
    const res = await pull(prisonB, `?roomId=${w.prisonA.roomId}`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    expect((await pull(prisonB, `?roomId=${w.prisonB.roomId}`)).status).toBe(200);
    expect((await store.call('GET', '/api/sync/visits', { token: w.tokens.supervisor })).status).toBe(403);
    expect((await store.call('GET', '/api/sync/visits')).status).toBe(401);
  });

  it('a bad cursor names the field and records nothing', async () => {
    const terminal = await enrolTerminal(store, w.tokens.bureauBAdmin, w.bureauB.roomId);
    for (const query of ['?cursor=abc', '?cursor=-1', '?cursor=1.5']) {
      const res = await pull(terminal, query);
      expect(res.status).toBe(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['querystring.cursor']);
    }
    const limit = await pull(terminal, '?limit=0');
    expect(limit.body.error.issues[0].path).toBe('querystring.limit');
    const state = await store.app.ctx.db
      .selectFrom('terminal_sync_state')
      .selectAll()
      .where('terminal_id', '=', terminal.terminalId)
      .execute();
    expect(state).toEqual([]);
  });
});
