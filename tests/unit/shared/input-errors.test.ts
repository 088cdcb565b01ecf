import { describe, expect, it } from 'vitest';
import { decideVisit, RegulationInputError } from '../../../src-shared/regulation';
import type { DecisionInput } from '../../../src-shared/regulation';
import { inmate, input, relative, visit } from './fixtures';

function errorOf(value: unknown): RegulationInputError {
  try {
    decideVisit(value as DecisionInput);
  } catch (e) {
    if (e instanceof RegulationInputError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('bad input is a typed error naming the field, never a decision', () => {
  it.each([
    [
      'R36.1 an unknown relationship code',
      input({
        visit: visit({ visitors: [relative(1, { role: { kind: 'family', relationship: 'friend' as 'mother', proofs: [] } })] }),
      }),
      'visit.visitors.0.role.relationship',
      'unknown-code',
    ],
    ['a malformed visit date', input({ visit: visit({ date: '2026-6-1' }) }), 'visit.date', 'malformed-date'],
    ['an impossible visit date', input({ visit: visit({ date: '2026-02-30' }) }), 'visit.date', 'malformed-date'],
    ['a malformed birth date', input({ inmate: inmate({ birthDate: '1985/06/15' }) }), 'inmate.birthDate', 'malformed-date'],
    ['a malformed start time', input({ visit: visit({ start: '9:00' }) }), 'visit.start', 'malformed-time'],
    [
      'an impossible ID number (bad check character)',
      input({ visit: visit({ visitors: [relative(1, { document: { kind: 'resident-id', number: '530102196003011230' } })] }) }),
      'visit.visitors.0.document.number',
      'invalid-id-number',
    ],
    [
      'an ID number with an impossible birth date',
      input({ visit: visit({ visitors: [relative(1, { document: { kind: 'resident-id', number: '530102196002301230' } })] }) }),
      'visit.visitors.0.document.number',
      'invalid-id-number',
    ],
    [
      'a foreign ID number presented as a resident ID',
      input({ visit: visit({ visitors: [relative(1, { document: { kind: 'resident-id', number: '911156198001010012' } })] }) }),
      'visit.visitors.0.document.number',
      'invalid-id-number',
    ],
    [
      'an unknown penalty kind',
      input({ inmate: inmate({ penalties: [{ kind: 'fine' as 'warning', date: '2026-01-01' }] }) }),
      'inmate.penalties.0.kind',
      'unknown-code',
    ],
    [
      'more than six visitors',
      input({ visit: visit({ visitors: [1, 2, 3, 4, 5, 6, 7].map((n) => relative(n)) }) }),
      'visit.visitors',
      'invalid',
    ],
    [
      'R15.1(6) other restriction without a reason',
      input({ inmate: inmate({ statusPeriods: [{ kind: 'other-restriction', start: '2026-01-01', end: null, reason: ' ' }] }) }),
      'inmate.statusPeriods.0.reason',
      'invalid',
    ],
    [
      'R14.2 a juvenile policy tighter than the adult one',
      input({
        policy: {
          prisonId: 'prison-km-1',
          adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
          juvenile: { visitsPerMonth: 1, maxMinutes: 20, maxVisitors: 3 },
        },
      }),
      'policy.juvenile.maxMinutes',
      'invalid',
    ],
    [
      'a policy of another prison',
      input({
        policy: {
          prisonId: 'other',
          adult: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
          juvenile: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 },
        },
      }),
      'policy.prisonId',
      'invalid',
    ],
  ])('%s', (_name, value, field, problem) => {
    const e = errorOf(value);
    expect(e.field).toBe(field);
    expect(e.problem).toBe(problem);
    expect(e.message).toContain(field);
  });

  it('R14.3 an exception without a reason is bad input', () => {
    const e = errorOf(
      input({
        exceptions: [
          {
            lifts: 'duration',
            maxMinutes: 60,
            id: 'e',
            inmateId: 'inmate-1',
            visitDate: '2026-06-10',
            approvedBy: { staffId: 's', name: '李', role: 'warden' },
            approvedOn: '2026-06-01',
            reason: '',
          },
        ],
      }),
    );
    expect(e.field).toBe('exceptions.0.reason');
  });
});
