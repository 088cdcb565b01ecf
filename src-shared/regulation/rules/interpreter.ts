import type { AppliedRequirement } from '../decision';
import type { RuleContext } from './context';

/** R23.1: a foreign or minority language, or sign language, needs an interpreter present (on the visit day). */
export function checkInterpreter({ visit }: RuleContext): AppliedRequirement[] {
  const needing = visit.languages.filter((l) => l.kind !== 'mandarin');
  if (needing.length === 0) return [{ id: 'R23.1', result: 'not-applicable', detail: '使用普通话' }];
  const names = needing.map((l) => (l.kind === 'sign' ? '手语' : l.name)).join('、');
  if (visit.interpreter === null && visit.stage === 'application') {
    return [{ id: 'R23.1', result: 'passed', detail: `使用${names}，会见当日须有翻译人员在场并登记` }];
  }
  if (visit.interpreter === null) {
    return [
      { id: 'R23.1', result: 'failed', detail: `使用${names}，未登记翻译人员`, reason: `会见使用${names}，须有翻译人员在场` },
    ];
  }
  return [{ id: 'R23.1', result: 'passed', detail: `使用${names}，翻译人员 ${visit.interpreter.name}` }];
}
