// Words for the codes the desk shows: relationships (R36.1, R37.1), proofs (R35.1),
// special visitors (R34.1). The closed lists and their zh-CN labels live in the regulation
// module; the desk never stores or sends the words, only the codes.
import { RELATIONSHIPS, RELATIONSHIP_PROOFS, SPECIAL_VISITORS } from '../../../src-shared/regulation';
import type { ApplicationRecord } from '../../kiosk-types';

type Role = ApplicationRecord['applicants'][number]['role'];

export function roleLabel(role: Role): string {
  if (role.kind === 'family') return RELATIONSHIPS[role.relationship].label;
  return `${SPECIAL_VISITORS[role.specialKind].label}（${role.organisation}）`;
}

export function proofLabels(role: Role): string[] {
  return role.kind === 'family' ? role.proofs.map((p) => RELATIONSHIP_PROOFS[p]) : [];
}
