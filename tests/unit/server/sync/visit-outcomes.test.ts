// R10.1: a forfeit recorded in the relatives' terminal's audit chain becomes the visit's status
// at the store (so the prison's terminal learns it from its feed, and it is not a used visit).
// Only a terminal of one of the visit's rooms can do it, and only to a scheduled visit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../../src-main/audit/audit-log';
import { ENGINES } from '../helpers/databases';
import { startStore, type TestStore } from '../helpers/store';
import { buildWorld, type World } from '../helpers/world';
import { batch, enrolTerminal, GENESIS, insertVisit, type EnrolledTerminal } from './sync-helpers';

describe.each(ENGINES)('R10.1 forfeits from the terminals\' chains [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  const heads = new Map<string, { seq: number; hash: string }>();

  /** Pushes one visit.forfeited entry on the terminal's chain. */
  async function pushForfeit(t: EnrolledTerminal, visitId: string) {
    const head = heads.get(t.terminalId) ?? { seq: 0, hash: GENESIS };
    const fields = { terminalId: t.terminalId, seq: head.seq + 1, at: new Date(Date.UTC(2026, 2, 2, 2, 0, head.seq)).toISOString(), kind: 'visit.forfeited', actor: 'system' };
    const payload = { visitId, requirement: 'R10.1', reason: '会见开始时会见人未到场签到，视为放弃本次会见', countsAsUsed: false };
    const hash = hashAuditEvent(head.hash, { ...fields, payload });
    const res = await store.call('POST', '/api/sync/events', { token: t.token, body: batch(t.terminalId, [{ ...fields, payload, prevHash: head.hash, hash }]) });
    expect(res.status).toBe(200);
    heads.set(t.terminalId, { seq: fields.seq, hash });
  }
  const visit = (id: string) => store.app.ctx.db.selectFrom('visits').select(['status', 'outcome_code', 'updated_seq']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('the relatives\' terminal records a forfeit: the visit is forfeited at the store, with R10.1, and its feed sequence moves', async () => {
    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const id = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId, date: '2026-03-02', startTime: '10:00' });
    const before = await visit(id);
    await pushForfeit(bureau, id);
    const after = await visit(id);
    expect(after).toMatchObject({ status: 'forfeited', outcome_code: 'R10.1' });
    expect(Number(after.updated_seq)).toBeGreaterThan(Number(before.updated_seq));
  });

  it('a terminal of another room, or a visit no longer scheduled: nothing changes', async () => {
    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const id = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId, date: '2026-03-02', startTime: '11:00' });
    await pushForfeit(other, id);
    expect(await visit(id)).toMatchObject({ status: 'scheduled', outcome_code: null });

    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const done = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId, date: '2026-03-02', startTime: '12:00', status: 'completed' });
    await pushForfeit(bureau, done);
    expect(await visit(done)).toMatchObject({ status: 'completed' });
  });
});
