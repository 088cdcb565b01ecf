// R17.2: a prison terminal's suspension proposal (an entry of its verified audit chain) is
// listed to that prison's desk with the inmate, not to other sites; once a suspension of the
// inmate is decided it leaves the open list and shows which suspension answered it.
// Probe 15.3: only the prison-side terminal of the visit, after its call started, can make
// one; another site's terminal can neither forge one nor push a prison's proposals off its
// list (the chain entries stay in the chain, they are just not proposals, and raise alarms).
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../src-server/db/migrations';
import { ENGINES } from '../../../harness/store/databases';
import { startStore, type TestStore } from '../../../harness/store/store';
import { buildWorld, type World } from '../../../harness/store/world';
import { enrolTerminal, insertVisit, storedEventCount, type EnrolledTerminal } from '../../../harness/store/sync-helpers';
import { ChainPusher } from './sync/chain-pusher';

const proposal = (visitId: string, months = 2) => ({
  kind: 'call.suspensionProposed',
  actor: 'S-WANG',
  payload: {
    visitId,
    requirement: 'R17.2',
    months,
    inmateName: '张建国',
    code: 'R17.1(8)',
    reason: '谈论案情，涉嫌串供、通风报信',
    note: '多次提醒无效',
    operator: '王刚',
    supervisors: ['赵敏'],
  },
});
const started = (visitId: string) => ({ kind: 'call.started', payload: { visitId, side: 'inmate', allowedMs: 1_800_000 } });

describe.each(ENGINES)('R17.2 suspension proposals from the terminals [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let chains: ChainPusher;
  let t: EnrolledTerminal;
  let visitId: string;
  let inmateId: string;
  const list = (token: string, status = 'open') => store.call('GET', `/api/suspension-proposals?status=${status}`, { token });
  const proposalRows = async () =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom('suspension_proposals')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const alarms = () =>
    store.app.ctx.db.selectFrom('alarms').selectAll().where('kind', '=', 'suspension-proposal-refused').execute();

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    chains = new ChainPusher(store);
    t = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    visitId = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '10:00',
      status: 'terminated',
    });
    inmateId = (
      await store.app.ctx.db.selectFrom('visits').select('inmate_id').where('id', '=', visitId).executeTakeFirstOrThrow()
    ).inmate_id;
    // The terminal's chain: the call started, a termination note, then the proposal.
    const res = await chains.push(t, [
      started(visitId),
      { kind: 'call.terminated', actor: 'S-WANG', payload: { visitId, code: 'R17.1(8)' } },
      proposal(visitId),
    ]);
    expect(res.status).toBe(200);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('the prison sees the open proposal with the inmate; other sites see nothing', async () => {
    const res = await list(w.tokens.prisonAAdmin);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        terminalId: t.terminalId,
        seq: 3,
        visitId,
        inmateId,
        months: 2,
        code: 'R17.1(8)',
        note: '多次提醒无效',
        operator: '王刚',
        supervisors: ['赵敏'],
        decidedSuspensionId: null,
      }),
    ]);
    expect((await list(w.tokens.prisonBAdmin)).body).toEqual([]);
    expect((await list(w.tokens.bureauAAdmin)).body).toEqual([]);
  });

  it('bad input is refused, nothing changes', async () => {
    const res = await list(w.tokens.prisonAAdmin, 'maybe');
    expect(res.status).toBe(400);
    expect((await list(w.tokens.prisonAAdmin)).body).toHaveLength(1);
  });

  it("probe 15.3: a terminal of another organisation cannot inject a proposal for a prison's visit; the entry stays in its chain, an alarm is raised", async () => {
    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const before = await proposalRows();
    // Even with a call.started of its own for that visit.
    expect((await chains.push(other, [started(visitId), proposal(visitId, 3)])).status).toBe(200);
    expect(await storedEventCount(store.app.ctx.db, other.terminalId)).toBe(2);
    expect(await proposalRows()).toBe(before);
    expect((await list(w.tokens.prisonAAdmin)).body).toHaveLength(1);
    expect(await alarms()).toEqual([
      expect.objectContaining({
        code: 'NOT_PRISON_SIDE',
        terminal_id: other.terminalId,
        visit_id: visitId,
        organisation_id: w.prisonB.id,
      }),
    ]);
    // The province sees the alarm; prison A does not see prison B's terminals' alarms.
    const province = await store.call('GET', '/api/alarms', { token: w.tokens.provinceAdmin });
    expect(province.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'suspension-proposal-refused', code: 'NOT_PRISON_SIDE', visitId }),
      ]),
    );
    expect((await store.call('GET', '/api/alarms', { token: w.tokens.prisonAAdmin })).body).toEqual([]);
  });

  it("probe 15.3: the relatives' terminal of the visit cannot propose, nor the prison terminal for a visit whose call never started", async () => {
    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const before = await proposalRows();
    expect((await chains.push(bureau, [started(visitId), proposal(visitId)])).status).toBe(200);
    const notStarted = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '14:00',
    });
    expect((await chains.push(t, [proposal(notStarted)])).status).toBe(200);
    expect(await proposalRows()).toBe(before);
    expect((await alarms()).map((a) => a.code)).toEqual(expect.arrayContaining(['NOT_PRISON_SIDE', 'CALL_NOT_STARTED']));
    expect((await list(w.tokens.prisonAAdmin)).body).toHaveLength(1);
  });

  it("probe 15.3: 500 proposals dated 2099 from another site do not push a prison's proposal off its list", async () => {
    const other = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    const theirVisit = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonB.roomId,
      remoteRoomId: w.bureauB.roomId,
      date: '2026-03-02',
      startTime: '10:00',
    });
    const flood = Array.from({ length: 500 }, (_, i) => ({
      ...proposal(i % 2 === 0 ? visitId : theirVisit),
      at: new Date(Date.UTC(2099, 0, 1, 0, 0, i)).toISOString(),
    }));
    expect((await chains.push(other, [started(theirVisit), ...flood])).status).toBe(200);
    const mine = await list(w.tokens.prisonAAdmin);
    expect(mine.body).toEqual([expect.objectContaining({ terminalId: t.terminalId, visitId })]);
    // Prison B's own terminal may propose for its own visit (250 times here): its desk sees them, prison A's does not.
    expect((await list(w.tokens.prisonBAdmin)).body).toHaveLength(250);
  }, 30_000);

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
  it('an installation upgraded with proposals already in its chains gets the same rows, by the same rules (migration 0008 down and up again)', async () => {
    const lists = async () => [(await list(w.tokens.prisonAAdmin, 'all')).body, (await list(w.tokens.prisonBAdmin, 'all')).body];
    const before = await lists();
    expect(before[0]).toHaveLength(1);
    const migrator = new Migrator({ db: store.app.ctx.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
    expect((await migrator.migrateTo('0007-visit-outcome-reasons')).error).toBeUndefined();
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const sorted = (l: unknown[]) =>
      [...(l as { terminalId: string; seq: number }[])].sort((a, b) =>
        `${a.terminalId}${a.seq}`.localeCompare(`${b.terminalId}${b.seq}`),
      );
    const after = await lists();
    expect(sorted(after[0] ?? [])).toEqual(sorted(before[0] ?? []));
    expect(sorted(after[1] ?? [])).toEqual(sorted(before[1] ?? []));
  }, 30_000);
});
