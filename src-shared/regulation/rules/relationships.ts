import { RELATIONSHIPS, RELATIONSHIP_PROOFS, relationshipRequirement } from '../relationships';
import type { AppliedRequirement } from '../decision';
import type { RuleContext } from './context';

/**
 * R36.1 / R37.1: each family visitor's relationship is on the closed list
 * (the schema enforces that) and is proven (R35.1). A guardian (R37.1) only
 * exists for an inmate who is a minor or lacks full civil capacity.
 */
export function checkRelationships({ visit, inmate, juvenile }: RuleContext): AppliedRequirement[] {
  const out: AppliedRequirement[] = [];
  for (const v of visit.visitors) {
    if (v.role.kind !== 'family') continue;
    const code = v.role.relationship;
    const id = relationshipRequirement(code);
    const label = RELATIONSHIPS[code].label;
    if (v.role.proofs.length === 0) {
      out.push({
        id,
        result: 'failed',
        detail: `${v.name}（${label}）未提供有效关系证明（R35.1）`,
        reason: `${v.name}与罪犯的${label}关系未经有效证明`,
      });
    } else if (id === 'R37.1' && !juvenile && !inmate.limitedCivilCapacity) {
      out.push({
        id,
        result: 'failed',
        detail: `${v.name}登记为监护人，但罪犯已成年且具有完全民事行为能力`,
        reason: `罪犯已成年且具有完全民事行为能力，${v.name}不能以监护人身份会见`,
      });
    } else {
      out.push({
        id,
        result: 'passed',
        detail: `${v.name}：${label}，证明：${v.role.proofs.map((p) => RELATIONSHIP_PROOFS[p]).join('、')}`,
      });
    }
  }
  return out;
}

/** R11.1: at check-in, every visitor must be one the approval named. */
export function checkApprovedVisitors({ visit }: RuleContext): AppliedRequirement[] {
  const approved = visit.approvedVisitorIds;
  if (approved === null) return [{ id: 'R11.1', result: 'not-applicable', detail: '尚在审批，未到查验环节' }];
  const unlisted = visit.visitors.filter((v) => !approved.includes(v.id));
  if (unlisted.length === 0) return [{ id: 'R11.1', result: 'passed', detail: '会见人员均为经批准的人员' }];
  const names = unlisted.map((v) => v.name).join('、');
  return [{ id: 'R11.1', result: 'failed', detail: `${names}不在批准的会见人员名单中`, reason: `${names}不是经批准的会见人员` }];
}
