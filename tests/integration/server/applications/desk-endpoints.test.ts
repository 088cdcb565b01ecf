// The store's endpoints added for the desk: the preview runs the
// same checks and decision as receipt and stores nothing (R8.1, R14.1, R35.1);
// the rooms an approval chooses from; the directory of sites; the inmate
// lookup by prison, number and name (R6.1, R8.1); a visit outcome's reason
// code (R16.1, R17.1, R18.1). Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { action, atPrisonDecision, count, createInmate, relative, setToday, startOn } from './fixtures';

describe.each(ENGINES)('desk endpoints [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let inmateId: string;
  let inmateNumber: string;
  const snapshot = () => Promise.all([count(store, 'applications'), count(store, 'applicants'), count(store, 'review_steps')]);

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-10-12'));
    inmateId = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '孙八');
    inmateNumber = (await store.call('GET', `/api/inmates/${inmateId}`, { token: w.tokens.prisonAAdmin })).body.inmateNumber;
  });
  afterAll(async () => {
    await store?.stop();
  });

  const preview = (token: string, body: Record<string, unknown>) =>
    store.call('POST', '/api/applications/preview', { token, body: { form: 'form-2', inmateId, ...body } });

  it('R8.1 R35.1 the preview answers the decision with requirement ids and the first due date, and writes nothing', async () => {
    const before = await snapshot();
    const ok = await preview(w.tokens.officeAReviewer, { applicants: [relative('孙母', '1960-01-01')] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      path: 'relative',
      acceptedToday: true,
      decision: { outcome: 'allowed' },
      firstStep: {
        kind: 'office-first-review',
        requirement: 'R8.2',
        organisationId: w.bureauA.officeId,
        receivedOn: '2026-10-12',
      },
    });
    const noProof = await preview(w.tokens.officeAReviewer, {
      applicants: [{ ...relative('孙母', '1960-01-01'), role: { kind: 'family', relationship: 'mother', proofs: [] } }],
    });
    expect(noProof.body.decision).toMatchObject({ outcome: 'refused', refusedBy: ['R36.1'] });
    expect(await snapshot()).toEqual(before);
  });

  it('R14.1 on a day off the preview says the desk cannot receive it today; receipt is refused; nothing is written', async () => {
    setToday(store, '2026-10-18'); // Sunday
    try {
      const before = await snapshot();
      const res = await preview(w.tokens.bureauAReviewer, { applicants: [relative('孙母', '1960-01-01')] });
      expect(res.status).toBe(200);
      expect(res.body.acceptedToday).toBe(false);
      const submit = await store.call('POST', '/api/applications', {
        token: w.tokens.bureauAReviewer,
        body: { form: 'form-2', inmateId, applicants: [relative('孙母', '1960-01-01')] },
      });
      expect(submit.status).toBe(409);
      expect(submit.body.error.issues[0].path).toBe('R14.1');
      expect(await snapshot()).toEqual(before);
    } finally {
      setToday(store, '2026-10-12');
    }
  });

  it('the preview refuses what receipt refuses: bad input names the field (400), a terminal or another prison is refused, nothing written', async () => {
    const before = await snapshot();
    const bad = await preview(w.tokens.bureauAReviewer, { applicants: [{ ...relative('孙母', '1960-01-01'), phone: 'abc' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'body.applicants.0.phone', message: '电话号码格式不对' }]);
    const form1Elsewhere = await store.call('POST', '/api/applications/preview', {
      token: w.tokens.prisonBAdmin,
      body: { form: 'form-1', inmateId, relativesBureauId: w.bureauA.id, applicants: [relative('孙母', '1960-01-01')] },
    });
    expect(form1Elsewhere.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('R6.1 R8.1 a bureau finds an inmate by prison, number and name together; a partial match finds nothing', async () => {
    const hit = await store.call(
      'GET',
      `/api/inmates/lookup?prisonId=${w.prisonA.id}&inmateNumber=${inmateNumber}&name=${encodeURIComponent('孙八')}`,
      { token: w.tokens.bureauBAdmin },
    );
    expect(hit.status).toBe(200);
    expect(hit.body).toEqual([{ id: inmateId, inmateNumber, name: '孙八', prisonId: w.prisonA.id, prisonName: '甲监狱' }]);
    const wrongName = await store.call(
      'GET',
      `/api/inmates/lookup?prisonId=${w.prisonA.id}&inmateNumber=${inmateNumber}&name=${encodeURIComponent('孙九')}`,
      { token: w.tokens.bureauBAdmin },
    );
    expect(wrongName.body).toEqual([]);
    const missing = await store.call('GET', `/api/inmates/lookup?prisonId=${w.prisonA.id}&inmateNumber=${inmateNumber}`, {
      token: w.tokens.bureauBAdmin,
    });
    expect(missing.status).toBe(400);
    // The full record stays the prison's (404 outside its scope).
    expect((await store.call('GET', `/api/inmates/${inmateId}`, { token: w.tokens.bureauBAdmin })).status).toBe(404);
  });

  it('the directory lists prisons, bureaus and offices for the forms; the rooms of both sides of an application', async () => {
    const sites = await store.call('GET', '/api/directory/sites?kind=bureau', { token: w.tokens.prisonAReviewer });
    expect(sites.body.map((s: { id: string }) => s.id).sort()).toEqual([w.bureauA.id, w.bureauB.id].sort());
    const id = await atPrisonDecision({ store, w }, inmateId, [relative('孙母', '1960-01-01')]);
    const rooms = await store.call('GET', `/api/applications/${id}/rooms`, { token: w.tokens.prisonAReviewer });
    expect(rooms.status).toBe(200);
    expect(rooms.body.prisonRooms.map((r: { id: string }) => r.id)).toEqual([w.prisonA.roomId]);
    expect(rooms.body.partnerRooms.map((r: { id: string }) => r.id)).toEqual([w.bureauA.roomId]);
    // Another bureau cannot see the application, so neither its rooms.
    expect((await store.call('GET', `/api/applications/${id}/rooms`, { token: w.tokens.bureauBAdmin })).status).toBe(404);
  });

  it("R9.3 a scheduled visit moved to another time puts a notification in the relatives' bureau's queue, due in 2 working days", async () => {
    const other = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '吴十');
    const id = await atPrisonDecision({ store, w }, other, [relative('吴母', '1963-01-01', 'mother', '333')]);
    const approved = await action({ store, w }, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-22',
      start: '14:30',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    await action({ store, w }, w.tokens.bureauAReviewer, id, 'notify', { how: 'phone' });
    setToday(store, '2026-10-16'); // a Friday: due the Tuesday after
    try {
      const moved = await store.call('POST', `/api/visits/${approved.visits[0].id}/reschedule`, {
        token: w.tokens.prisonAReviewer,
        body: { date: '2026-10-23', start: '09:00', minutes: 30 },
      });
      expect(moved.status).toBe(200);
      const queue = (await store.call('GET', '/api/review-queue', { token: w.tokens.bureauAReviewer })).body;
      const item = queue.find((q: { application: { id: string } }) => q.application.id === id);
      expect(item.step).toMatchObject({
        kind: 'bureau-notifies-relative',
        receivedOn: '2026-10-16',
        dueOn: '2026-10-20',
        requirementIds: ['R9.3'],
        detail: { change: { from: { date: '2026-10-22', start: '14:30' }, to: { date: '2026-10-23', start: '09:00' } } },
      });
      expect(item.application.status).toBe('bureau-notification');
      const done = await action({ store, w }, w.tokens.bureauAReviewer, id, 'notify', { how: 'sms' });
      expect(done.status).toBe('approved');
      expect(done.steps.at(-1)).toMatchObject({
        requirementIds: ['R9.3'],
        detail: { how: 'sms', change: { to: { date: '2026-10-23' } } },
      });
    } finally {
      setToday(store, '2026-10-12');
    }
  });

  it('R16.1 R17.1 R18.1 a visit outcome keeps its reason code; a termination without a reason or with a code off the list is refused and nothing changes', async () => {
    const other = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '周九');
    const id = await atPrisonDecision({ store, w }, other, [relative('周母', '1961-01-01', 'mother', '222')]);
    const app = await action({ store, w }, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-21',
      start: '14:30',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    const visitId = app.visits[0].id as string;
    const status = (body: Record<string, unknown>) =>
      store.call('POST', `/api/visits/${visitId}/status`, { token: w.tokens.prisonAReviewer, body });
    const noReason = await status({ status: 'terminated' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues[0].path).toBe('body.reason');
    const offList = await status({ status: 'terminated', reasonCode: 'R99.9' });
    expect(offList.status).toBe(400);
    expect(offList.body.error.issues[0]).toEqual({
      path: 'body.reasonCode',
      message: '原因代码不在规定的列表中（R17.1 各项、R18.1 或 other）',
    });
    const interruptionCode = await status({ status: 'terminated', reasonCode: 'R18.1' });
    expect(interruptionCode.status).toBe(400);
    expect((await store.call('GET', `/api/visits/${visitId}`, { token: w.tokens.prisonAReviewer })).body).toMatchObject({
      status: 'scheduled',
      outcomeCode: null,
    });
    const done = await status({ status: 'terminated', reasonCode: 'R17.1(2)' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'terminated', outcomeCode: 'R17.1(2)', outcomeReason: null });
  });
});
