import { describe, expect, it } from 'vitest';
import { decideVisit } from '../../../src-shared/regulation';
import type { Decision, DecisionInput, RequirementId } from '../../../src-shared/regulation';
import { INMATE_ID, inmate, input, lawyer, relative, residentId, visit, warden } from './fixtures';

function resultsOf(d: Decision, id: RequirementId) {
  return d.applied.filter((a) => a.id === id).map((a) => a.result);
}

interface Case {
  name: string;
  input: DecisionInput;
  outcome: 'allowed' | 'refused';
  /** The requirement the case is about, and the result it must show. */
  id: RequirementId;
  result: 'passed' | 'failed' | 'lifted' | 'not-applicable';
}

const history = (
  ...records: {
    id: string;
    date: string;
    outcome: 'scheduled' | 'completed' | 'forfeited' | 'interrupted' | 'terminated';
    category?: 'family' | 'special';
    reschedulesVisitId?: string | null;
  }[]
) => records.map((r) => ({ category: 'family' as const, reschedulesVisitId: null, ...r }));

const cases: Case[] = [
  // R3.1
  { name: 'R3.1 a Chinese inmate is in scope', input: input(), outcome: 'allowed', id: 'R3.1', result: 'passed' },
  {
    name: 'R3.1 a foreign inmate is refused',
    input: input({ inmate: inmate({ citizenship: { kind: 'foreign', country: 'MMR' } }) }),
    outcome: 'refused',
    id: 'R3.1',
    result: 'failed',
  },
  {
    name: 'R3.1 a stateless inmate is refused',
    input: input({ inmate: inmate({ citizenship: { kind: 'stateless' } }) }),
    outcome: 'refused',
    id: 'R3.1',
    result: 'failed',
  },

  // R14.2 monthly quota, R10.1, R18.1
  {
    name: 'R14.2 first visit of the month is allowed',
    input: input({ history: history({ id: 'v-may', date: '2026-05-31', outcome: 'completed' }) }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R14.2 second visit in the same calendar month is refused',
    input: input({ history: history({ id: 'v-jun', date: '2026-06-01', outcome: 'completed' }) }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.2 a scheduled visit in the month counts',
    input: input({ history: history({ id: 'v-jun', date: '2026-06-28', outcome: 'scheduled' }) }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.2 a terminated visit (R17.1) counts',
    input: input({ history: history({ id: 'v-jun', date: '2026-06-02', outcome: 'terminated' }) }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.2 the same visit re-checked at check-in does not count against itself',
    input: input({ history: history({ id: 'visit-new', date: '2026-06-10', outcome: 'scheduled' }) }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R14.2 special visits do not use the family quota',
    input: input({ history: history({ id: 'v-law', date: '2026-06-02', outcome: 'completed', category: 'special' }) }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R10.1 a forfeited visit does not count',
    input: input({ history: history({ id: 'v-f', date: '2026-06-02', outcome: 'forfeited' }) }),
    outcome: 'allowed',
    id: 'R10.1',
    result: 'passed',
  },
  {
    name: 'R10.1 a forfeited visit next to a completed one does not free the month',
    input: input({
      history: history(
        { id: 'v-f', date: '2026-06-02', outcome: 'forfeited' },
        { id: 'v-c', date: '2026-06-05', outcome: 'completed' },
      ),
    }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R18.1 an interrupted visit does not count',
    input: input({ history: history({ id: 'v-i', date: '2026-06-02', outcome: 'interrupted' }) }),
    outcome: 'allowed',
    id: 'R18.1',
    result: 'passed',
  },
  {
    name: 'R18.1 the rescheduled visit is allowed on top of a used month',
    input: input({
      visit: visit({ reschedulesVisitId: 'v-i' }),
      history: history(
        { id: 'v-i', date: '2026-06-02', outcome: 'interrupted' },
        { id: 'v-c', date: '2026-06-05', outcome: 'completed' },
      ),
    }),
    outcome: 'allowed',
    id: 'R18.1',
    result: 'passed',
  },
  {
    name: 'R18.1 a completed reschedule does not use the month',
    input: input({
      history: history(
        { id: 'v-i', date: '2026-05-30', outcome: 'interrupted' },
        { id: 'v-r', date: '2026-06-03', outcome: 'completed', reschedulesVisitId: 'v-i' },
      ),
    }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R18.1 rescheduling a visit that was not interrupted is refused',
    input: input({
      visit: visit({ reschedulesVisitId: 'v-c' }),
      history: history({ id: 'v-c', date: '2026-06-02', outcome: 'completed' }),
    }),
    outcome: 'refused',
    id: 'R18.1',
    result: 'failed',
  },
  {
    name: 'R18.1 rescheduling the same interruption twice is refused',
    input: input({
      visit: visit({ reschedulesVisitId: 'v-i' }),
      history: history(
        { id: 'v-i', date: '2026-06-02', outcome: 'interrupted' },
        { id: 'v-r', date: '2026-06-04', outcome: 'completed', reschedulesVisitId: 'v-i' },
      ),
    }),
    outcome: 'refused',
    id: 'R18.1',
    result: 'failed',
  },

  // R14.2 minutes and visitors
  {
    name: 'R14.2 30 minutes is allowed',
    input: input({ visit: visit({ minutes: 30 }) }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R14.2 31 minutes is refused',
    input: input({ visit: visit({ minutes: 31 }) }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.2 3 visitors are allowed',
    input: input({ visit: visit({ visitors: [relative(1), relative(2), relative(3)] }) }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R14.2 4 visitors are refused',
    input: input({ visit: visit({ visitors: [relative(1), relative(2), relative(3), relative(4)] }) }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },

  // R14.2 juvenile relaxation, per prison
  {
    name: "R14.2 a juvenile gets the prison's relaxed limits (2 visits, 60 minutes)",
    input: input({
      inmate: inmate({ birthDate: '2009-01-01' }),
      visit: visit({ minutes: 60 }),
      history: history({ id: 'v-c', date: '2026-06-02', outcome: 'completed' }),
      policy: {
        prisonId: 'prison-km-1',
        adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        juvenile: { visitsPerMonth: 2, maxMinutes: 60, maxVisitors: 3 },
      },
    }),
    outcome: 'allowed',
    id: 'R14.2',
    result: 'passed',
  },
  {
    name: 'R14.2 a juvenile beyond the relaxed limit is refused',
    input: input({
      inmate: inmate({ birthDate: '2009-01-01' }),
      visit: visit({ minutes: 61 }),
      policy: {
        prisonId: 'prison-km-1',
        adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        juvenile: { visitsPerMonth: 2, maxMinutes: 60, maxVisitors: 3 },
      },
    }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.2 without a prison policy a juvenile has the normal limits',
    input: input({ inmate: inmate({ birthDate: '2009-01-01' }), visit: visit({ minutes: 45 }) }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },

  // R14.3 warden exceptions
  {
    name: 'R14.3 a warden-approved longer visit is allowed',
    input: input({ visit: visit({ minutes: 60 }), exceptions: [warden({ lifts: 'duration', maxMinutes: 60 })] }),
    outcome: 'allowed',
    id: 'R14.3',
    result: 'passed',
  },
  {
    name: 'R14.3 longer than the warden approved is refused',
    input: input({ visit: visit({ minutes: 61 }), exceptions: [warden({ lifts: 'duration', maxMinutes: 60 })] }),
    outcome: 'refused',
    id: 'R14.3',
    result: 'failed',
  },
  {
    name: 'R14.3 an exception approved by a deputy lifts nothing',
    input: input({
      visit: visit({ minutes: 60 }),
      exceptions: [
        warden({ lifts: 'duration', maxMinutes: 60, approvedBy: { staffId: 's2', name: '王副监狱长', role: 'deputy-warden' } }),
      ],
    }),
    outcome: 'refused',
    id: 'R14.3',
    result: 'failed',
  },
  {
    name: 'R14.3 an exception approved after the visit date lifts nothing',
    input: input({
      visit: visit({ minutes: 60 }),
      exceptions: [warden({ lifts: 'duration', maxMinutes: 60, approvedOn: '2026-06-11' })],
    }),
    outcome: 'refused',
    id: 'R14.3',
    result: 'failed',
  },
  {
    name: 'R14.3 an exception for another date lifts nothing',
    input: input({
      visit: visit({ minutes: 60 }),
      exceptions: [warden({ lifts: 'duration', maxMinutes: 60, visitDate: '2026-06-11' })],
    }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.3 a duration exception does not lift the monthly quota',
    input: input({
      visit: visit({ minutes: 60 }),
      history: history({ id: 'v-c', date: '2026-06-02', outcome: 'completed' }),
      exceptions: [warden({ lifts: 'duration', maxMinutes: 60 })],
    }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.3 a monthly-quota exception allows a second visit',
    input: input({
      history: history({ id: 'v-c', date: '2026-06-02', outcome: 'completed' }),
      exceptions: [warden({ lifts: 'monthly-quota' })],
    }),
    outcome: 'allowed',
    id: 'R14.3',
    result: 'passed',
  },
  {
    name: 'R14.3 a monthly-quota exception does not lengthen the visit',
    input: input({
      visit: visit({ minutes: 40 }),
      history: history({ id: 'v-c', date: '2026-06-02', outcome: 'completed' }),
      exceptions: [warden({ lifts: 'monthly-quota' })],
    }),
    outcome: 'refused',
    id: 'R14.2',
    result: 'failed',
  },
  {
    name: 'R14.3 a visitor-count exception allows 4 visitors',
    input: input({
      visit: visit({ visitors: [relative(1), relative(2), relative(3), relative(4)] }),
      exceptions: [warden({ lifts: 'visitor-count', maxVisitors: 4 })],
    }),
    outcome: 'allowed',
    id: 'R14.3',
    result: 'passed',
  },
  {
    name: 'R14.3 no exception lifts R15.1',
    input: input({
      inmate: inmate({ penalties: [{ kind: 'warning', date: '2026-06-01' }] }),
      exceptions: [warden({ lifts: 'monthly-quota' }), warden({ id: 'e2', lifts: 'duration', maxMinutes: 60 })],
    }),
    outcome: 'refused',
    id: 'R15.1(4)',
    result: 'failed',
  },
  {
    name: "R14.3 a visit inside the prison's visiting hours needs no approval",
    input: input({
      policy: {
        prisonId: 'prison-km-1',
        adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        juvenile: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        visitingHours: [{ start: '08:30', end: '11:30' }],
      },
    }),
    outcome: 'allowed',
    id: 'R14.3',
    result: 'not-applicable',
  },
  {
    name: 'R14.3 a visit outside visiting hours without approval is refused',
    input: input({
      visit: visit({ start: '19:00' }),
      policy: {
        prisonId: 'prison-km-1',
        adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        juvenile: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        visitingHours: [{ start: '08:30', end: '11:30' }],
      },
    }),
    outcome: 'refused',
    id: 'R14.3',
    result: 'failed',
  },
  {
    name: "R14.3 a visit outside visiting hours with the warden's approval is allowed",
    input: input({
      visit: visit({ start: '19:00' }),
      exceptions: [warden({ lifts: 'visiting-hours' })],
      policy: {
        prisonId: 'prison-km-1',
        adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        juvenile: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        visitingHours: [{ start: '08:30', end: '11:30' }],
      },
    }),
    outcome: 'allowed',
    id: 'R14.3',
    result: 'passed',
  },

  // R15.1 (1) to (6)
  {
    name: 'R15.1(1) after the proceedings ended the visit is allowed',
    input: input({
      inmate: inmate({ statusPeriods: [{ kind: 'criminal-proceedings', start: '2026-01-01', end: '2026-06-09' }] }),
    }),
    outcome: 'allowed',
    id: 'R15.1(1)',
    result: 'passed',
  },
  {
    name: 'R15.1(1) during investigation, prosecution or trial the visit is refused',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'criminal-proceedings', start: '2026-01-01', end: null }] }) }),
    outcome: 'refused',
    id: 'R15.1(1)',
    result: 'failed',
  },
  {
    name: 'R15.1(1) does not bar an R34.1 interrogation',
    input: input({
      inmate: inmate({ statusPeriods: [{ kind: 'criminal-proceedings', start: '2026-01-01', end: null }] }),
      visit: visit({ visitors: [lawyer(1)] }),
    }),
    outcome: 'allowed',
    id: 'R15.1(1)',
    result: 'not-applicable',
  },
  // The day after confinement (2): no longer in confinement, but within three months of the confinement penalty (4).
  {
    name: 'R15.1(2) the day after confinement ends (2) passes',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'confinement', start: '2026-06-01', end: '2026-06-09' }] }) }),
    outcome: 'refused',
    id: 'R15.1(2)',
    result: 'passed',
  },
  {
    name: 'R15.1(4) a confinement recorded only as a status period refuses a visit in the three months after it',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'confinement', start: '2026-04-01', end: '2026-04-10' }] }) }),
    outcome: 'refused',
    id: 'R15.1(4)',
    result: 'failed',
  },
  {
    name: 'R15.1(4) a confinement status period counts three months from its start, like the penalty (last day refused)',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'confinement', start: '2026-03-10', end: '2026-03-20' }] }) }),
    outcome: 'refused',
    id: 'R15.1(4)',
    result: 'failed',
  },
  {
    name: 'R15.1(4) a confinement status period over three months ago allows the visit',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'confinement', start: '2026-03-09', end: '2026-03-20' }] }) }),
    outcome: 'allowed',
    id: 'R15.1(4)',
    result: 'passed',
  },
  {
    name: 'R15.1(2) a confinement over three months before the visit allows it',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'confinement', start: '2026-01-01', end: '2026-01-10' }] }) }),
    outcome: 'allowed',
    id: 'R15.1(2)',
    result: 'passed',
  },
  {
    name: 'R15.1(2) on the last day of confinement the visit is refused',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'confinement', start: '2026-06-01', end: '2026-06-10' }] }) }),
    outcome: 'refused',
    id: 'R15.1(2)',
    result: 'failed',
  },
  {
    name: 'R15.1(3) after entry training the visit is allowed',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'entry-training', start: '2026-03-01', end: '2026-05-31' }] }) }),
    outcome: 'allowed',
    id: 'R15.1(3)',
    result: 'passed',
  },
  {
    name: 'R15.1(3) during entry training the visit is refused',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'entry-training', start: '2026-06-10', end: '2026-08-31' }] }) }),
    outcome: 'refused',
    id: 'R15.1(3)',
    result: 'failed',
  },
  {
    name: 'R15.1(3) during strict-management training the visit is refused',
    input: input({ inmate: inmate({ statusPeriods: [{ kind: 'strict-training', start: '2026-06-01', end: '2026-06-30' }] }) }),
    outcome: 'refused',
    id: 'R15.1(3)',
    result: 'failed',
  },
  {
    name: 'R15.1(4) a warning over a month ago allows the visit',
    input: input({ inmate: inmate({ penalties: [{ kind: 'warning', date: '2026-05-09' }] }) }),
    outcome: 'allowed',
    id: 'R15.1(4)',
    result: 'passed',
  },
  {
    name: 'R15.1(4) a demerit within a month refuses the visit',
    input: input({ inmate: inmate({ penalties: [{ kind: 'demerit', date: '2026-05-10' }] }) }),
    outcome: 'refused',
    id: 'R15.1(4)',
    result: 'failed',
  },
  {
    name: 'R15.1(4) a confinement penalty within three months refuses the visit',
    input: input({ inmate: inmate({ penalties: [{ kind: 'confinement', date: '2026-03-10' }] }) }),
    outcome: 'refused',
    id: 'R15.1(4)',
    result: 'failed',
  },
  {
    name: 'R15.1(4) a confinement penalty over three months ago allows the visit',
    input: input({ inmate: inmate({ penalties: [{ kind: 'confinement', date: '2026-03-09' }] }) }),
    outcome: 'allowed',
    id: 'R15.1(4)',
    result: 'passed',
  },
  {
    name: 'R15.1(4) a penalty after the visit date does not bar it',
    input: input({ inmate: inmate({ penalties: [{ kind: 'confinement', date: '2026-06-11' }] }) }),
    outcome: 'allowed',
    id: 'R15.1(4)',
    result: 'passed',
  },
  {
    name: 'R15.1(5) an investigation that ended the day before allows the visit',
    input: input({
      inmate: inmate({ statusPeriods: [{ kind: 'serious-violation-investigation', start: '2026-06-08', end: '2026-06-09' }] }),
    }),
    outcome: 'allowed',
    id: 'R15.1(5)',
    result: 'passed',
  },
  {
    name: 'R15.1(5) under investigation for a serious violation that day refuses the visit',
    input: input({
      inmate: inmate({ statusPeriods: [{ kind: 'serious-violation-investigation', start: '2026-06-10', end: '2026-06-10' }] }),
    }),
    outcome: 'refused',
    id: 'R15.1(5)',
    result: 'failed',
  },
  {
    name: 'R15.1(6) another restriction that has ended allows the visit',
    input: input({
      inmate: inmate({
        statusPeriods: [{ kind: 'other-restriction', start: '2026-04-01', end: '2026-04-30', reason: '疫情防控封闭管理' }],
      }),
    }),
    outcome: 'allowed',
    id: 'R15.1(6)',
    result: 'passed',
  },
  {
    name: 'R15.1(6) another restriction with a reason refuses the visit',
    input: input({
      inmate: inmate({
        statusPeriods: [{ kind: 'other-restriction', start: '2026-06-01', end: null, reason: '有脱逃预谋，正在布控' }],
      }),
    }),
    outcome: 'refused',
    id: 'R15.1(6)',
    result: 'failed',
  },

  // R17.2
  {
    name: 'R17.2 the day after a suspension ends the visit is allowed',
    input: input({
      inmate: inmate({ suspensions: [{ start: '2026-05-10', end: '2026-06-09', reason: 'R17.1(8)', decidedBy: '监狱长' }] }),
    }),
    outcome: 'allowed',
    id: 'R17.2',
    result: 'passed',
  },
  {
    name: 'R17.2 during a suspension the visit is refused',
    input: input({
      inmate: inmate({ suspensions: [{ start: '2026-04-10', end: '2026-07-09', reason: 'R17.1(6)', decidedBy: '监狱长' }] }),
    }),
    outcome: 'refused',
    id: 'R17.2',
    result: 'failed',
  },

  // R36.1 / R37.1
  {
    name: 'R36.1 a proven in-law is allowed',
    input: input({
      visit: visit({
        visitors: [relative(1, { role: { kind: 'family', relationship: 'wifes-mother', proofs: ['marriage-certificate'] } })],
      }),
    }),
    outcome: 'allowed',
    id: 'R36.1',
    result: 'passed',
  },
  {
    name: 'R36.1 a relative without proof of the relationship is refused',
    input: input({
      visit: visit({ visitors: [relative(1, { role: { kind: 'family', relationship: 'elder-brother', proofs: [] } })] }),
    }),
    outcome: 'refused',
    id: 'R36.1',
    result: 'failed',
  },
  {
    name: 'R37.1 a guardian of a juvenile inmate is allowed',
    input: input({
      inmate: inmate({ birthDate: '2009-02-01' }),
      visit: visit({
        visitors: [relative(1, { role: { kind: 'family', relationship: 'guardian-person', proofs: ['guardianship-document'] } })],
      }),
    }),
    outcome: 'allowed',
    id: 'R37.1',
    result: 'passed',
  },
  {
    name: 'R37.1 a guardian of an adult inmate lacking capacity is allowed',
    input: input({
      inmate: inmate({ limitedCivilCapacity: true }),
      visit: visit({
        visitors: [
          relative(1, { role: { kind: 'family', relationship: 'guardian-organisation', proofs: ['guardianship-document'] } }),
        ],
      }),
    }),
    outcome: 'allowed',
    id: 'R37.1',
    result: 'passed',
  },
  {
    name: 'R37.1 a guardian of an adult with full capacity is refused',
    input: input({
      visit: visit({
        visitors: [relative(1, { role: { kind: 'family', relationship: 'guardian-person', proofs: ['guardianship-document'] } })],
      }),
    }),
    outcome: 'refused',
    id: 'R37.1',
    result: 'failed',
  },

  // R34.1
  {
    name: 'R34.1 a lawyer with a power of attorney and licence is allowed outside the family quota',
    input: input({
      visit: visit({ visitors: [lawyer(1)] }),
      history: history({ id: 'v-c', date: '2026-06-02', outcome: 'completed' }),
    }),
    outcome: 'allowed',
    id: 'R34.1',
    result: 'passed',
  },
  {
    name: 'R34.1 a special visitor without a letter is refused',
    input: input({
      visit: visit({
        visitors: [
          lawyer(1, {
            role: {
              kind: 'special',
              specialKind: 'police',
              organisation: '昆明市公安局',
              letter: null,
              credentialNumber: '012345',
            },
          }),
        ],
      }),
    }),
    outcome: 'refused',
    id: 'R34.1',
    result: 'failed',
  },
  {
    name: 'R34.1 a special visitor without credentials is refused',
    input: input({
      visit: visit({
        visitors: [
          lawyer(1, {
            role: {
              kind: 'special',
              specialKind: 'notary',
              organisation: '昆明市明信公证处',
              letter: { kind: 'official-letter', reference: '明公函〔2026〕3号' },
              credentialNumber: null,
            },
          }),
        ],
      }),
    }),
    outcome: 'refused',
    id: 'R34.1',
    result: 'failed',
  },
  {
    name: 'R34.1 mixing a lawyer into a family visit is refused',
    input: input({ visit: visit({ visitors: [relative(1), lawyer(1)] }) }),
    outcome: 'refused',
    id: 'R34.1',
    result: 'failed',
  },

  // R23.1
  { name: 'R23.1 Mandarin needs no interpreter', input: input(), outcome: 'allowed', id: 'R23.1', result: 'not-applicable' },
  {
    name: 'R23.1 Yi language with an interpreter is allowed',
    input: input({
      visit: visit({
        languages: [{ kind: 'minority', name: '彝语' }],
        interpreter: {
          name: '阿依',
          document: { kind: 'resident-id', number: residentId('1990-01-01', '125') },
          languages: ['彝语'],
        },
      }),
    }),
    outcome: 'allowed',
    id: 'R23.1',
    result: 'passed',
  },
  {
    name: 'R23.1 sign language without an interpreter is refused',
    input: input({ visit: visit({ languages: [{ kind: 'sign' }] }) }),
    outcome: 'refused',
    id: 'R23.1',
    result: 'failed',
  },
  {
    name: 'R23.1 a foreign language without an interpreter is refused',
    input: input({ visit: visit({ languages: [{ kind: 'mandarin' }, { kind: 'foreign', name: '缅甸语' }] }) }),
    outcome: 'refused',
    id: 'R23.1',
    result: 'failed',
  },

  // R11.1
  {
    name: 'R11.1 at check-in approved visitors are allowed',
    input: input({ visit: visit({ approvedVisitorIds: ['visitor-1'] }) }),
    outcome: 'allowed',
    id: 'R11.1',
    result: 'passed',
  },
  {
    name: 'R11.1 at check-in an unlisted visitor is refused',
    input: input({ visit: visit({ visitors: [relative(1), relative(2)], approvedVisitorIds: ['visitor-1'] }) }),
    outcome: 'refused',
    id: 'R11.1',
    result: 'failed',
  },
];

describe('decideVisit: one allowed and one refused case per requirement', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const d = decideVisit(c.input);
    expect(d.outcome, JSON.stringify(d.applied.filter((a) => a.result === 'failed'))).toBe(c.outcome);
    expect(resultsOf(d, c.id)).toContain(c.result);
    expect(d.message).toMatch(/。$/);
    if (d.outcome === 'refused') {
      if (c.result === 'failed') expect(d.refusedBy).toContain(c.id);
      expect(d.message).toContain('不予安排会见');
    }
  });

  it('every requirement id has an allowed and a refused case', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const id of ids) {
      const ofId = cases.filter((c) => c.id === id || c.name.startsWith(`${id} `));
      expect(
        ofId.some((c) => c.outcome === 'allowed'),
        `${id} allowed`,
      ).toBe(true);
      expect(
        ofId.some((c) => c.outcome === 'refused'),
        `${id} refused`,
      ).toBe(true);
    }
  });
});

describe('decisions carry limits and sentences', () => {
  it('R14.2 an allowed visit reports minutes, visitors and visits left this month', () => {
    const d = decideVisit(input());
    expect(d.outcome).toBe('allowed');
    if (d.outcome !== 'allowed') return;
    expect(d.limits).toEqual({
      maxMinutes: 30,
      maxVisitors: 3,
      visitsPerMonth: 1,
      visitsUsedThisMonth: 0,
      visitsLeftThisMonth: 0,
      juvenile: false,
      liftedBy: [],
    });
    expect(d.message).toBe(
      '符合《云南省远程视频会见管理办法》规定，准予会见：时长不超过30分钟，会见人数不超过3人，本月剩余会见次数0次。',
    );
  });

  it('R14.3 limits show what the warden lifted, and nothing else', () => {
    const d = decideVisit(input({ visit: visit({ minutes: 45 }), exceptions: [warden({ lifts: 'duration', maxMinutes: 45 })] }));
    expect(d.outcome).toBe('allowed');
    if (d.outcome !== 'allowed') return;
    expect(d.limits.maxMinutes).toBe(45);
    expect(d.limits.maxVisitors).toBe(3);
    expect(d.limits.liftedBy).toEqual(['exc-1']);
  });

  it('R34.1 a special visit has no family quota in its limits', () => {
    const d = decideVisit(input({ visit: visit({ visitors: [lawyer(1)] }) }));
    expect(d.category).toBe('special');
    if (d.outcome !== 'allowed') throw new Error('expected allowed');
    expect(d.limits.visitsPerMonth).toBeNull();
    expect(d.message).toContain('不占亲属会见次数');
  });

  it('R15.1(4) a refusal tells the applicant when to apply again', () => {
    const d = decideVisit(input({ inmate: inmate({ penalties: [{ kind: 'warning', date: '2026-05-20' }] }) }));
    expect(d.message).toBe(
      '根据《云南省远程视频会见管理办法》第十五条第（四）项，罪犯受警告处分未满一个月，本次不予安排会见，可于2026年6月21日起再次申请。',
    );
    expect(d.outcome === 'refused' && d.availableFrom).toBe('2026-06-21');
  });

  it('R15.1(6) the staff reason stays out of the sentence read to the applicant', () => {
    const d = decideVisit(
      input({
        inmate: inmate({
          statusPeriods: [{ kind: 'other-restriction', start: '2026-06-01', end: null, reason: '有脱逃预谋，正在布控' }],
        }),
      }),
    );
    expect(d.message).not.toContain('脱逃');
    expect(d.applied.find((a) => a.id === 'R15.1(6)')?.detail).toContain('脱逃');
    expect(d.outcome).toBe('refused');
    expect(d.outcome === 'refused' ? d.availableFrom : 'n/a').toBeUndefined();
  });

  it('R3.1 every other requirement is still applied and listed', () => {
    const d = decideVisit(input({ inmate: inmate({ citizenship: { kind: 'stateless' } }), visit: visit({ minutes: 40 }) }));
    expect(d.outcome === 'refused' && d.refusedBy).toEqual(['R3.1', 'R14.2']);
    expect(d.message).toContain('第三条');
    expect(d.applied.map((a) => a.id)).toEqual(expect.arrayContaining(['R15.1(1)', 'R15.1(6)', 'R17.2', 'R23.1']));
  });

  it('R14.2 visits left counts down for a juvenile with 3 a month', () => {
    const d = decideVisit(
      input({
        inmate: inmate({ birthDate: '2010-01-01' }),
        history: [{ id: 'v1', date: '2026-06-01', outcome: 'completed', category: 'family' }],
        policy: {
          prisonId: 'prison-km-1',
          adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
          juvenile: { visitsPerMonth: 3, maxMinutes: 30, maxVisitors: 3 },
        },
      }),
    );
    expect(d.outcome === 'allowed' && d.limits).toMatchObject({ juvenile: true, visitsUsedThisMonth: 1, visitsLeftThisMonth: 1 });
  });

  it('the inmate id in the visit must match', () => {
    expect(() => decideVisit(input({ visit: visit({ inmateId: 'other' }) }))).toThrow(
      expect.objectContaining({ field: 'visit.inmateId' }),
    );
    expect(INMATE_ID).toBe('inmate-1');
  });
});
