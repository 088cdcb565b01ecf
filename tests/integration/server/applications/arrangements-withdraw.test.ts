// Issue 25 items 1 and 5 against the real store, both engines: the visit's language(s) on
// the application (R23.1), a prison's own arrangements under R14.2's ceiling used by the
// rules (R14.2, R14.3) and the slot grid, and the applicant's withdrawal at any step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal } from '../../../../harness/store/sync-helpers';
import { action, atPrisonDecision, count, createInmate, relative, startOn, submit } from './fixtures';
import type { Chain } from './fixtures';

const YI = [{ kind: 'minority', name: '彝语' }];
/** Monday 12 October 2026; the 17th is a Saturday. */
const TODAY = '2026-10-12';

describe.each(ENGINES)('prisons’ arrangements, visit languages and withdrawal [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let c: Chain;
  beforeAll(async () => {
    ({ store, w } = await startOn(engine, TODAY));
    c = { store, w };
  });
  afterAll(async () => {
    await store?.stop();
  });

  const arrangements = (token: string, body?: Record<string, unknown>, prisonId = w.prisonA.id) =>
    store.call(body ? 'PUT' : 'GET', `/api/prisons/${prisonId}/arrangements`, body ? { token, body } : { token });
  const strict = {
    adult: { visitsPerMonth: 1, maxMinutes: 20, maxVisitors: 2 },
    juvenile: { visitsPerMonth: 2, maxMinutes: 45, maxVisitors: 3 },
    visitingHours: [{ start: '09:00', end: '11:00' }],
    visitingDays: [1, 2, 3, 4, 5],
    rooms: [] as unknown[],
  };

  it('R23.1 the language recorded at application is kept, noted by the rules and refused when malformed', async () => {
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '语一');
    const app = await submit(c, w.tokens.bureauAReviewer, {
      inmateId: inmate,
      applicants: [relative('语一母', '1960-02-02')],
      languages: YI,
    });
    expect(app).toMatchObject({ languages: YI, interpreterRequired: true });
    const r231 = app.decision.applied.find((a: { id: string }) => a.id === 'R23.1');
    expect(r231).toMatchObject({ result: 'passed', detail: '使用彝语，会见当日须有翻译人员在场并登记' });
    const plain = await submit(c, w.tokens.bureauAReviewer, {
      inmateId: inmate,
      applicants: [relative('语一父', '1958-02-02', 'father')],
    });
    expect(plain).toMatchObject({ languages: [{ kind: 'mandarin' }], interpreterRequired: false });

    const before = await count(store, 'applications');
    for (const languages of [
      [{ kind: 'minority', name: '彝语1<script>' }],
      [],
      [{ kind: 'sign' }, { kind: 'sign' }],
      [{ kind: 'klingon' }],
    ]) {
      const res = await store.call('POST', '/api/applications', {
        token: w.tokens.bureauAReviewer,
        body: { form: 'form-2', inmateId: inmate, applicants: [relative('语一母', '1960-02-02')], languages },
      });
      expect(res.status, JSON.stringify(languages)).toBe(400);
      expect(JSON.stringify(res.body.error)).toMatch(/语言|languages/);
    }
    expect(await count(store, 'applications')).toBe(before);
  });

  it('R14.2 a prison may only be stricter than the regulation: looser adult limits are refused and nothing changes', async () => {
    const initial = await arrangements(w.tokens.prisonAAdmin);
    expect(initial.status).toBe(200);
    expect(initial.body).toMatchObject({ adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 }, updatedAt: null });
    for (const [adult, field] of [
      [{ visitsPerMonth: 2, maxMinutes: 30, maxVisitors: 3 }, 'visitsPerMonth'],
      [{ visitsPerMonth: 1, maxMinutes: 31, maxVisitors: 3 }, 'maxMinutes'],
      [{ visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 4 }, 'maxVisitors'],
    ] as const) {
      const res = await arrangements(w.tokens.prisonAAdmin, {
        ...strict,
        adult,
        juvenile: { visitsPerMonth: 2, maxMinutes: 60, maxVisitors: 3 },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.error)).toContain('R14.2');
      expect(JSON.stringify(res.body.error)).toContain(field);
    }
    // Juveniles: more visits and time, never fewer than adults nor more visitors (R14.2).
    const fewer = await arrangements(w.tokens.prisonAAdmin, {
      ...strict,
      juvenile: { visitsPerMonth: 1, maxMinutes: 10, maxVisitors: 2 },
    });
    expect(fewer.status).toBe(400);
    const crowd = await arrangements(w.tokens.prisonAAdmin, {
      ...strict,
      juvenile: { visitsPerMonth: 2, maxMinutes: 45, maxVisitors: 4 },
    });
    expect(crowd.status).toBe(400);
    const backwards = await arrangements(w.tokens.prisonAAdmin, { ...strict, visitingHours: [{ start: '11:00', end: '09:00' }] });
    expect(backwards.status).toBe(400);
    expect((await arrangements(w.tokens.prisonAAdmin)).body).toEqual(initial.body);
  });

  it('only the prison’s or the province’s administrators set them; others are refused', async () => {
    expect((await arrangements(w.tokens.bureauAAdmin, strict)).status).toBe(404);
    expect((await arrangements(w.tokens.prisonBAdmin, strict)).status).toBe(404);
    expect((await arrangements(w.tokens.wardA1Admin, strict)).status).toBe(404); // a ward's scope does not hold its prison
    expect((await arrangements(w.tokens.prisonAReviewer, strict)).status).toBe(403);
    // A room of another prison is not this prison's to arrange.
    const foreign = await arrangements(w.tokens.prisonAAdmin, {
      ...strict,
      rooms: [{ roomId: w.prisonB.roomId, visitingHours: [{ start: '14:00', end: '16:00' }], visitingDays: [] }],
    });
    expect(foreign.status).toBe(400);
    expect((await arrangements(w.tokens.prisonAAdmin)).body.updatedAt).toBeNull();
  });

  it('R14.2 R14.3 the prison’s stricter limits, hours and days bind the approval; the slot grid follows them', async () => {
    const set = await arrangements(w.tokens.prisonAAdmin, strict);
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ adult: strict.adult, visitingDays: [1, 2, 3, 4, 5], updatedBy: 'prison-a-admin' });
    expect(set.body.rooms.map((r: { roomId: string }) => r.roomId)).toContain(w.prisonA.roomId);

    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '限一');
    const id = await atPrisonDecision(c, inmate, [relative('限一母', '1961-03-03')]);
    const slot = { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId };
    const approve = (body: Record<string, unknown>) =>
      store.call('POST', `/api/applications/${id}/approve`, { token: w.tokens.prisonAReviewer, body: { ...slot, ...body } });
    const long = await approve({ date: '2026-10-20', start: '09:00', minutes: 30 });
    expect(long.status).toBe(409);
    expect(long.body.error.message).toContain('20分钟');
    expect(long.body.error.issues.map((i: { path: string }) => i.path)).toContain('R14.2');
    const late = await approve({ date: '2026-10-20', start: '14:30', minutes: 20 });
    expect(late.status).toBe(409);
    expect(late.body.error.issues.map((i: { path: string }) => i.path)).toContain('R14.3');
    const saturday = await approve({ date: '2026-10-24', start: '09:00', minutes: 20 });
    expect(saturday.status).toBe(409);
    expect(JSON.stringify(saturday.body.error)).toContain('R14.3');

    const slots = await store.call(
      'GET',
      `/api/slots?date=2026-10-20&roomId=${slot.roomId}&remoteRoomId=${slot.remoteRoomId}&minutes=20`,
      {
        token: w.tokens.prisonAReviewer,
      },
    );
    expect(slots.status).toBe(200);
    expect(slots.body.hours).toMatchObject({ source: 'prison', windows: [{ start: '09:00', end: '11:00' }] });
    expect(slots.body.slots.map((s: { start: string }) => s.start)).toEqual([
      '09:00',
      '09:20',
      '09:40',
      '10:00',
      '10:20',
      '10:40',
    ]);
    const closed = await store.call(
      'GET',
      `/api/slots?date=2026-10-24&roomId=${slot.roomId}&remoteRoomId=${slot.remoteRoomId}&minutes=20`,
      {
        token: w.tokens.prisonAReviewer,
      },
    );
    expect(closed.body.slots).toEqual([]);
    expect(closed.body.closed).toContain('星期六');

    // The room's own hours win over the prison's, in the grid and in the rules.
    const roomHours = await arrangements(w.tokens.prisonAAdmin, {
      ...strict,
      rooms: [{ roomId: w.prisonA.roomId, visitingHours: [{ start: '14:00', end: '15:00' }], visitingDays: [] }],
    });
    expect(roomHours.status).toBe(200);
    const afternoon = await store.call(
      'GET',
      `/api/slots?date=2026-10-20&roomId=${slot.roomId}&remoteRoomId=${slot.remoteRoomId}&minutes=20`,
      {
        token: w.tokens.prisonAReviewer,
      },
    );
    expect(afternoon.body.hours.source).toBe('room');
    expect(afternoon.body.slots.map((s: { start: string }) => s.start)).toEqual(['14:00', '14:20', '14:40']);
    expect((await approve({ date: '2026-10-20', start: '09:00', minutes: 20 })).status).toBe(409);
    const ok = await approve({ date: '2026-10-20', start: '14:00', minutes: 20 });
    expect(ok.status).toBe(200);
    expect(ok.body.decision.limits).toMatchObject({ maxMinutes: 20, maxVisitors: 2 });
    // The rooms' terminals get the prison's stricter visitor limit with the visit (R14.2 at check-in).
    const terminal = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const feed = await store.call('GET', '/api/sync/visits', { token: terminal.token });
    const pulled = feed.body.visits.find((v: { id: string }) => v.id === ok.body.visits[0].id);
    expect(pulled).toMatchObject({ maxVisitors: 2, languages: [{ kind: 'mandarin' }], interpreterRequired: false });
    // Back to R14.2 as written for the other tests.
    await arrangements(w.tokens.prisonAAdmin, {
      adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
      juvenile: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
      visitingHours: [],
      visitingDays: [],
      rooms: [],
    });
  });

  it('withdrawal at a review step: recorded as a step, the application leaves the queues', async () => {
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '撤一');
    const app = await submit(c, w.tokens.bureauAReviewer, { inmateId: inmate, applicants: [relative('撤一母', '1962-04-04')] });
    const queued = async () =>
      (
        (await store.call('GET', '/api/review-queue', { token: w.tokens.bureauAReviewer })).body as {
          application: { id: string };
        }[]
      ).some((q) => q.application.id === app.id);
    expect(await queued()).toBe(true);
    const before = await count(store, 'review_steps');
    const empty = await store.call('POST', `/api/applications/${app.id}/withdraw`, {
      token: w.tokens.bureauAReviewer,
      body: { reason: ' ' },
    });
    expect(empty.status).toBe(400);
    const province = await store.call('POST', `/api/applications/${app.id}/withdraw`, {
      token: w.tokens.provinceAdmin,
      body: { reason: '家中有事' },
    });
    expect(province.status).toBe(403);
    const other = await store.call('POST', `/api/applications/${app.id}/withdraw`, {
      token: w.tokens.bureauBAdmin,
      body: { reason: '家中有事' },
    });
    expect(other.status).toBe(404);
    expect(await count(store, 'review_steps')).toBe(before);

    const done = await action(c, w.tokens.bureauAReviewer, app.id, 'withdraw', { reason: '家中有事，不再会见' });
    expect(done).toMatchObject({ status: 'withdrawn', withdrawal: { reason: '家中有事，不再会见' } });
    expect(done.steps.map((s: { kind: string; outcome: string }) => [s.kind, s.outcome])).toEqual([
      ['bureau-review', 'withdrawn'],
      ['withdrawal', 'withdrawn'],
    ]);
    expect(done.steps[1]).toMatchObject({ label: '申请人撤回申请', reason: '家中有事，不再会见' });
    expect(await queued()).toBe(false);
    const again = await store.call('POST', `/api/applications/${app.id}/withdraw`, {
      token: w.tokens.bureauAReviewer,
      body: { reason: '再撤' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该申请已撤回');
    const forward = await store.call('POST', `/api/applications/${app.id}/forward`, {
      token: w.tokens.bureauAReviewer,
      body: {},
    });
    expect(forward.status).toBe(409);
  });

  it('withdrawal after approval cancels the booked visit and bumps its change sequence (the terminals drop it)', async () => {
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '撤二');
    const id = await atPrisonDecision(c, inmate, [relative('撤二母', '1963-05-05')]);
    const approved = await action(c, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-21',
      start: '10:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    const visit = approved.visits[0];
    const withdrawn = await action(c, w.tokens.prisonAReviewer, id, 'withdraw', { reason: '罪犯本人不愿会见' });
    expect(withdrawn.visits[0]).toMatchObject({ id: visit.id, status: 'cancelled' });
    expect(withdrawn.visits[0].updatedSeq).toBeGreaterThan(visit.updatedSeq);
    expect(withdrawn.steps.at(-1)).toMatchObject({ kind: 'withdrawal', detail: { cancelledVisitIds: [visit.id] } });
    // The slot is free again.
    const other = await atPrisonDecision(c, await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '撤三'), [
      relative('撤三母', '1964-06-06'),
    ]);
    await action(c, w.tokens.prisonAReviewer, other, 'approve', {
      date: '2026-10-21',
      start: '10:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
  });
});
