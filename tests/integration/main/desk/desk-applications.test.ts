// The desk service (main) against the real central store: intake with the live
// decision, the review chain through the queues, scheduling, notification, the
// warden's exception, scope between bureaus, and refusals that keep their
// requirement ids and change nothing (R6.1, R8.1–R8.4, R9.1–R9.3,
// R14.1, R14.3, R18.1, R35.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskContract } from '../../../../src-shared/ipc/desk-contract';
import type { ApplicationInput } from '../../../../src-shared/desk/inputs';
import { count, createInmate, relative, setToday } from '../../server/applications/fixtures';
import { residentId } from '../../../../harness/store/world';
import { refusal, startDeskWorld, value } from './desk-world';
import type { Desk, DeskWorld } from './desk-world';

describe('desk: applications through the central store', () => {
  let world: DeskWorld;
  let office: Desk;
  let bureau: Desk;
  let prison: Desk;
  let warden: Desk;
  let otherBureau: Desk;
  let inmateId: string;
  /** One inmate per scenario: the monthly quota (R14.2) would otherwise refuse the second visit. */
  const newInmate = (name: string) => createInmate(world.store, world.w.tokens.prisonAAdmin, world.w.prisonA.wardId, name);

  const form2 = (overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
    form: 'form-2',
    inmateId,
    applicants: [relative('李母', '1960-02-03') as ApplicationInput['applicants'][number]],
    ...overrides,
  });
  const snapshot = () =>
    Promise.all([
      count(world.store, 'applications'),
      count(world.store, 'review_steps'),
      count(world.store, 'visits'),
      count(world.store, 'applicants'),
    ]);

  beforeAll(async () => {
    world = await startDeskWorld('2026-10-12');
    inmateId = await createInmate(world.store, world.w.tokens.prisonAAdmin, world.w.prisonA.wardId, '李四');
    [office, bureau, prison, warden, otherBureau] = await Promise.all([
      world.deskAs('office-a-reviewer'),
      world.deskAs('bureau-a-reviewer'),
      world.deskAs('prison-a-reviewer'),
      world.deskAs('prison-a-warden'),
      world.deskAs('bureau-b-admin'),
    ]);
  });
  afterAll(async () => {
    await world?.store.stop();
  });

  it('login keeps the token in main: the answer names the clerk and the organisation, no token; a wrong password is refused in zh-CN', async () => {
    const d = world.desk();
    expect(await value(d.me(undefined))).toBeNull();
    const wrong = await refusal(d.login({ username: 'bureau-a-reviewer', password: 'not-the-password' }));
    expect(wrong).toMatchObject({
      code: 'UNAUTHENTICATED',
      requirement: null,
      message: expect.stringMatching(/^用户名或密码错误/),
    });
    expect(await value(d.me(undefined))).toBeNull();
    const me = await value(d.login({ username: 'bureau-a-reviewer', password: 'Staff-password-1' }));
    expect(me).toMatchObject({
      username: 'bureau-a-reviewer',
      roles: ['reviewer'],
      organisation: { id: world.w.bureauA.id, kind: 'bureau', name: '甲县司法局' },
    });
    expect(JSON.stringify(me)).not.toMatch(/token/i);
    expect(await value(d.me(undefined))).toMatchObject({ staffId: me.staffId });
    expect(await value(d.logout(undefined))).toBeNull();
    expect(await value(d.me(undefined))).toBeNull();
    expect(await refusal(d.listApplications({}))).toMatchObject({ code: 'NOT_LOGGED_IN', message: '请先登录中心库账号' });
  });

  it("another clerk logging in at the same desk ends the previous clerk's session at the store", async () => {
    const d = await world.deskAs('office-a-reviewer');
    const openSessions = async (username: string) =>
      Number(
        (
          await world.store.app.ctx.db
            .selectFrom('sessions')
            .innerJoin('staff', 'staff.id', 'sessions.staff_id')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('staff.username', '=', username)
            .where('sessions.revoked_at', 'is', null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await openSessions('office-a-reviewer');
    await value(d.login({ username: 'bureau-a-reviewer', password: 'Staff-password-1' }));
    expect(await openSessions('office-a-reviewer')).toBe(before - 1);
    expect(await value(d.me(undefined))).toMatchObject({ username: 'bureau-a-reviewer' });
  });

  it('R8.1 R35.1 the preview shows the decision while the clerk types, with requirement ids, and stores nothing', async () => {
    const before = await snapshot();
    const ok = await value(bureau.previewApplication(form2()));
    expect(ok.decision.outcome).toBe('allowed');
    expect(ok.decision.applied.map((a) => a.id)).toContain('R36.1');
    expect(ok).toMatchObject({
      path: 'relative',
      acceptedToday: true,
      firstStep: { kind: 'bureau-review', requirement: 'R8.2', organisationId: world.w.bureauA.id },
    });
    // No proof of the relationship (R35.1): refused by R36.1 with the reason a clerk can read.
    const unproven = relative('李母', '1960-02-03') as ApplicationInput['applicants'][number];
    const noProof = await value(
      bureau.previewApplication(
        form2({ applicants: [{ ...unproven, role: { kind: 'family', relationship: 'mother', proofs: [] } }] }),
      ),
    );
    expect(noProof.decision.outcome).toBe('refused');
    expect(noProof.decision.refusedBy).toContain('R36.1');
    expect(noProof.decision.applied.find((a) => a.result === 'failed')?.detail).toContain('R35.1');
    expect(await snapshot()).toEqual(before);
  });

  it('R14.1 the desk does not receive on a day off: refusal keeps R14.1, the preview says so, nothing is stored', async () => {
    setToday(world.store, '2026-10-17'); // a Saturday
    try {
      const before = await snapshot();
      const preview = await value(bureau.previewApplication(form2()));
      expect(preview.acceptedToday).toBe(false);
      const refused = await refusal(bureau.submitApplication(form2()));
      expect(refused).toMatchObject({ requirement: 'R14.1', code: 'CONFLICT' });
      expect(refused.message).toContain('工作日');
      expect(await snapshot()).toEqual(before);
    } finally {
      setToday(world.store, '2026-10-12');
    }
  });

  it('R6.1 R8.2 R8.3 R8.4 office intake → office forward → bureau forward → prison approves with a free slot → bureau records the notification', async () => {
    const received = await value(office.submitApplication(form2()));
    expect(received).toMatchObject({
      status: 'office-review',
      organisationId: world.w.bureauA.officeId,
      steps: [{ kind: 'office-first-review', requirement: 'R8.2' }],
    });
    const due = await value(office.dueDate({ step: 'office-first-review', receivedOn: '2026-10-12' }));
    expect(received.steps[0]?.dueOn).toBe(due.dueOn);

    const officeQueue = await value(office.reviewQueue({}));
    expect(officeQueue.map((q) => q.application.id)).toContain(received.id);
    await value(office.forward({ applicationId: received.id }));
    const bureauQueue = await value(bureau.reviewQueue({}));
    expect(bureauQueue.find((q) => q.application.id === received.id)?.step).toMatchObject({
      kind: 'bureau-review',
      overdue: false,
    });
    await value(bureau.forward({ applicationId: received.id }));

    const rooms = await value(prison.applicationRooms({ applicationId: received.id }));
    expect(rooms.prisonRooms.map((r) => r.id)).toContain(world.w.prisonA.roomId);
    expect(rooms.partnerRooms.map((r) => r.id)).toContain(world.w.bureauA.roomId);
    const slots = await value(
      prison.slots({ date: '2026-10-20', roomId: world.w.prisonA.roomId, remoteRoomId: world.w.bureauA.roomId, minutes: 30 }),
    );
    const first = slots.slots.find((s) => s.free);
    expect(first).toBeDefined();
    const approved = await value(
      prison.approve({
        applicationId: received.id,
        date: '2026-10-20',
        start: first?.start ?? '09:00',
        minutes: 30,
        roomId: world.w.prisonA.roomId,
        remoteRoomId: world.w.bureauA.roomId,
      }),
    );
    expect(approved).toMatchObject({
      status: 'bureau-notification',
      outcome: 'approved',
      visits: [{ date: '2026-10-20', status: 'scheduled' }],
    });
    // The slot is now taken in both rooms.
    const after = await value(
      prison.slots({ date: '2026-10-20', roomId: world.w.prisonA.roomId, remoteRoomId: world.w.bureauA.roomId, minutes: 30 }),
    );
    expect(after.slots.find((s) => s.start === first?.start)).toMatchObject({
      free: false,
      roomFree: false,
      remoteRoomFree: false,
    });

    const notified = await value(bureau.notify({ applicationId: received.id, how: 'phone', at: '2026-10-13T02:00:00.000Z' }));
    expect(notified.status).toBe('approved');
    expect(notified.steps.at(-1)).toMatchObject({ kind: 'bureau-notifies-relative', requirement: 'R8.4' });
    expect(notified.steps.at(-1)?.doneAt).not.toBeNull();
  });

  it('R8.3 no double booking: approving into a taken slot is refused with the fields named, nothing changes', async () => {
    const app = await value(
      bureau.submitApplication(
        form2({
          inmateId: await newInmate('王五'),
          applicants: [relative('王父', '1958-04-05', 'father', '321') as ApplicationInput['applicants'][number]],
        }),
      ),
    );
    await value(bureau.forward({ applicationId: app.id }));
    const taken = (await value(prison.visits({ date: '2026-10-20' })))[0];
    expect(taken).toBeDefined();
    const before = await snapshot();
    const refused = await refusal(
      prison.approve({
        applicationId: app.id,
        date: '2026-10-20',
        start: taken?.start ?? '09:00',
        minutes: 30,
        roomId: world.w.prisonA.roomId,
        remoteRoomId: world.w.bureauA.roomId,
      }),
    );
    expect(refused.code).toBe('CONFLICT');
    expect(refused.issues?.map((i) => i.path)).toEqual(['roomId', 'remoteRoomId']);
    expect(await snapshot()).toEqual(before);
    expect(await value(prison.getApplication({ applicationId: app.id }))).toMatchObject({
      status: 'prison-decision',
      visits: [],
    });
  });

  it('R8.2 a refusal carries the reason; the clerk of another bureau cannot see the application at all', async () => {
    const app = await value(
      bureau.submitApplication(
        form2({ applicants: [relative('李姐', '1980-06-07', 'elder-sister', '555') as ApplicationInput['applicants'][number]] }),
      ),
    );
    const refused = await value(bureau.refuse({ applicationId: app.id, reason: '申请人未能提供亲属关系证明原件' }));
    expect(refused).toMatchObject({
      status: 'refused',
      outcome: 'refused',
      refusal: { reason: '申请人未能提供亲属关系证明原件' },
    });

    const theirs = await value(otherBureau.listApplications({}));
    expect(theirs).toEqual([]);
    const hidden = await refusal(otherBureau.getApplication({ applicationId: app.id }));
    expect(hidden).toMatchObject({ code: 'NOT_FOUND', requirement: null });
    expect(await value(otherBureau.reviewQueue({}))).toEqual([]);
    const mine = await value(bureau.listApplications({}));
    expect(mine.map((a) => a.id)).toContain(app.id);
  });

  it('R14.1 the queue puts overdue steps first, with due dates in working days', async () => {
    setToday(world.store, '2026-10-13');
    const old = await value(
      bureau.submitApplication(
        form2({ applicants: [relative('李兄', '1978-01-02', 'elder-brother', '777') as ApplicationInput['applicants'][number]] }),
      ),
    );
    setToday(world.store, '2026-10-19'); // four working days later: the 2-day bureau review is overdue
    const fresh = await value(
      bureau.submitApplication(
        form2({
          applicants: [relative('李弟', '1990-01-02', 'younger-brother', '888') as ApplicationInput['applicants'][number]],
        }),
      ),
    );
    const queue = await value(bureau.reviewQueue({}));
    const ids = queue.map((q) => q.application.id);
    expect(ids.indexOf(old.id)).toBeLessThan(ids.indexOf(fresh.id));
    expect(queue.find((q) => q.application.id === old.id)?.step).toMatchObject({ overdue: true, dueOn: '2026-10-15' });
    expect(queue.find((q) => q.application.id === fresh.id)?.step.overdue).toBe(false);
    expect(queue[0]?.step.overdue).toBe(true);
    setToday(world.store, '2026-10-12');
  });

  it("R14.3 only the warden approves an exception; a reviewer is refused with R14.3, and the warden's approval is recorded with who and why", async () => {
    const app = await value(
      bureau.submitApplication(
        form2({
          applicants: [relative('李妹', '1995-01-02', 'younger-sister', '999') as ApplicationInput['applicants'][number]],
        }),
      ),
    );
    const before = await count(world.store, 'warden_exceptions');
    const byReviewer = await refusal(
      prison.approveException({
        applicationId: app.id,
        lifts: 'duration',
        visitDate: '2026-10-28',
        maxMinutes: 60,
        reason: '家中老人病危',
      }),
    );
    expect(byReviewer.code).toBe('FORBIDDEN');
    expect(await count(world.store, 'warden_exceptions')).toBe(before);
    const granted = await value(
      warden.approveException({
        applicationId: app.id,
        lifts: 'duration',
        visitDate: '2026-10-28',
        maxMinutes: 60,
        reason: '家中老人病危',
      }),
    );
    expect(granted.exceptions).toEqual([
      expect.objectContaining({ lifts: 'duration', maxMinutes: 60, reason: '家中老人病危', approvedByName: expect.any(String) }),
    ]);
  });

  it('R9.1 R9.2 R9.3 Form 1 at the prison: approve, the bureau records consent, the prison records telling the inmate', async () => {
    const app = await value(
      prison.submitApplication({
        form: 'form-1',
        inmateId: await newInmate('赵六'),
        relativesBureauId: world.w.bureauA.id,
        applicants: [relative('李母', '1960-02-03') as ApplicationInput['applicants'][number]],
      }),
    );
    expect(app).toMatchObject({
      path: 'inmate',
      status: 'prison-decision',
      steps: [{ kind: 'prison-decision-inmate-application', requirement: 'R9.1' }],
    });
    await value(
      prison.approve({
        applicationId: app.id,
        date: '2026-10-22',
        start: '14:30',
        minutes: 30,
        roomId: world.w.prisonA.roomId,
        remoteRoomId: world.w.bureauA.roomId,
      }),
    );
    const replied = await value(bureau.consent({ applicationId: app.id, agreed: true, how: 'sms' }));
    expect(replied.steps.at(-1)).toMatchObject({ kind: 'prison-notifies-inmate', requirement: 'R9.3' });
    const done = await value(prison.informInmate({ applicationId: app.id }));
    expect(done.status).toBe('approved');
  });

  it('R18.1 an interrupted visit comes first in the visit list and is rescheduled with priority', async () => {
    const visits = await value(prison.visits({}));
    const target = visits.find((v) => v.status === 'scheduled' && v.date === '2026-10-22');
    expect(target).toBeDefined();
    const interrupted = await value(
      prison.visitOutcome({ visitId: target?.id ?? '', status: 'interrupted', reasonCode: 'R18.1', reason: '网络中断' }),
    );
    expect(interrupted).toMatchObject({
      status: 'interrupted',
      awaitingReschedule: true,
      outcomeCode: 'R18.1',
      outcomeReason: '网络中断',
    });
    const list = await value(prison.visits({}));
    expect(list[0]?.id).toBe(target?.id);
    const moved = await value(prison.reschedule({ visitId: target?.id ?? '', date: '2026-10-23', start: '09:00', minutes: 30 }));
    expect(moved.visit).toMatchObject({ priorityRescheduleOf: target?.id, status: 'scheduled' });
  });

  it('bad input is refused by the contract with zh-CN messages before it reaches main', () => {
    const noApplicants = deskContract.submitApplication.args.safeParse({ form: 'form-2', inmateId, applicants: [] });
    expect(noApplicants.success).toBe(false);
    expect(noApplicants.error?.issues[0]?.message).toBe('至少填写一名申请人');
    const good = residentId('1960-02-03');
    const wrongCheckDigit = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const badId = deskContract.previewApplication.args.safeParse(
      form2({
        applicants: [
          {
            ...(relative('李母', '1960-02-03') as ApplicationInput['applicants'][number]),
            document: { kind: 'resident-id', number: wrongCheckDigit },
          },
        ],
      }),
    );
    expect(badId.success).toBe(false);
    expect(badId.error?.issues[0]?.path.join('.')).toBe('applicants.0.document.number');
    const badHow = deskContract.notify.args.safeParse({ applicationId: inmateId, how: 'letter' });
    expect(badHow.error?.issues[0]?.message).toBe('请选择通知方式：电话、短信或当面');
    const noReason = deskContract.refuse.args.safeParse({ applicationId: inmateId, reason: '  ' });
    expect(noReason.error?.issues[0]?.message).toBe('请填写“不予批准的理由”');
  });

  it('bad input that reaches the store anyway is refused with the field named, and nothing changes', async () => {
    const before = await snapshot();
    // A registered visitor the clerk cannot see: refused with the field named.
    const applicant = {
      ...(relative('李母', '1960-02-03') as ApplicationInput['applicants'][number]),
      visitorId: '00000000-0000-4000-8000-000000000000',
    };
    const unknown = await refusal(bureau.submitApplication(form2({ applicants: [applicant] })));
    expect(unknown).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'applicants.0.visitorId', message: '会见人不存在' }],
    });
    expect(await snapshot()).toEqual(before);
  });
});
