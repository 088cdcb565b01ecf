import { monthOf } from '../../calendar/iso-date';
import type { AppliedRequirement } from '../decision';
import type { VisitRecord } from '../visit';
import type { RuleContext } from './context';
import { findException } from './exceptions';

export interface QuotaState {
  used: number | null;
  /** Whether this visit takes one of the month's visits. */
  counts: boolean;
  liftedBy: string | null;
}

/** Outcomes that use one of the month's visits: forfeited (R10.1) and interrupted (R18.1) do not. */
function usesQuota(r: VisitRecord): boolean {
  return (
    r.category === 'family' &&
    r.reschedulesVisitId === null &&
    (r.outcome === 'completed' || r.outcome === 'terminated' || r.outcome === 'scheduled')
  );
}

/** Family visits already used (or scheduled) in the visit's calendar month, not counting this one. */
export function visitsUsedInMonth(history: readonly VisitRecord[], visitId: string, date: string): number {
  const month = monthOf(date);
  let used = 0;
  for (const r of history) if (r.id !== visitId && usesQuota(r) && r.date.startsWith(month)) used++;
  return used;
}

/**
 * R14.2 once a calendar month (relaxed for juveniles by prison policy),
 * R10.1 / R18.1 what does not count, R18.1 the priority reschedule on top,
 * R14.3 a warden's 'monthly-quota' exception.
 */
export function checkQuota(ctx: RuleContext): { applied: AppliedRequirement[]; state: QuotaState } {
  const { visit, history, limits, category } = ctx;
  if (category !== 'family') {
    return {
      applied: [{ id: 'R14.2', result: 'not-applicable', detail: '第三十四条特殊会见不占亲属会见次数' }],
      state: { used: null, counts: false, liftedBy: null },
    };
  }
  const used = visitsUsedInMonth(history, visit.id, visit.date);
  const applied: AppliedRequirement[] = [];
  let forfeited = 0;
  let interrupted = 0;
  const month = monthOf(visit.date);
  for (const r of history) {
    if (r.category !== 'family' || !r.date.startsWith(month)) continue;
    if (r.outcome === 'forfeited') forfeited++;
    if (r.outcome === 'interrupted') interrupted++;
  }
  if (forfeited > 0) applied.push({ id: 'R10.1', result: 'passed', detail: `本月${forfeited}次视为放弃的会见不计入次数` });

  if (visit.reschedulesVisitId !== null) {
    const target = visit.reschedulesVisitId;
    const original = history.find((r) => r.id === target);
    const already = history.find(
      (r) => r.id !== visit.id && r.reschedulesVisitId === target && r.outcome !== 'interrupted' && r.outcome !== 'forfeited',
    );
    if (original === undefined || original.outcome !== 'interrupted') {
      applied.push({
        id: 'R18.1',
        result: 'failed',
        detail: `未找到被中断的会见 ${target}`,
        reason: '所称被中断的会见不存在或并未中断，不能按优先补排处理',
      });
    } else if (already !== undefined) {
      applied.push({
        id: 'R18.1',
        result: 'failed',
        detail: `会见 ${target} 已由 ${already.id} 补排`,
        reason: '该次中断的会见已经补排过',
      });
    } else {
      applied.push({ id: 'R18.1', result: 'passed', detail: `补排 ${original.date} 中断的会见 ${target}，不计入本月次数` });
      applied.push({ id: 'R14.2', result: 'not-applicable', detail: `第十八条优先补排，本月已用${used}次` });
      return { applied, state: { used, counts: false, liftedBy: null } };
    }
  } else if (interrupted > 0) {
    applied.push({ id: 'R18.1', result: 'passed', detail: `本月${interrupted}次中断的会见不计入次数` });
  }

  if (used < limits.visitsPerMonth) {
    applied.push({ id: 'R14.2', result: 'passed', detail: `本月已用${used}次，每月${limits.visitsPerMonth}次` });
    return { applied, state: { used, counts: true, liftedBy: null } };
  }
  const found = findException(ctx, 'monthly-quota');
  if (found.kind === 'valid') {
    applied.push({
      id: 'R14.2',
      result: 'lifted',
      detail: `本月已用${used}次，超出每月${limits.visitsPerMonth}次`,
      exceptionId: found.exception.id,
    });
    applied.push({
      id: 'R14.3',
      result: 'passed',
      detail: `监狱长${found.exception.approvedBy.name}于${found.exception.approvedOn}批准增加会见：${found.exception.reason}`,
      exceptionId: found.exception.id,
    });
    return { applied, state: { used, counts: true, liftedBy: found.exception.id } };
  }
  if (found.kind === 'invalid')
    applied.push({
      id: 'R14.3',
      result: 'failed',
      detail: `例外审批 ${found.exception.id} 无效：${found.why}`,
      reason: '增加会见次数未经监狱长批准',
    });
  applied.push({
    id: 'R14.2',
    result: 'failed',
    detail: `本月已用${used}次，每月${limits.visitsPerMonth}次`,
    reason: `罪犯本月会见次数已满（每月${limits.visitsPerMonth}次）`,
  });
  return { applied, state: { used, counts: true, liftedBy: null } };
}
