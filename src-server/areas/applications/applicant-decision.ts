// What a desk outside the inmate's prison may learn from the regulation's decision while it
// receives a Form 2 (R8.1, R8.2): whether the rules allow the visit, and what concerns the
// application it registers (the relationships and proofs R36.1/R37.1/R35.1, special
// visitors' papers R34.1, languages R23.1, how many come and for how long R14.2). The
// prison's records — confinement, penalties,
// suspensions, proceedings (R15.1, R17.2), the inmate's visits this month (R14.2, R10.1,
// R18.1), the warden's exceptions (R14.3), citizenship (R3.1), the approved list (R11.1) —
// stay with the prison, which gives its reasons when it decides (R8.3). A refusal by those
// gets one neutral sentence, with no requirement id and no date that would tell them apart.
import { REQUIREMENT_CITATIONS } from '../../../src-shared/regulation';
import type { Decision, RequirementId } from '../../../src-shared/regulation';
import type { DecisionRecord } from '../../../src-shared/desk/records';

const LAW = '《云南省远程视频会见管理办法》';
const ABOUT_THE_APPLICANTS: ReadonlySet<RequirementId> = new Set<RequirementId>(['R34.1', 'R36.1', 'R37.1', 'R23.1']);

export const NEUTRAL_REFUSAL = `罪犯目前不符合${LAW}规定的会见条件，本次不予安排会见；具体原因由罪犯所在监狱审批时说明。`;
export const NEUTRAL_ALLOWED = `会见人及其关系证明符合${LAW}规定；会见日期、时长和人数由罪犯所在监狱审批确定。`;

/**
 * The R14.2 entries about the visit's length and number of visitors: the regulation checks the
 * month's quota first and these two last (rules/limits.ts, always one each), so they are the
 * last two R14.2 entries; the quota's (the inmate's visits) comes before them.
 */
function limitEntries(decision: Decision): Set<number> {
  const r142 = decision.applied.flatMap((a, i) => (a.id === 'R14.2' ? [i] : []));
  return new Set(r142.slice(-2));
}

export function decisionForApplicant(decision: Decision): DecisionRecord {
  const limits = limitEntries(decision);
  const applied: DecisionRecord['applied'] = decision.applied
    .filter((a, i) => ABOUT_THE_APPLICANTS.has(a.id) || limits.has(i))
    .map((a) => ({ id: a.id, result: a.result, detail: a.detail, ...(a.reason !== undefined ? { reason: a.reason } : {}) }));
  const base = { category: decision.category, applied };
  if (decision.outcome === 'allowed') return { ...base, outcome: 'allowed', message: NEUTRAL_ALLOWED };
  const failed = applied.filter((a) => a.result === 'failed');
  const first = failed[0];
  const message =
    first === undefined
      ? NEUTRAL_REFUSAL
      : `根据${LAW}${REQUIREMENT_CITATIONS[first.id as RequirementId]}，${first.reason ?? first.detail}，本次不予安排会见。`;
  return { ...base, outcome: 'refused', refusedBy: [...new Set(failed.map((a) => a.id))], message };
}
