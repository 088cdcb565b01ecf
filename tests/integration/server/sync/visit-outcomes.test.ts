// R10.1: a forfeit recorded in the relatives' terminal's audit chain becomes the visit's status
// at the store (so the prison's terminal learns it from its feed, and it is not a used visit).
// Only a terminal of one of the visit's rooms can do it, and only to a scheduled visit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashAuditEvent } from '../../../../src-main/audit/audit-log';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore, type TestStore } from '../../../../harness/store/store';
import { buildWorld, type World } from '../../../../harness/store/world';
import {
  batch,
  enrolTerminal,
  GENESIS,
  insertVisit,
  storedEventCount,
  type EnrolledTerminal,
} from '../../../../harness/store/sync-helpers';

describe.each(ENGINES)("R10.1 forfeits from the terminals' chains [%s]", (engine) => {
  let store: TestStore;
  let w: World;
  const heads = new Map<string, { seq: number; hash: string }>();

  /** Pushes one entry on the terminal's chain. */
  async function pushEntry(t: EnrolledTerminal, kind: string, payload: Record<string, unknown>) {
    const head = heads.get(t.terminalId) ?? { seq: 0, hash: GENESIS };
    const fields = {
      terminalId: t.terminalId,
      seq: head.seq + 1,
      at: new Date(Date.UTC(2026, 2, 2, 2, 0, head.seq)).toISOString(),
      kind,
      actor: 'system',
    };
    const hash = hashAuditEvent(head.hash, { ...fields, payload });
    const res = await store.call('POST', '/api/sync/events', {
      token: t.token,
      body: batch(t.terminalId, [{ ...fields, payload, prevHash: head.hash, hash }]),
    });
    expect(res.status).toBe(200);
    heads.set(t.terminalId, { seq: fields.seq, hash });
  }
  const pushForfeit = (t: EnrolledTerminal, visitId: string) =>
    pushEntry(t, 'visit.forfeited', {
      visitId,
      requirement: 'R10.1',
      reason: '会见开始时会见人未到场签到，视为放弃本次会见',
      countsAsUsed: false,
    });
  const visit = (id: string) =>
    store.app.ctx.db
      .selectFrom('visits')
      .select(['status', 'outcome_code', 'outcome_reason', 'updated_seq'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it("the relatives' terminal records a forfeit: the visit is forfeited at the store, with R10.1, and its feed sequence moves", async () => {
    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const id = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:00',
    });
    const before = await visit(id);
    await pushForfeit(bureau, id);
    const after = await visit(id);
    expect(after).toMatchObject({ status: 'forfeited', outcome_code: 'R10.1' });
    expect(Number(after.updated_seq)).toBeGreaterThan(Number(before.updated_seq));
  });

  it('a terminal of another room, or a visit no longer scheduled: nothing changes', async () => {
    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const id = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:05',
    });
    await pushForfeit(other, id);
    expect(await visit(id)).toMatchObject({ status: 'scheduled', outcome_code: null });

    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const done = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:10',
      status: 'completed',
    });
    await pushForfeit(bureau, done);
    expect(await visit(done)).toMatchObject({ status: 'completed' });
  });

  it("R18.1 a call's end in the chain settles a visit the signaling socket never reported (the terminal restarted first): interrupted with R18.1, terminated with its code, completed", async () => {
    const prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const at = (time: string) =>
      insertVisit(store.app.ctx.db, {
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        date: '2026-03-02',
        startTime: time,
      });
    const [cut, ended, done] = [await at('08:00'), await at('08:10'), await at('08:20')];
    // Each call started first, as the terminal records it.
    for (const id of [cut, done]) await pushEntry(prison, 'call.started', { visitId: id, side: 'inmate', allowedMs: 1_800_000 });
    await pushEntry(prison, 'call.interrupted', {
      visitId: cut,
      outcome: 'interrupted',
      requirement: 'R18.1',
      reason: '网络或设备故障未能在宽限时间内恢复，会见中断，优先重新安排',
      countsAsUsedVisit: false,
    });
    await pushEntry(prison, 'call.terminated', {
      visitId: ended,
      outcome: 'terminated',
      requirement: 'R17.1(8)',
      code: 'R17.1(8)',
      reason: '谈论案情',
    });
    await pushEntry(prison, 'call.completed', {
      visitId: done,
      outcome: 'completed',
      requirement: 'R14.2',
      reason: '会见时间已到',
      countsAsUsedVisit: true,
    });
    expect(await visit(cut)).toMatchObject({
      status: 'interrupted',
      outcome_code: 'R18.1',
      outcome_reason: expect.stringMatching(/优先重新安排/),
    });
    expect(await visit(ended)).toMatchObject({ status: 'terminated', outcome_code: 'R17.1(8)', outcome_reason: '谈论案情' });
    expect(await visit(done)).toMatchObject({ status: 'completed', outcome_code: null, outcome_reason: null });
  });

  it("R18.1 the signaling report came first: the chain's later copy changes nothing; another room's terminal changes nothing", async () => {
    const prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const reported = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '08:30',
      status: 'completed',
    });
    await pushEntry(prison, 'call.interrupted', { visitId: reported, outcome: 'interrupted', reason: '网络故障' });
    expect(await visit(reported)).toMatchObject({ status: 'completed', outcome_code: null });

    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const theirs = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '08:40',
    });
    await pushEntry(other, 'call.terminated', { visitId: theirs, outcome: 'terminated', code: 'R17.1(8)', reason: '谈论案情' });
    expect(await visit(theirs)).toMatchObject({ status: 'scheduled', outcome_code: null });
  });
  // The entries above are at 10:00 China time on 2026-03-02 (the store's clock: 09:00).
  const alarmsOf = (visitId: string) =>
    store.app.ctx.db.selectFrom('alarms').select(['kind', 'code', 'terminal_id']).where('visit_id', '=', visitId).execute();

  it('probe 15.6: completed, interrupted or forfeited for a visit booked two days later is refused: the entry stays in the chain, the visit does not change, an alarm is raised', async () => {
    const prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const later = (time: string) =>
      insertVisit(store.app.ctx.db, {
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        date: '2026-03-04',
        startTime: time,
      });
    const [cut, done, forfeit] = [await later('09:00'), await later('10:00'), await later('11:00')];
    for (const id of [cut, done]) await pushEntry(prison, 'call.started', { visitId: id, side: 'inmate', allowedMs: 1_800_000 });
    await pushEntry(prison, 'call.interrupted', { visitId: cut, outcome: 'interrupted', reason: '网络故障' });
    await pushEntry(prison, 'call.completed', { visitId: done, outcome: 'completed', reason: '会见时间已到' });
    await pushForfeit(bureau, forfeit);
    for (const id of [cut, done, forfeit]) {
      expect(await visit(id)).toMatchObject({ status: 'scheduled', outcome_code: null });
      expect(await alarmsOf(id)).toEqual([
        expect.objectContaining({ kind: 'visit-outcome-refused', code: 'OUTSIDE_VISIT_WINDOW' }),
      ]);
    }
    expect(await storedEventCount(store.app.ctx.db, prison.terminalId)).toBe(4);
  });

  it("probe 15.6: inside the window, completed or interrupted without the call's start earlier in that chain is refused; another room's terminal raises an alarm too", async () => {
    const prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const [cut, done] = [
      await insertVisit(store.app.ctx.db, {
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        date: '2026-03-02',
        startTime: '08:50',
      }),
      await insertVisit(store.app.ctx.db, {
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        date: '2026-03-02',
        startTime: '08:55',
      }),
    ];
    await pushEntry(prison, 'call.interrupted', { visitId: cut, outcome: 'interrupted', reason: '网络故障' });
    // A start recorded after the end does not count.
    await pushEntry(prison, 'call.completed', { visitId: done, outcome: 'completed', reason: '' });
    await pushEntry(prison, 'call.started', { visitId: done, side: 'inmate', allowedMs: 1_800_000 });
    for (const id of [cut, done]) {
      expect(await visit(id)).toMatchObject({ status: 'scheduled' });
      expect(await alarmsOf(id)).toEqual([expect.objectContaining({ code: 'CALL_NOT_STARTED', terminal_id: prison.terminalId })]);
    }
    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    await pushEntry(other, 'call.started', { visitId: cut, side: 'inmate', allowedMs: 1_800_000 });
    await pushEntry(other, 'call.interrupted', { visitId: cut, outcome: 'interrupted', reason: '网络故障' });
    expect(await visit(cut)).toMatchObject({ status: 'scheduled' });
    expect(await alarmsOf(cut)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'NOT_A_ROOM_OF_VISIT', terminal_id: other.terminalId })]),
    );
  });
});
