// The desk's pure parts: what the intake sends (R35.1 proofs by kind, R36.1 codes), the
// queue's order (overdue first, R14.1), the interrupted visits first (R18.1), and what an
// approved application prints (R8.3 arrangement on Form 2, the notice with it, R12.1).
import { describe, expect, test } from 'vitest';
import { applicationInputSchema } from '../../../../src-shared/desk';
import type { ApplicationRecord, QueueItem, VisitRecord } from '../../../../src-renderer/kiosk-types';
import {
  emptyApplicant,
  emptyDraft,
  previewable,
  toApplicationInput,
  withCard,
} from '../../../../src-renderer/desk/intake/intake-draft';
import { chinaDate } from '../../../../src-shared/calendar/china-time';
import { printJobOf } from '../../../../src-renderer/desk/print/from-record';
import { sortQueue } from '../../../../src-renderer/desk/queue/sort-queue';
import { visitsInOrder } from '../../../../src-renderer/desk/visits/VisitsView';

const INMATE = '0b6f1f4e-5c1a-4f7e-9a59-3f5c2b7d8e01';

describe('intake draft → ApplicationInput', () => {
  test('R36.1 R35.1 codes only, trimmed, ID upper-cased; valid against the contract schema', () => {
    const d = emptyDraft('form-2');
    d.inmateId = INMATE;
    d.applicants = [
      {
        name: ' 张伟 ',
        documentKind: 'resident-id',
        documentNumber: '530102199003071238 ',
        relationship: 'son',
        proofs: ['household-register'],
        address: '昆明市',
        phone: '13800000000',
      },
    ];
    d.preferredDate = '2026-10-20';
    d.preferredMinutes = '30';
    expect(previewable(d)).toBe(true);
    const input = toApplicationInput(d);
    expect(input.applicants[0]).toEqual({
      name: '张伟',
      role: { kind: 'family', relationship: 'son', proofs: ['household-register'] },
      document: { kind: 'resident-id', number: '530102199003071238' },
      address: '昆明市',
      phone: '13800000000',
    });
    expect(input.preferred).toEqual({ date: '2026-10-20', minutes: 30 });
    expect(applicationInputSchema.safeParse(input).success).toBe(true);
  });
  test('nothing to preview without an inmate or a named applicant; Form 1 sends the relatives’ bureau', () => {
    const d = emptyDraft('form-1');
    expect(previewable(d)).toBe(false);
    d.inmateId = INMATE;
    expect(previewable(d)).toBe(false);
    d.relativesBureauId = '5d0c3b8a-2f7e-4a41-8d2e-1c9b7a6f5e40';
    const input = toApplicationInput(d);
    expect(input.relativesBureauId).toBe(d.relativesBureauId);
    expect(input.preferred).toBeUndefined();
  });
  test('the card reader fills name, number and address and keeps the rest', () => {
    const a = { ...emptyApplicant(), phone: '13800000000', relationship: 'mother' as const };
    const filled = withCard(a, {
      name: '张伟',
      sex: 'male',
      birthDate: '1990-03-07',
      address: '云南省昆明市五华区青年路100号',
      document: { kind: 'resident-id', number: '530102199003071238' },
      validTo: '2035-03-01',
      valid: true,
      validityMessage: null,
    });
    expect(filled).toMatchObject({
      name: '张伟',
      documentNumber: '530102199003071238',
      address: '云南省昆明市五华区青年路100号',
      phone: '13800000000',
      relationship: 'mother',
    });
  });
});

describe('orders', () => {
  const item = (id: string, overdue: boolean, dueOn: string) =>
    ({ step: { id, overdue, dueOn, receivedOn: '2026-09-30' }, application: {} }) as unknown as QueueItem;
  test('R14.1 queue: overdue first, then by due date', () => {
    expect(
      sortQueue([
        item('a', false, '2026-10-09'),
        item('b', true, '2026-10-12'),
        item('c', false, '2026-10-08'),
        item('d', true, '2026-10-09'),
      ]).map((i) => i.step.id),
    ).toEqual(['d', 'b', 'c', 'a']);
  });
  test('R18.1 interrupted visits awaiting a reschedule come first', () => {
    const v = (id: string, awaitingReschedule: boolean, date: string) =>
      ({ id, awaitingReschedule, date, start: '09:00' }) as VisitRecord;
    expect(
      visitsInOrder([v('a', false, '2026-10-01'), v('b', true, '2026-10-20'), v('c', false, '2026-09-01')]).map((x) => x.id),
    ).toEqual(['b', 'c', 'a']);
  });
});

describe('printJobOf (R8.3, R12.1)', () => {
  const app = {
    id: 'app1',
    form: 'form-2',
    channel: 'desk',
    path: 'relative',
    status: 'approved',
    outcome: 'approved',
    category: 'family',
    inmate: { id: 'i1', name: '张建国', inmateNumber: 'JY01', wardName: '三监区', homeAddress: '云南省昆明市官渡区关上街道88号' },
    prisonId: 'p',
    organisationId: 'o',
    partnerId: 'b',
    receivedOn: '2026-09-30',
    applicantNames: ['张伟'],
    languages: [{ kind: 'minority', name: '彝语' }],
    interpreterRequired: true,
    withdrawal: null,
    refusal: null,
    createdAt: '',
    updatedAt: '',
    preferred: { date: null, start: null, minutes: 30 },
    applicants: [
      {
        id: 'x',
        name: '张伟',
        role: { kind: 'family', relationship: 'son', proofs: [] },
        document: { kind: 'resident-id', number: '530102199003071238' },
        address: '昆明',
        phone: '138',
        visitorId: null,
      },
    ],
    decision: {
      outcome: 'allowed',
      category: 'family',
      message: '',
      applied: [],
      limits: {
        maxMinutes: 30,
        maxVisitors: 3,
        visitsPerMonth: 1,
        visitsUsedThisMonth: 0,
        visitsLeftThisMonth: 0,
        juvenile: false,
        liftedBy: [],
      },
    },
    steps: [
      {
        id: 's',
        kind: 'prison-decision',
        label: '',
        requirement: 'R8.3',
        organisationId: 'p',
        receivedOn: '2026-10-12',
        dueOn: '2026-10-19',
        overdue: false,
        doneAt: '2026-10-12T02:00:00.000Z',
        outcome: 'approved',
        reason: null,
        requirementIds: [],
        detail: null,
        actorId: null,
      },
    ],
    visits: [
      {
        id: 'v',
        applicationId: 'app1',
        inmateId: 'i1',
        roomId: 'r',
        remoteRoomId: 'rr',
        date: '2026-10-20',
        start: '14:00',
        end: '14:30',
        minutes: 30,
        status: 'scheduled',
        priorityRescheduleOf: null,
        awaitingReschedule: false,
        updatedSeq: 1,
        createdAt: '',
        updatedAt: '',
      },
    ],
    exceptions: [],
  } as unknown as ApplicationRecord;
  const sites = [
    { id: 'p', kind: 'prison', parentId: null, code: 'P', name: '云南省第一监狱' },
    { id: 'b', kind: 'bureau', parentId: null, code: 'B', name: '昆明市官渡区司法局' },
  ] as const;
  test('Form 2 with the bureau’s arrangement from the booked visit, the notice attached', () => {
    const job = printJobOf(app, [...sites], 'form', { approvedOpinion: '同意。' });
    expect(job.form).toBe('form-2');
    if (job.form !== 'form-2') return;
    expect(job.withNotice).toBe(true);
    expect(job.data).toMatchObject({
      prisonName: '云南省第一监狱',
      bureauName: '昆明市官渡区司法局',
      inmateName: '张建国',
      appliedOn: '2026-09-30',
      // Issue #25 item 3 (R8.1): the inmate's ward and home address from the store's record.
      wardName: '三监区',
      inmateAddress: '云南省昆明市官渡区关上街道88号',
      // R23.1: printed so the room prepares the interpreter.
      languages: '彝语',
      interpreterRequired: true,
    });
    expect(job.data.persons[0]).toMatchObject({ name: '张伟', relationship: '儿子' });
    expect(job.data.arrangement).toEqual({
      date: '2026-10-20',
      halfDay: 'afternoon',
      place: '昆明市官渡区司法局',
      visitsPerMonth: 1,
      minutesPerVisit: 30,
      opinion: '同意。',
      decidedOn: '2026-10-12',
    });
  });
  test('before approval the arrangement is blank; the notice alone on request', () => {
    const pending = { ...app, visits: [], steps: [] } as ApplicationRecord;
    const job = printJobOf(pending, [...sites], 'form', { approvedOpinion: '同意。' });
    expect(job.form === 'form-2' && job.data.arrangement).toBeNull();
    expect(printJobOf(app, [...sites], 'notice', { approvedOpinion: '' })).toEqual({ form: 'notice' });
  });
  test('R9.1 issue #25 item 3: Form 1 prints the ward and the address; an address not recorded prints blank', () => {
    const form1 = { ...app, form: 'form-1', inmate: { ...app.inmate, homeAddress: null } } as ApplicationRecord;
    const job = printJobOf(form1, [...sites], 'form', { approvedOpinion: '同意。' });
    expect(job.form === 'form-1' && { ward: job.data.wardName, address: job.data.inmateAddress }).toEqual({
      ward: '三监区',
      address: '',
    });
  });
  test('dates in China: 23:30 UTC is the next day in Kunming', () => {
    expect(chinaDate(new Date('2026-10-11T23:30:00.000Z'))).toBe('2026-10-12');
  });
});
