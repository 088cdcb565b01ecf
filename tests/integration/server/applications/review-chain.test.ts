// The review chain with working-day due dates across National Day 2026
// (holiday 10-01..10-07; 10-10 is an adjusted working Saturday), on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import type { World } from '../../../../harness/store/world';
import { action, count, createInmate, relative, setToday, startOn, submit } from './fixtures';
import { residentId } from '../../../../harness/store/world';
import type { Chain } from './fixtures';

describe.each(ENGINES)('applications and the review chain [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let c: Chain;
  let inmateA: string;

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-09-30'));
    c = { store, w };
    inmateA = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '李四');
  });
  afterAll(async () => {
    await store?.stop();
  });

  const stepsOf = (app: { steps: Record<string, unknown>[] }) =>
    app.steps.map((s) => ({
      kind: s['kind'],
      organisationId: s['organisationId'],
      receivedOn: s['receivedOn'],
      dueOn: s['dueOn'],
      overdue: s['overdue'],
      outcome: s['outcome'],
    }));

  it('R8.2 R8.3 R8.4 R14.1 Form 2: office → bureau → prison approves with a slot → bureau notifies, due dates across National Day 2026', async () => {
    setToday(store, '2026-09-30');
    const created = await submit(c, w.tokens.officeAReviewer, {
      inmateId: inmateA,
      applicants: [relative('王母亲', '1960-03-03')],
      preferred: { date: '2026-10-20' },
    });
    expect(created).toMatchObject({
      form: 'form-2',
      channel: 'desk',
      path: 'relative',
      status: 'office-review',
      organisationId: w.bureauA.officeId,
      partnerId: w.bureauA.id,
      prisonId: w.prisonA.id,
      receivedOn: '2026-09-30',
    });
    expect(created.decision).toMatchObject({ outcome: 'allowed', category: 'family' });
    // R8.2: received Wed 09-30, two working days → 10-08, 10-09 (the holiday does not count).
    expect(stepsOf(created)).toEqual([
      {
        kind: 'office-first-review',
        organisationId: w.bureauA.officeId,
        receivedOn: '2026-09-30',
        dueOn: '2026-10-09',
        overdue: false,
        outcome: null,
      },
    ]);
    const id: string = created.id;

    // The office's queue and its bureau's show it with the due date; the prison's does not.
    const officeQueue = (await store.call('GET', '/api/review-queue', { token: w.tokens.officeAReviewer })).body as {
      step: { dueOn: string };
      application: { id: string };
    }[];
    expect(officeQueue.map((i) => [i.application.id, i.step.dueOn])).toEqual([[id, '2026-10-09']]);
    expect(((await store.call('GET', '/api/review-queue', { token: w.tokens.bureauAReviewer })).body as unknown[]).length).toBe(
      1,
    );
    expect((await store.call('GET', '/api/review-queue', { token: w.tokens.prisonAReviewer })).body).toEqual([]);

    // The bureau cannot decide for the prison, and the prison cannot skip the bureau.
    expect(
      (
        await store.call('POST', `/api/applications/${id}/approve`, {
          token: w.tokens.prisonAReviewer,
          body: { date: '2026-10-20', start: '09:00', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId },
        })
      ).status,
    ).toBe(409);

    // R8.2: forwarded Fri 10-09 → the bureau's 2 working days are Sat 10-10 (adjusted working day) and Mon 10-12.
    setToday(store, '2026-10-09');
    let app = await action(c, w.tokens.officeAReviewer, id, 'forward');
    expect(app.status).toBe('bureau-review');
    expect(stepsOf(app)[1]).toEqual({
      kind: 'bureau-review',
      organisationId: w.bureauA.id,
      receivedOn: '2026-10-09',
      dueOn: '2026-10-12',
      overdue: false,
      outcome: null,
    });

    // Tue 10-13: the bureau's step is overdue, first in its queue.
    setToday(store, '2026-10-13');
    const queue = (await store.call('GET', '/api/review-queue', { token: w.tokens.bureauAReviewer })).body as {
      step: { kind: string; dueOn: string; overdue: boolean };
    }[];
    expect(queue[0]?.step).toMatchObject({ kind: 'bureau-review', dueOn: '2026-10-12', overdue: true });

    // R8.3: forwarded 10-13 → the prison decides within 5 working days: 10-14, 15, 16, 19, 20.
    app = await action(c, w.tokens.bureauAReviewer, id, 'forward');
    expect(app.status).toBe('prison-decision');
    expect(stepsOf(app)[1]).toMatchObject({ outcome: 'forwarded', overdue: true }); // done a day late, and it shows
    expect(stepsOf(app)[2]).toEqual({
      kind: 'prison-decision',
      organisationId: w.prisonA.id,
      receivedOn: '2026-10-13',
      dueOn: '2026-10-20',
      overdue: false,
      outcome: null,
    });

    // Free slots of both rooms, then approval with a slot creates the visit.
    setToday(store, '2026-10-16');
    const slotsBefore = await store.call(
      'GET',
      `/api/slots?date=2026-10-20&roomId=${w.prisonA.roomId}&remoteRoomId=${w.bureauA.roomId}`,
      { token: w.tokens.prisonAReviewer },
    );
    expect(slotsBefore.status).toBe(200);
    expect(slotsBefore.body.slots[0]).toEqual({ start: '09:00', end: '09:30', roomFree: true, remoteRoomFree: true, free: true });
    app = await action(c, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-20',
      start: '09:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    expect(app).toMatchObject({ status: 'bureau-notification', outcome: 'approved' });
    expect(app.decision).toMatchObject({
      outcome: 'allowed',
      limits: { maxMinutes: 30, maxVisitors: 3, visitsPerMonth: 1, visitsLeftThisMonth: 0 },
    });
    expect(app.visits).toEqual([
      expect.objectContaining({
        date: '2026-10-20',
        start: '09:00',
        end: '09:30',
        minutes: 30,
        status: 'scheduled',
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
        priorityRescheduleOf: null,
      }),
    ]);
    // R8.4: decided Fri 10-16 → the bureau tells the relative by Tue 10-20.
    expect(stepsOf(app)[3]).toEqual({
      kind: 'bureau-notifies-relative',
      organisationId: w.bureauA.id,
      receivedOn: '2026-10-16',
      dueOn: '2026-10-20',
      overdue: false,
      outcome: null,
    });
    const slotsAfter = await store.call(
      'GET',
      `/api/slots?date=2026-10-20&roomId=${w.prisonA.roomId}&remoteRoomId=${w.bureauA.roomId}`,
      { token: w.tokens.bureauAReviewer },
    );
    expect(slotsAfter.body.slots[0]).toMatchObject({ start: '09:00', roomFree: false, remoteRoomFree: false, free: false });
    expect(slotsAfter.body.slots[1]).toMatchObject({ start: '09:30', free: true });

    // R8.4 through the office that did the first review: how and when.
    setToday(store, '2026-10-19');
    app = await action(c, w.tokens.officeAReviewer, id, 'notify', { how: 'phone', at: '2026-10-19T02:30:00.000Z' });
    expect(app).toMatchObject({ status: 'approved', outcome: 'approved', refusal: null });
    expect(app.steps[3]).toMatchObject({
      outcome: 'notified',
      detail: { how: 'phone', at: '2026-10-19T02:30:00.000Z' },
      overdue: false,
    });
    expect(app.steps.map((s: { position?: number; kind: string }) => s.kind)).toEqual([
      'office-first-review',
      'bureau-review',
      'prison-decision',
      'bureau-notifies-relative',
    ]);
    // The chain is over: nothing more to do, nothing left in any queue.
    expect(
      (await store.call('POST', `/api/applications/${id}/notify`, { token: w.tokens.bureauAReviewer, body: { how: 'sms' } }))
        .status,
    ).toBe(409);
    expect((await store.call('GET', '/api/review-queue', { token: w.tokens.provinceAdmin })).body).toEqual([]);
  });

  it("R9.1 R9.2 R9.3 Form 1: the prison decides, the relatives' bureau notifies and replies, the prison informs the inmate", async () => {
    setToday(store, '2026-10-08');
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '赵五');
    // R9.1 without the relatives' bureau: named field.
    const missing = await store.call('POST', '/api/applications', {
      token: w.tokens.prisonAReviewer,
      body: { form: 'form-1', inmateId: inmate, applicants: [relative('赵妻', '1988-05-05', 'spouse')] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('body.relativesBureauId');

    const created = await submit(c, w.tokens.prisonAReviewer, {
      form: 'form-1',
      inmateId: inmate,
      relativesBureauId: w.bureauA.id,
      applicants: [relative('赵妻', '1988-05-05', 'spouse')],
    });
    expect(created).toMatchObject({
      form: 'form-1',
      path: 'inmate',
      status: 'prison-decision',
      organisationId: w.prisonA.id,
      partnerId: w.bureauA.id,
    });
    // R9.1: Thu 10-08 + 5 working days: 10-09, 10 (Sat, adjusted), 12, 13, 14.
    expect(stepsOf(created)).toEqual([
      {
        kind: 'prison-decision-inmate-application',
        organisationId: w.prisonA.id,
        receivedOn: '2026-10-08',
        dueOn: '2026-10-14',
        overdue: false,
        outcome: null,
      },
    ]);
    const id: string = created.id;

    setToday(store, '2026-10-09');
    let app = await action(c, w.tokens.prisonAReviewer, id, 'approve', {
      date: '2026-10-22',
      start: '10:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    // R9.2: Fri 10-09 + 2 → 10-10 (Sat, adjusted), 10-12.
    expect(app.status).toBe('bureau-notification');
    expect(stepsOf(app)[1]).toEqual({
      kind: 'bureau-notifies-and-replies',
      organisationId: w.bureauA.id,
      receivedOn: '2026-10-09',
      dueOn: '2026-10-12',
      overdue: false,
      outcome: null,
    });
    // Another bureau neither sees nor answers it.
    expect(
      (
        await store.call('POST', `/api/applications/${id}/consent`, {
          token: w.tokens.bureauBAdmin,
          body: { agreed: true, how: 'phone' },
        })
      ).status,
    ).toBe(404);

    setToday(store, '2026-10-12');
    app = await action(c, w.tokens.bureauAReviewer, id, 'consent', { agreed: true, how: 'in-person' });
    // R9.3: Mon 10-12 + 2 → 10-14.
    expect(app.status).toBe('inmate-notification');
    expect(stepsOf(app)[2]).toEqual({
      kind: 'prison-notifies-inmate',
      organisationId: w.prisonA.id,
      receivedOn: '2026-10-12',
      dueOn: '2026-10-14',
      overdue: false,
      outcome: null,
    });
    expect(app.steps[1]).toMatchObject({ outcome: 'agreed', detail: { how: 'in-person', agreed: true } });

    app = await action(c, w.tokens.prisonAReviewer, id, 'inform-inmate', {});
    expect(app).toMatchObject({ status: 'approved', outcome: 'approved' });
    expect(app.visits).toEqual([expect.objectContaining({ date: '2026-10-22', start: '10:00', status: 'scheduled' })]);
  });

  it('R9.2 relatives who decline: the booked visit is cancelled and the reason goes back to the prison', async () => {
    setToday(store, '2026-10-12');
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '钱六');
    const created = await submit(c, w.tokens.prisonAReviewer, {
      form: 'form-1',
      inmateId: inmate,
      relativesBureauId: w.bureauA.id,
      applicants: [relative('钱父', '1955-01-01', 'father')],
    });
    await action(c, w.tokens.prisonAReviewer, created.id, 'approve', {
      date: '2026-10-23',
      start: '10:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
    });
    const missingReason = await store.call('POST', `/api/applications/${created.id}/consent`, {
      token: w.tokens.bureauAReviewer,
      body: { agreed: false, how: 'phone' },
    });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.error.issues[0].path).toBe('body.reason');
    const app = await action(c, w.tokens.bureauAReviewer, created.id, 'consent', {
      agreed: false,
      how: 'phone',
      reason: '亲属当日有事不能到场',
    });
    expect(app).toMatchObject({
      status: 'inmate-notification',
      outcome: 'refused',
      refusal: { reason: '亲属当日有事不能到场', requirementIds: [] },
    });
    expect(app.visits[0].status).toBe('cancelled');
    expect((await action(c, w.tokens.prisonAReviewer, created.id, 'inform-inmate')).status).toBe('refused');
  });

  it('R15.1(2) R15.1(4) the rules refuse an inmate in confinement (which is also a confinement penalty): the refusal carries the reason and the requirement ids', async () => {
    setToday(store, '2026-10-12');
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '孙七');
    const period = await store.call('POST', `/api/inmates/${inmate}/status-periods`, {
      token: w.tokens.prisonAAdmin,
      body: { kind: 'confinement', start: '2026-10-01', end: null },
    });
    expect(period.status).toBe(201);

    // Stored with the application on receipt.
    const created = await submit(c, w.tokens.bureauAReviewer, { inmateId: inmate, applicants: [relative('孙母', '1961-02-02')] });
    expect(created.decision).toMatchObject({ outcome: 'refused', refusedBy: ['R15.1(2)', 'R15.1(4)'] });
    expect(created.decision.message).toContain('第十五条第（二）项');

    // Refused at the bureau: the rules' sentence and id, no reason typed.
    const refused = await action(c, w.tokens.bureauAReviewer, created.id, 'refuse', {});
    expect(refused).toMatchObject({
      status: 'refused',
      outcome: 'refused',
      refusal: { requirementIds: ['R15.1(2)', 'R15.1(4)'] },
    });
    expect(refused.refusal.reason).toContain('禁闭');
    expect(refused.steps[0]).toMatchObject({
      kind: 'bureau-review',
      outcome: 'refused',
      requirementIds: ['R15.1(2)', 'R15.1(4)'],
    });

    // R8.3: the prison's approval recomputes the rules and is refused with the id; nothing is written.
    const second = await submit(c, w.tokens.bureauAReviewer, { inmateId: inmate, applicants: [relative('孙母', '1961-02-02')] });
    await action(c, w.tokens.bureauAReviewer, second.id, 'forward');
    const visitsBefore = await count(store, 'visits');
    const approve = await store.call('POST', `/api/applications/${second.id}/approve`, {
      token: w.tokens.prisonAReviewer,
      body: { date: '2026-10-26', start: '09:00', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId },
    });
    expect(approve.status).toBe(409);
    expect(approve.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['R15.1(2)', 'R15.1(4)']);
    expect(await count(store, 'visits')).toBe(visitsBefore);
    expect((await store.call('GET', `/api/applications/${second.id}`, { token: w.tokens.prisonAReviewer })).body.status).toBe(
      'prison-decision',
    );
    // R8.3 → R8.4: the prison refuses; the bureau still tells the relative why.
    let app = await action(c, w.tokens.prisonAReviewer, second.id, 'refuse', {});
    expect(app).toMatchObject({
      status: 'bureau-notification',
      outcome: 'refused',
      refusal: { requirementIds: ['R15.1(2)', 'R15.1(4)'] },
    });
    app = await action(c, w.tokens.bureauAReviewer, second.id, 'notify', { how: 'sms' });
    expect(app.status).toBe('refused');
  });

  it('R8.2 a refusal the rules do not make needs a written reason', async () => {
    setToday(store, '2026-10-12');
    const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '周八');
    const created = await submit(c, w.tokens.bureauAReviewer, { inmateId: inmate, applicants: [relative('周母', '1962-03-03')] });
    const bare = await store.call('POST', `/api/applications/${created.id}/refuse`, {
      token: w.tokens.bureauAReviewer,
      body: {},
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error.issues[0].path).toBe('body.reason');
    const app = await action(c, w.tokens.bureauAReviewer, created.id, 'refuse', { reason: '申请人未能提供户口簿原件' });
    expect(app).toMatchObject({ status: 'refused', refusal: { reason: '申请人未能提供户口簿原件', requirementIds: [] } });
  });

  it('R14.1 the desk does not accept applications on a holiday; an online one counts from the next working day', async () => {
    setToday(store, '2026-10-03');
    const before = await Promise.all([count(store, 'applications'), count(store, 'applicants'), count(store, 'review_steps')]);
    const desk = await store.call('POST', '/api/applications', {
      token: w.tokens.bureauAReviewer,
      body: { form: 'form-2', inmateId: inmateA, applicants: [relative('王母亲', '1960-03-03')] },
    });
    expect(desk.status).toBe(409);
    expect(desk.body.error.message).toContain('R14.1');
    expect(desk.body.error.message).toContain('2026年10月8日');
    expect(desk.body.error.issues[0]).toMatchObject({ path: 'R14.1' });
    expect(await Promise.all([count(store, 'applications'), count(store, 'applicants'), count(store, 'review_steps')])).toEqual(
      before,
    );

    // Online on Sat 10-03 (holiday): counts from Thu 10-08; + 2 → Fri 10-09, Sat 10-10 (adjusted working day).
    const online = await submit(c, w.tokens.bureauAReviewer, {
      channel: 'online',
      inmateId: inmateA,
      applicants: [relative('王母亲', '1960-03-03')],
    });
    expect(online).toMatchObject({ channel: 'online', receivedOn: '2026-10-03' });
    expect(stepsOf(online)).toEqual([
      {
        kind: 'bureau-review',
        organisationId: w.bureauA.id,
        receivedOn: '2026-10-03',
        dueOn: '2026-10-10',
        overdue: false,
        outcome: null,
      },
    ]);
    await action(c, w.tokens.bureauAReviewer, online.id, 'refuse', { reason: '重复申请' });
  });

  it("R6.1 scope: bureau A cannot see bureau B's applications, a prison not another prison's; the province sees all; a terminal none", async () => {
    setToday(store, '2026-10-12');
    const inmateB = await createInmate(store, w.tokens.prisonBAdmin, w.prisonB.wardId, '吴九');
    const ofB = await submit(c, w.tokens.bureauBAdmin, { inmateId: inmateB, applicants: [relative('吴母', '1963-04-04')] });
    const ofA = await submit(c, w.tokens.bureauAReviewer, {
      inmateId: inmateA,
      applicants: [relative('王父亲', '1959-09-09', 'father')],
    });

    expect((await store.call('GET', `/api/applications/${ofB.id}`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
    expect((await store.call('GET', `/api/applications/${ofA.id}`, { token: w.tokens.bureauBAdmin })).status).toBe(404);
    expect(
      (await store.call('POST', `/api/applications/${ofB.id}/forward`, { token: w.tokens.bureauAReviewer, body: {} })).status,
    ).toBe(404);
    const listA = (await store.call('GET', '/api/applications', { token: w.tokens.bureauAAdmin })).body as {
      id: string;
      partnerId: string;
    }[];
    expect(listA.map((a) => a.id)).toContain(ofA.id);
    expect(listA.every((a) => a.partnerId === w.bureauA.id)).toBe(true);
    const listB = (await store.call('GET', '/api/applications', { token: w.tokens.bureauBAdmin })).body as { id: string }[];
    expect(listB.map((a) => a.id)).toEqual([ofB.id]);
    // An office sees what it received, not its bureau's own receipts.
    const office = (await store.call('GET', '/api/applications', { token: w.tokens.officeAReviewer })).body as {
      organisationId: string;
    }[];
    expect(office.every((a) => a.organisationId === w.bureauA.officeId)).toBe(true);

    // Prisons: only applications for their own inmates.
    expect((await store.call('GET', `/api/applications/${ofB.id}`, { token: w.tokens.prisonAReviewer })).status).toBe(404);
    expect((await store.call('GET', `/api/applications/${ofA.id}`, { token: w.tokens.prisonBAdmin })).status).toBe(404);
    const prisonB = (await store.call('GET', '/api/applications', { token: w.tokens.prisonBAdmin })).body as { id: string }[];
    expect(prisonB.map((a) => a.id)).toEqual([ofB.id]);
    // The province oversees everything (R29.1) but reviews nothing.
    const all = (await store.call('GET', '/api/applications?limit=500', { token: w.tokens.supervisor })).body as { id: string }[];
    expect(all.map((a) => a.id)).toEqual(expect.arrayContaining([ofA.id, ofB.id]));
    expect(
      (await store.call('POST', `/api/applications/${ofA.id}/forward`, { token: w.tokens.provinceAdmin, body: {} })).status,
    ).toBe(403);
    // A bureau cannot receive for another bureau.
    const foreign = await store.call('POST', '/api/applications', {
      token: w.tokens.bureauAReviewer,
      body: { form: 'form-2', organisationId: w.bureauB.id, inmateId: inmateB, applicants: [relative('吴母', '1963-04-04')] },
    });
    expect(foreign.status).toBe(403);

    // A room terminal may not call these.
    const code = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.bureauAAdmin,
      body: { roomId: w.bureauA.roomId },
    });
    const enrolled = await store.call('POST', '/api/terminals/enrol', { body: { code: code.body.code, name: '会见终端' } });
    const session = await store.call('POST', '/api/terminals/session', {
      body: { terminalId: enrolled.body.terminalId, secret: enrolled.body.secret },
    });
    const terminal: string = session.body.token;
    for (const [method, path] of [
      ['GET', '/api/applications'],
      ['GET', `/api/applications/${ofA.id}`],
      ['GET', '/api/review-queue'],
      ['GET', '/api/visits'],
      ['POST', `/api/applications/${ofA.id}/forward`],
    ] as const) {
      const res = await store.call(method, path, { token: terminal, ...(method === 'POST' ? { body: {} } : {}) });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    await action(c, w.tokens.bureauBAdmin, ofB.id, 'refuse', { reason: '测试结束' });
    await action(c, w.tokens.bureauAReviewer, ofA.id, 'refuse', { reason: '测试结束' });
  });

  it("R7.1 prison to prison: the relative, an inmate too, applies at their own prison, which takes the bureau's part", async () => {
    setToday(store, '2026-10-12');
    const created = await submit(c, w.tokens.prisonBAdmin, {
      inmateId: inmateA,
      applicants: [relative('王兄', '1980-08-08', 'elder-brother')],
    });
    expect(created).toMatchObject({
      path: 'prison-to-prison',
      organisationId: w.prisonB.id,
      partnerId: w.prisonB.id,
      prisonId: w.prisonA.id,
      status: 'bureau-review',
    });
    expect(stepsOf(created)[0]).toMatchObject({ kind: 'bureau-review', organisationId: w.prisonB.id, dueOn: '2026-10-14' });
    await action(c, w.tokens.prisonBAdmin, created.id, 'forward');
    let app = await action(c, w.tokens.prisonAReviewer, created.id, 'approve', {
      date: '2026-11-04',
      start: '15:00',
      minutes: 30,
      roomId: w.prisonA.roomId,
      remoteRoomId: w.prisonB.roomId,
    });
    expect(app.visits[0]).toMatchObject({ roomId: w.prisonA.roomId, remoteRoomId: w.prisonB.roomId });
    expect(stepsOf(app)[2]).toMatchObject({ kind: 'bureau-notifies-relative', organisationId: w.prisonB.id });
    app = await action(c, w.tokens.prisonBAdmin, created.id, 'notify', { how: 'in-person' });
    expect(app.status).toBe('approved');
    // Neither bureau sees it (inmate A's October visit is used: this one is in November, R14.2).
    expect((await store.call('GET', `/api/applications/${created.id}`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
  });

  it('R6.2 a relative registered and living outside Yunnan applies at any county bureau, which hosts the visit', async () => {
    setToday(store, '2026-10-12');
    // Beijing household and address: bureau B is neither, and takes it all the same.
    const fromBeijing = {
      ...relative('赵姐姐', '1975-05-05', 'elder-sister', '321'),
      document: { kind: 'resident-id', number: residentId('1975-05-05', '321', '110101') },
      address: '北京市东城区某胡同3号',
    };
    const created = await submit(c, w.tokens.bureauBAdmin, {
      inmateId: inmateA,
      applicants: [fromBeijing],
      preferred: { date: '2026-12-15' },
    });
    expect(created).toMatchObject({
      path: 'relative',
      organisationId: w.bureauB.id,
      partnerId: w.bureauB.id,
      prisonId: w.prisonA.id,
      status: 'bureau-review',
    });
    expect(created.decision.outcome).toBe('allowed');
    expect(JSON.stringify(created.decision.applied ?? [])).not.toMatch(/R6\.1/);
    await action(c, w.tokens.bureauBAdmin, created.id, 'forward');
    // The relatives' side of the visit is bureau B's room: the bureau that took the application hosts it.
    const rooms = await store.call('GET', `/api/applications/${created.id}/rooms`, { token: w.tokens.prisonAReviewer });
    expect(rooms.status).toBe(200);
    expect(rooms.body.partnerRooms.map((r: { id: string }) => r.id)).toEqual([w.bureauB.roomId]);
    expect(rooms.body.prisonRooms.map((r: { id: string }) => r.id)).toContain(w.prisonA.roomId);
    await action(c, w.tokens.prisonAReviewer, created.id, 'refuse', { reason: '测试结束' });
  });

  it('R8.1 bad payloads name the field and write nothing', async () => {
    setToday(store, '2026-10-12');
    const before = await Promise.all([count(store, 'applications'), count(store, 'applicants'), count(store, 'review_steps')]);
    const seven = Array.from({ length: 7 }, (_, i) => relative(`亲属${i}`, '1960-03-03', 'mother', String(200 + i)));
    const cases: [unknown, string][] = [
      [{ form: 'form-2', inmateId: inmateA, applicants: seven }, 'body.applicants'],
      [
        {
          form: 'form-2',
          inmateId: inmateA,
          applicants: [{ ...relative('王母亲', '1960-03-03'), document: { kind: 'resident-id', number: '530102196003031230' } }],
        },
        'body.applicants.0.document.number',
      ],
      [
        {
          form: 'form-2',
          inmateId: inmateA,
          applicants: [{ ...relative('王母亲', '1960-03-03'), role: { kind: 'family', relationship: '表哥', proofs: [] } }],
        },
        'body.applicants.0.role.relationship',
      ],
      [{ form: 'form-2', inmateId: 'not-a-uuid', applicants: [relative('王母亲', '1960-03-03')] }, 'body.inmateId'],
      [{ form: 'form-3', inmateId: inmateA, applicants: [relative('王母亲', '1960-03-03')] }, 'body.form'],
      [
        { form: 'form-2', inmateId: inmateA, applicants: [relative('王母亲', '1960-03-03')], preferred: { date: '2026-02-30' } },
        'body.preferred.date',
      ],
      [
        { form: 'form-2', inmateId: '00000000-0000-4000-8000-000000000000', applicants: [relative('王母亲', '1960-03-03')] },
        'body.inmateId',
      ],
    ];
    for (const [body, path] of cases) {
      const res = await store.call('POST', '/api/applications', { token: w.tokens.bureauAReviewer, body });
      expect(res.status, path).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(
        res.body.error.issues.map((i: { path: string }) => i.path),
        JSON.stringify(res.body),
      ).toContain(path);
    }
    expect(await Promise.all([count(store, 'applications'), count(store, 'applicants'), count(store, 'review_steps')])).toEqual(
      before,
    );

    const app = await submit(c, w.tokens.bureauAReviewer, { inmateId: inmateA, applicants: [relative('王母亲', '1960-03-03')] });
    await action(c, w.tokens.bureauAReviewer, app.id, 'forward');
    const visits = await count(store, 'visits');
    for (const [body, path] of [
      [
        { date: '2026-10-26', start: '9:00', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId },
        'body.start',
      ],
      [
        { date: '2026-10-26', start: '09:00', minutes: 0, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId },
        'body.minutes',
      ],
      [
        { date: '2026-10-26', start: '09:00', minutes: 30, roomId: w.prisonB.roomId, remoteRoomId: w.bureauA.roomId },
        'body.roomId',
      ],
      [
        { date: '2026-10-26', start: '09:00', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauB.roomId },
        'body.remoteRoomId',
      ],
      [
        { date: '2026-10-09', start: '09:00', minutes: 30, roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId },
        'body.date',
      ],
    ] as const) {
      const res = await store.call('POST', `/api/applications/${app.id}/approve`, { token: w.tokens.prisonAReviewer, body });
      expect(res.status, path).toBe(400);
      expect(res.body.error.issues[0].path).toBe(path);
    }
    expect(await count(store, 'visits')).toBe(visits);
    const notify = await store.call('POST', `/api/applications/${app.id}/refuse`, {
      token: w.tokens.prisonAReviewer,
      body: { reason: '' },
    });
    expect(notify.status).toBe(400);
    expect(notify.body.error.issues[0].path).toBe('body.reason');
  });
});
