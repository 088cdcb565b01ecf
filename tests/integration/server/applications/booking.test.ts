// Booking both rooms and the inmate without double booking; R18.1 priority
// rescheduling; R14.3 warden exceptions lifting exactly their limit. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import { expectCreated } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { action, atPrisonDecision, count, createInmate, lawyer, relative, startOn } from './fixtures';
import type { Chain } from './fixtures';

describe.each(ENGINES)('scheduling visits [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let c: Chain;
  let secondPrisonRoom: string;
  let inmate1: string;
  let inmate2: string;
  let firstVisit: string;

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-10-12'));
    c = { store, w };
    secondPrisonRoom = (
      await expectCreated(
        store.call('POST', '/api/rooms', {
          token: w.tokens.provinceAdmin,
          body: { organisationId: w.prisonA.id, name: '二号会见室' },
        }),
      )
    ).id;
    inmate1 = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '甲一');
    inmate2 = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '甲二');
    const id = await atPrisonDecision(c, inmate1, [relative('甲一母', '1960-01-01')]);
    const app = await action(c, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-20',
      start: '09:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    firstVisit = app.visits[0].id;
  });
  afterAll(async () => {
    await store?.stop();
  });

  const snapshot = () => Promise.all([count(store, 'visits'), count(store, 'review_steps')]);
  const approve = (id: string, body: Record<string, unknown>) =>
    store.call('POST', `/api/applications/${id}/approve`, { token: w.tokens.prisonAReviewer, body });

  it('R8.3 a room cannot be double-booked: the same prison room in an overlapping slot is refused (409) and nothing is written', async () => {
    const id = await atPrisonDecision(c, inmate2, [relative('甲二母', '1961-01-01')]);
    const before = await snapshot();
    const res = await approve(id, {
      date: '2026-10-20',
      start: '09:15',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.roomId', 'body.remoteRoomId']);
    // The other (bureau) room alone.
    const remote = await approve(id, {
      date: '2026-10-20',
      start: '09:15',
      minutes: 30,
      roomId: secondPrisonRoom,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(remote.status).toBe(409);
    expect(remote.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.remoteRoomId']);
    expect(await snapshot()).toEqual(before);
    const app = (await store.call('GET', `/api/applications/${id}`, { token: w.tokens.prisonAReviewer })).body;
    expect(app).toMatchObject({ status: 'prison-decision', outcome: null, visits: [] });
    // Back to back is fine: 09:30 starts when 09:00–09:30 ends.
    const ok = await approve(id, {
      date: '2026-10-20',
      start: '09:30',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(ok.status).toBe(200);
  });

  it('R34.1 an inmate cannot be in two visits at once, even a special one in other rooms (409, nothing written)', async () => {
    const id = await atPrisonDecision(c, inmate1, [lawyer('律师甲', '1980-06-06')]);
    const before = await snapshot();
    const res = await approve(id, {
      date: '2026-10-20',
      start: '09:10',
      minutes: 30,
      roomId: secondPrisonRoom,
      remoteRoomId: await officeRoom(),
    });
    expect(res.status).toBe(409);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['body.start']);
    expect(await snapshot()).toEqual(before);
    const ok = await approve(id, {
      date: '2026-10-20',
      start: '10:00',
      minutes: 30,
      roomId: secondPrisonRoom,
      remoteRoomId: await officeRoom(),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.decision).toMatchObject({ outcome: 'allowed', category: 'special' });
  });

  let officeRoomId: string | null = null;
  async function officeRoom(): Promise<string> {
    officeRoomId ??= (
      await expectCreated(
        store.call('POST', '/api/rooms', {
          token: w.tokens.provinceAdmin,
          body: { organisationId: w.bureauA.officeId, name: '司法所会见室' },
        }),
      )
    ).id;
    return officeRoomId;
  }

  it('R8.3 two approvals racing for the same slot: exactly one books it', async () => {
    const inmate3 = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '甲三');
    const inmate4 = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '甲四');
    const a = await atPrisonDecision(c, inmate3, [relative('甲三母', '1962-01-01')]);
    const b = await atPrisonDecision(c, inmate4, [relative('甲四母', '1963-01-01')]);
    const slot = { date: '2026-10-21', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId };
    const results = await Promise.all([approve(a, { ...slot, start: '14:30' }), approve(b, { ...slot, start: '14:45' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const visits = (await store.call('GET', '/api/visits?date=2026-10-21', { token: w.tokens.prisonAAdmin })).body as unknown[];
    expect(visits).toHaveLength(1);
  });

  it('R18.1 an interrupted visit is listed first, rescheduled with priority, and not counted', async () => {
    const list = async () =>
      (await store.call('GET', '/api/visits?from=2026-10-01&to=2026-10-31', { token: w.tokens.prisonAAdmin })).body as {
        id: string;
        status: string;
        awaitingReschedule: boolean;
        date: string;
        start: string;
      }[];
    const second = (await list()).find((v) => v.date === '2026-10-20' && v.start === '09:30');
    expect(second).toBeDefined();
    const secondId = second?.id ?? '';
    // Only the two sites of the visit record its outcome; interruption needs a reason.
    expect(
      (
        await store.call('POST', `/api/visits/${secondId}/status`, {
          token: w.tokens.bureauBAdmin,
          body: { status: 'interrupted', reason: '网络故障' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await store.call('POST', `/api/visits/${secondId}/status`, {
          token: w.tokens.prisonAAdmin,
          body: { status: 'interrupted' },
        })
      ).status,
    ).toBe(400);
    const seqBefore = (await store.call('GET', `/api/visits/${secondId}`, { token: w.tokens.prisonAAdmin })).body
      .updatedSeq as number;
    const interrupted = await store.call('POST', `/api/visits/${secondId}/status`, {
      token: w.tokens.bureauAAdmin,
      body: { status: 'interrupted', reason: '网络中断无法及时恢复' },
    });
    expect(interrupted.status).toBe(200);
    expect(interrupted.body).toMatchObject({ status: 'interrupted', awaitingReschedule: true });
    expect(interrupted.body.updatedSeq).toBeGreaterThan(seqBefore);

    // The priority entry comes first although an earlier visit exists.
    const listed = await list();
    expect(listed[0]).toMatchObject({ id: secondId, awaitingReschedule: true });
    expect(listed.some((v) => v.id === firstVisit)).toBe(true);

    const res = await store.call('POST', `/api/visits/${secondId}/reschedule`, {
      token: w.tokens.prisonAReviewer,
      body: { date: '2026-10-27', start: '09:00', minutes: 30 },
    });
    expect(res.status).toBe(200);
    expect(res.body.visit).toMatchObject({
      date: '2026-10-27',
      start: '09:00',
      status: 'scheduled',
      priorityRescheduleOf: secondId,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(res.body.decision.applied).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'R18.1', result: 'passed' }),
        expect.objectContaining({ id: 'R14.2', result: 'not-applicable' }),
      ]),
    );
    expect(res.body.decision.limits).toMatchObject({ visitsUsedThisMonth: 0 });
    expect((await list()).find((v) => v.id === secondId)).toMatchObject({ awaitingReschedule: false });
    // Once only.
    expect(
      (
        await store.call('POST', `/api/visits/${secondId}/reschedule`, {
          token: w.tokens.prisonAReviewer,
          body: { date: '2026-10-28', start: '09:00', minutes: 30 },
        })
      ).status,
    ).toBe(409);

    // Not counted: the same inmate still has October's family visit.
    const again = await atPrisonDecision(c, inmate2, [relative('甲二母', '1961-01-01')]);
    const approved = await approve(again, {
      date: '2026-10-29',
      start: '09:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(approved.status).toBe(200);
    // …and then the month is used up (R14.2).
    const third = await atPrisonDecision(c, inmate2, [relative('甲二母', '1961-01-01')]);
    const refused = await approve(third, {
      date: '2026-10-30',
      start: '09:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['R14.2']);
  });

  it('R9.3 a scheduled visit moved to another time keeps its id, gets a new sequence number, and is checked for clashes', async () => {
    const before = (await store.call('GET', `/api/visits/${firstVisit}`, { token: w.tokens.prisonAAdmin })).body;
    const clash = await store.call('POST', `/api/visits/${firstVisit}/reschedule`, {
      token: w.tokens.prisonAReviewer,
      body: { date: '2026-10-27', start: '09:15', minutes: 30 },
    });
    expect(clash.status).toBe(409);
    const moved = await store.call('POST', `/api/visits/${firstVisit}/reschedule`, {
      token: w.tokens.prisonAReviewer,
      body: { date: '2026-10-20', start: '11:00', minutes: 30 },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.visit).toMatchObject({ id: firstVisit, date: '2026-10-20', start: '11:00', priorityRescheduleOf: null });
    expect(moved.body.visit.updatedSeq).toBeGreaterThan(before.updatedSeq);
    // The bureau cannot move the prison's arrangement.
    expect(
      (
        await store.call('POST', `/api/visits/${firstVisit}/reschedule`, {
          token: w.tokens.bureauAAdmin,
          body: { date: '2026-10-20', start: '11:30', minutes: 30 },
        })
      ).status,
    ).toBe(403);
  });

  it("R14.3 a warden's exception lifts exactly its own limit, for that inmate and date", async () => {
    const inmate5 = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '甲五');
    const four = [
      relative('甲五母', '1960-02-02'),
      relative('甲五父', '1958-02-02', 'father', '124'),
      relative('甲五妻', '1988-02-02', 'spouse', '125'),
      relative('甲五子', '2008-02-02', 'son', '126'),
    ];
    const id = await atPrisonDecision(c, inmate5, four, { date: '2026-10-22', minutes: 45 });
    const slot = { date: '2026-10-22', start: '09:00', minutes: 45, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId };
    const paths = (res: { body: { error: { issues: { path: string }[] } } }) => res.body.error.issues.map((i) => i.path);

    const first = await approve(id, slot);
    expect(first.status).toBe(409);
    expect(paths(first)).toEqual(['R14.2']);
    expect(first.body.error.message).toContain('30分钟');

    // Only the warden approves (R14.3), and only at the inmate's prison.
    const exception = { lifts: 'duration', visitDate: '2026-10-22', maxMinutes: 45, reason: '家属远道而来，母亲病重' };
    expect(
      (await store.call('POST', `/api/applications/${id}/exceptions`, { token: w.tokens.prisonAAdmin, body: exception })).status,
    ).toBe(403);
    const badException = await store.call('POST', `/api/applications/${id}/exceptions`, {
      token: w.tokens.prisonAWarden,
      body: { lifts: 'duration', visitDate: '2026-10-22', reason: '无' },
    });
    expect(badException.status).toBe(400);
    expect(badException.body.error.issues[0].path).toBe('body.maxMinutes');
    const granted = await store.call('POST', `/api/applications/${id}/exceptions`, {
      token: w.tokens.prisonAWarden,
      body: exception,
    });
    expect(granted.status).toBe(201);
    expect(granted.body.exceptions).toEqual([
      expect.objectContaining({
        lifts: 'duration',
        maxMinutes: 45,
        approvedByName: 'prison-a-warden',
        approvedOn: '2026-10-12',
        reason: '家属远道而来，母亲病重',
      }),
    ]);

    // The duration is lifted; the visitor count is not.
    const second = await approve(id, slot);
    expect(second.status).toBe(409);
    expect(paths(second)).toEqual(['R14.2']);
    expect(second.body.error.message).toContain('3人');
    // Lifting the duration to 45 does not allow 60.
    await store.call('POST', `/api/applications/${id}/exceptions`, {
      token: w.tokens.prisonAWarden,
      body: { lifts: 'visitor-count', visitDate: '2026-10-22', maxVisitors: 4, reason: '子女同来' },
    });
    const sixty = await approve(id, { ...slot, minutes: 60 });
    expect(sixty.status).toBe(409);
    expect(paths(sixty)).toContain('R14.3');

    const ok = await approve(id, slot);
    expect(ok.status).toBe(200);
    expect(ok.body.decision.limits).toMatchObject({ maxMinutes: 45, maxVisitors: 4 });
    expect(ok.body.decision.limits.liftedBy).toHaveLength(2);
    expect(ok.body.visits[0]).toMatchObject({ minutes: 45, end: '09:45' });
  });
});
