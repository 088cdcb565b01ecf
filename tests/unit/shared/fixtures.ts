// Builders for rule tests: a valid adult inmate, family visitors with valid
// ID numbers, and a proposed visit that is allowed unless a test changes it.
import { mod11_2CheckChar } from '../../../src-shared/id-number';
import type {
  DecisionInput,
  InmateInput,
  ProposedVisitInput,
  VisitorInput,
  WardenExceptionInput,
} from '../../../src-shared/regulation';

/** A valid 18-digit number from its first 17 digits. */
export function withCheck(first17: string): string {
  return first17 + mod11_2CheckChar(first17);
}

/** Kunming (530102) resident ID for a birth date and sequence. */
export function residentId(birth: string, seq = '123'): string {
  return withCheck(`530102${birth.replaceAll('-', '')}${seq}`);
}

export const INMATE_ID = 'inmate-1';

export function inmate(over: Partial<InmateInput> = {}): InmateInput {
  return {
    id: INMATE_ID,
    name: '张三',
    prisonId: 'prison-km-1',
    wardId: 'ward-3',
    citizenship: { kind: 'chinese' },
    birthDate: '1985-06-15',
    ...over,
  };
}

export function relative(n = 1, over: Partial<VisitorInput> = {}): VisitorInput {
  return {
    id: `visitor-${n}`,
    name: `亲属${n}`,
    document: { kind: 'resident-id', number: residentId('1960-03-0' + String((n % 9) + 1), String(100 + n)) },
    role: { kind: 'family', relationship: 'mother', proofs: ['household-register'] },
    ...over,
  };
}

export function lawyer(n = 1, over: Partial<VisitorInput> = {}): VisitorInput {
  return {
    id: `lawyer-${n}`,
    name: `律师${n}`,
    document: { kind: 'resident-id', number: residentId('1980-01-0' + String((n % 9) + 1), String(200 + n)) },
    role: {
      kind: 'special',
      specialKind: 'lawyer',
      organisation: '云南某律师事务所',
      letter: { kind: 'power-of-attorney', reference: '（2026）委字第12号' },
      credentialNumber: '15301200910000001',
    },
    ...over,
  };
}

export function visit(over: Partial<ProposedVisitInput> = {}): ProposedVisitInput {
  return {
    id: 'visit-new',
    inmateId: INMATE_ID,
    date: '2026-06-10',
    start: '09:00',
    minutes: 30,
    roomId: 'room-1',
    visitors: [relative(1)],
    ...over,
  };
}

export function input(over: Partial<DecisionInput> = {}): DecisionInput {
  return { inmate: inmate(), visit: visit(), ...over };
}

/** An R14.3 exception; `over` must name `lifts` (and its limit), checked by the schema. */
export function warden(over: Record<string, unknown>): WardenExceptionInput {
  return {
    id: 'exc-1',
    inmateId: INMATE_ID,
    visitDate: '2026-06-10',
    approvedBy: { staffId: 'staff-9', name: '李监狱长', role: 'warden' as const },
    approvedOn: '2026-06-01',
    reason: '罪犯母亲病危',
    ...over,
  } as WardenExceptionInput;
}
