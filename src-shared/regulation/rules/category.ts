import { SPECIAL_VISITORS } from '../special-visitors';
import type { AppliedRequirement } from '../decision';
import type { Visitor } from '../visitor';
import type { VisitCategory } from '../visit';
import type { RuleContext } from './context';

/** Family (R36.1/R37.1) or special (R34.1); a mix is neither. */
export function categoryOf(visitors: readonly Visitor[]): VisitCategory | null {
  let family = 0;
  for (const v of visitors) if (v.role.kind === 'family') family++;
  if (family === visitors.length) return 'family';
  return family === 0 ? 'special' : null;
}

/** R34.1: special visitors need a letter and a credential, and visit as their own category. */
export function checkSpecialVisitors({ visit, category }: RuleContext): AppliedRequirement[] {
  if (category === null) {
    return [
      {
        id: 'R34.1',
        result: 'failed',
        detail: '亲属与特殊会见人员混在同一次会见中',
        reason: '律师、公检法等特殊会见须单独申请，不能与亲属会见合并',
      },
    ];
  }
  if (category === 'family') return [{ id: 'R34.1', result: 'not-applicable', detail: '亲属、监护人会见' }];
  const out: AppliedRequirement[] = [];
  for (const v of visit.visitors) {
    if (v.role.kind !== 'special') continue;
    const who = `${SPECIAL_VISITORS[v.role.specialKind].label}（${v.role.organisation}）${v.name}`;
    const missing = [
      v.role.letter === null ? '行政介绍信、公函或委托书' : null,
      v.role.credentialNumber === null ? '相关证件' : null,
    ].filter((m) => m !== null);
    out.push(
      missing.length === 0
        ? {
            id: 'R34.1',
            result: 'passed',
            detail: `${who}：文书 ${v.role.letter?.reference ?? ''}，证件 ${v.role.credentialNumber ?? ''}`,
          }
        : {
            id: 'R34.1',
            result: 'failed',
            detail: `${who}：缺少${missing.join('和')}`,
            reason: `${v.name}未持${missing.join('和')}`,
          },
    );
  }
  return out;
}
