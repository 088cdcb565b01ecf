import type { AppliedRequirement } from '../decision';
import type { RuleContext } from './context';
import { dayAfter, periodCovers } from './windows';

/** R17.2: no visit while the inmate's visits are suspended (start and end inclusive). */
export function checkSuspensions({ inmate, visit, category }: RuleContext): AppliedRequirement[] {
  if (category === 'special')
    return [{ id: 'R17.2', result: 'not-applicable', detail: '暂停的是亲属会见；第三十四条特殊会见不受影响' }];
  let last: string | null = null;
  for (const s of inmate.suspensions) {
    if (periodCovers(s.start, s.end, visit.date) && (last === null || s.end > last)) last = s.end;
  }
  if (last === null) return [{ id: 'R17.2', result: 'passed', detail: '不在暂停会见期间' }];
  return [
    {
      id: 'R17.2',
      result: 'failed',
      detail: `暂停会见至 ${last}（含）`,
      reason: '罪犯正处于暂停会见期间',
      availableFrom: dayAfter(last),
    },
  ];
}
