import { formatZhDate } from '../../calendar/iso-date';
import type { AppliedRequirement } from '../decision';
import { STATUS_PERIOD_LABELS } from '../inmate';
import type { Inmate, Penalty, StatusPeriodKind } from '../inmate';
import type { RequirementId } from '../requirement-ids';
import type { RuleContext } from './context';
import { dayAfter, penaltyBlocks, penaltyWindowLastDay, periodCovers } from './windows';

const CLAUSES: { id: RequirementId; kinds: StatusPeriodKind[]; reason: string; special: boolean }[] = [
  // R34.1 interrogations exist for cases under investigation: (1) does not bar them.
  { id: 'R15.1(1)', kinds: ['criminal-proceedings'], reason: '罪犯正处于被立案侦查、起诉、审判期间', special: false },
  { id: 'R15.1(2)', kinds: ['confinement'], reason: '罪犯正处于禁闭期间', special: true },
  { id: 'R15.1(3)', kinds: ['entry-training', 'strict-training'], reason: '罪犯正处于入监集训或严管集训期间', special: true },
  { id: 'R15.1(5)', kinds: ['serious-violation-investigation'], reason: '罪犯在会见当日因严重违纪正在被调查处理', special: true },
  // (6): the staff's reason stays in `detail`; the applicant hears the clause only.
  { id: 'R15.1(6)', kinds: ['other-restriction'], reason: '罪犯存在影响监狱安全或者有碍罪犯改造的情形', special: true },
];

/** R15.1(1)(2)(3)(5)(6): status periods that cover the visit date. */
export function checkStatusPeriods({ inmate, visit, category }: RuleContext): AppliedRequirement[] {
  const out: AppliedRequirement[] = [];
  for (const clause of CLAUSES) {
    if (category === 'special' && !clause.special) {
      out.push({ id: clause.id, result: 'not-applicable', detail: '第三十四条特殊会见（询问、讯问）不受此项限制' });
      continue;
    }
    const covering = inmate.statusPeriods.filter(
      (p) => clause.kinds.includes(p.kind) && periodCovers(p.start, p.end, visit.date),
    );
    if (covering.length === 0) {
      out.push({ id: clause.id, result: 'passed', detail: '会见日期不在该情形期间内' });
      continue;
    }
    // Known only when every covering period has an end.
    let latestEnd: string | null = null;
    let openEnded = false;
    for (const p of covering) {
      if (p.end === null) openEnded = true;
      else if (latestEnd === null || p.end > latestEnd) latestEnd = p.end;
    }
    const latest = !openEnded && latestEnd !== null ? dayAfter(latestEnd) : undefined;
    const reasons = covering
      .map((p) =>
        p.kind === 'other-restriction' ? `${STATUS_PERIOD_LABELS[p.kind]}：${p.reason}` : STATUS_PERIOD_LABELS[p.kind],
      )
      .join('；');
    out.push({
      id: clause.id,
      result: 'failed',
      detail: `${covering.map((p) => `${p.start}至${p.end ?? '今'}`).join('、')}：${reasons}`,
      reason: clause.reason,
      ...(latest !== undefined ? { availableFrom: latest } : {}),
    });
  }
  return out;
}

const PENALTY_LABEL = { warning: '警告', demerit: '记过', confinement: '禁闭' } as const;

/**
 * The penalties R15.1(4) counts from: those recorded, and a confinement penalty for every
 * confinement status period (confinement is only ever imposed as a penalty, 监狱法 第五十八条,
 * decided the day it starts), so a period recorded without its penalty still bars visits
 * for three months.
 */
export function penaltiesOf(inmate: Pick<Inmate, 'penalties' | 'statusPeriods'>): Penalty[] {
  const fromPeriods = inmate.statusPeriods
    .filter((p) => p.kind === 'confinement')
    .map((p): Penalty => ({ kind: 'confinement', date: p.start }));
  return [...inmate.penalties, ...fromPeriods];
}

/** R15.1(4): within 1 month of a warning or demerit, 3 months of a confinement penalty. */
export function checkPenalties({ inmate, visit, category }: RuleContext): AppliedRequirement[] {
  if (category === 'special') return [{ id: 'R15.1(4)', result: 'not-applicable', detail: '第三十四条特殊会见不受处分期限制' }];
  let worst: { kind: keyof typeof PENALTY_LABEL; date: string; last: string } | null = null;
  for (const p of penaltiesOf(inmate)) {
    if (!penaltyBlocks(p, visit.date)) continue;
    const last = penaltyWindowLastDay(p);
    if (worst === null || last > worst.last) worst = { kind: p.kind, date: p.date, last };
  }
  if (worst === null) return [{ id: 'R15.1(4)', result: 'passed', detail: '会见日期不在处分期限内' }];
  const span = worst.kind === 'confinement' ? '三个月' : '一个月';
  return [
    {
      id: 'R15.1(4)',
      result: 'failed',
      detail: `${worst.date} 受${PENALTY_LABEL[worst.kind]}处分，${formatZhDate(worst.last)}（含）前不安排会见`,
      reason: `罪犯受${PENALTY_LABEL[worst.kind]}处分未满${span}`,
      availableFrom: dayAfter(worst.last),
    },
  ];
}
