// GET /api/audit/terminals/:id/verify: the central copy of a terminal chain re-verified, scoped (R26.1).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { batch, chainEvents, enrolTerminal } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';

describe.each(ENGINES)('stored audit chain verification [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let t: EnrolledTerminal;

  const verify = (token: string, terminalId = t.terminalId) =>
    store.call('GET', `/api/audit/terminals/${terminalId}/verify`, { token });

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    t = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const events = chainEvents(t.terminalId, 1, 2500); // more than one page of the walk
    for (let i = 0; i < events.length; i += 1000) {
      const res = await store.call('POST', '/api/sync/events', {
        token: t.token,
        body: batch(t.terminalId, events.slice(i, i + 1000)),
      });
      expect(res.status).toBe(200);
    }
    // A world and 2,500 events: about 10 s when the machine is shared (the default hook timeout).
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });

  it("a provincial supervisor and the site's administrator verify an intact chain", async () => {
    for (const token of [w.tokens.supervisor, w.tokens.provinceAdmin, w.tokens.prisonAAdmin, w.tokens.wardA1Admin]) {
      const res = await verify(token);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        terminalId: t.terminalId,
        ok: true,
        chains: [{ chainId: 'main', ok: true, count: 2500, headSeq: 2500 }],
      });
    }
  });

  it('is scoped: another site gets 404, other roles and terminals 403', async () => {
    expect((await verify(w.tokens.prisonBAdmin)).status).toBe(404);
    expect((await verify(w.tokens.bureauAAdmin)).status).toBe(404);
    expect((await verify(w.tokens.prisonAReviewer)).status).toBe(403);
    expect((await verify(t.token)).status).toBe(403);
    expect((await verify(w.tokens.supervisor, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    // A terminal id need not be a UUID (ynjy01-room1), but it must be a safe token.
    expect((await verify(w.tokens.supervisor, 'ynjy01-room1')).status).toBe(404);
    expect((await verify(w.tokens.supervisor, '-bad id')).body.error.issues[0].path).toBe('params.id');
  });

  it('names the first bad seq when the stored copy was altered behind the API', async () => {
    const db = store.app.ctx.db;
    // Only possible by switching the append-only trigger off, as an intruder with database access would.
    if (engine === 'postgres') await sql`ALTER TABLE terminal_events DISABLE TRIGGER terminal_events_no_change`.execute(db);
    else await sql`DROP TRIGGER terminal_events_no_update`.execute(db);
    await db
      .updateTable('terminal_events')
      .set({ payload: '{"n":1234,"text":"改过"}' })
      .where('terminal_id', '=', t.terminalId)
      .where('seq', '=', 1234)
      .execute();
    const res = await verify(w.tokens.supervisor);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.chains[0]).toMatchObject({ chainId: 'main', ok: false, count: 1233, firstBadSeq: 1234 });
    expect(res.body.chains[0].reason).toContain('第 1234 条');
  });
});
