import type { AppliedRequirement } from '../decision';
import type { RuleContext } from './context';

/** R3.1: foreign and stateless inmates are outside these measures. */
export function checkCitizenship({ inmate }: RuleContext): AppliedRequirement[] {
  const c = inmate.citizenship;
  if (c.kind === 'chinese') return [{ id: 'R3.1', result: 'passed', detail: '罪犯为中国籍' }];
  const what = c.kind === 'foreign' ? `外国籍（${c.country}）` : '无国籍';
  return [{ id: 'R3.1', result: 'failed', detail: `罪犯为${what}`, reason: '外国籍（无国籍）罪犯的视频会见不适用本办法' }];
}
