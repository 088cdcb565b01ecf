// R17.2: a prison terminal's suspension proposal (an entry of its verified audit chain) is
// listed to that prison's desk with the inmate, not to other sites; once a suspension of the
// inmate is decided it leaves the open list and shows which suspension answered it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../src-main/audit/audit-log';
import { ENGINES } from './helpers/databases';
import { startStore, type TestStore } from './helpers/store';
import { buildWorld, type World } from './helpers/world';
import { batch, enrolTerminal, GENESIS, insertVisit, type EnrolledTerminal } from './sync/sync-helpers';

describe.each(ENGINES)('R17.2 suspension proposals from the terminals [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let t: EnrolledTerminal;
  let visitId: string;
  let inmateId: string;
  const list = (token: string, status = 'open') => store.call('GET', `/api/suspension-proposals?status=${status}`, { token });

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    t = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId, date: '2026-03-02', startTime: '10:00', status: 'terminated' });
    inmateId = (await store.app.ctx.db.selectFrom('visits').select('inmate_id').where('id', '=', visitId).executeTakeFirstOrThrow()).inmate_id;
    // The terminal's chain: a termination note, then the proposal, hashed as the terminal does.
    const kinds = [
      { kind: 'call.terminated', actor: 'S-WANG', payload: { visitId, code: 'R17.1(8)' } },
      { kind: 'call.suspensionProposed', actor: 'S-WANG', payload: { visitId, requirement: 'R17.2', months: 2, inmateName: '张建国', code: 'R17.1(8)', reason: '谈论案情，涉嫌串供、通风报信', note: '多次提醒无效', operator: '王刚', supervisors: ['赵敏'] } },
    ];
    let prev = GENESIS;
    const events = kinds.map((k, i) => {
      const fields = { terminalId: t.terminalId, seq: i + 1, at: new Date(Date.UTC(2026, 2, 2, 2, 0, i)).toISOString(), kind: k.kind, actor: k.actor };
      const hash = hashAuditEvent(prev, { ...fields, payload: k.payload });
      const e = { ...fields, payload: k.payload, prevHash: prev, hash };
      prev = hash;
      return e;
    });
    expect((await store.call('POST', '/api/sync/events', { token: t.token, body: batch(t.terminalId, events) })).status).toBe(200);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('the prison sees the open proposal with the inmate; other sites see nothing', async () => {
    const res = await list(w.tokens.prisonAAdmin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({ terminalId: t.terminalId, seq: 2, visitId, inmateId, months: 2, code: 'R17.1(8)', note: '多次提醒无效', operator: '王刚', supervisors: ['赵敏'], decidedSuspensionId: null }),
    ]);
    expect((await list(w.tokens.prisonBAdmin)).body).toEqual([]);
    expect((await list(w.tokens.bureauAAdmin)).body).toEqual([]);
  });

  it('bad input is refused, nothing changes', async () => {
    const res = await list(w.tokens.prisonAAdmin, 'maybe');
    expect(res.status).toBe(400);
    expect((await list(w.tokens.prisonAAdmin)).body).toHaveLength(1);
  });

  it('a decided suspension closes the proposal; the full list names it', async () => {
    const decided = await store.call('POST', `/api/inmates/${inmateId}/suspensions`, {
      token: w.tokens.prisonAAdmin,
      body: { start: '2026-03-03', end: '2026-05-02', reason: 'R17.1(8)', decidedBy: '监狱长' },
    });
    expect(decided.status).toBe(201);
    expect((await list(w.tokens.prisonAAdmin)).body).toEqual([]);
    const all = await list(w.tokens.prisonAAdmin, 'all');
    expect(all.body).toHaveLength(1);
    expect(all.body[0].decidedSuspensionId).toEqual(expect.any(String));
  });
});
