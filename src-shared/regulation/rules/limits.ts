import { weekday } from '../../calendar/iso-date';
import { minutesOfDay } from '../../calendar/iso-date-schema';
import { arrangementFor, WEEKDAY_NAMES } from '../prison-policy';
import type { AppliedRequirement } from '../decision';
import type { RuleContext } from './context';
import { findException } from './exceptions';

export interface LimitState {
  maxMinutes: number;
  maxVisitors: number;
  liftedBy: string[];
}

function invalidNote(
  ctx: RuleContext,
  limit: 'duration' | 'visitor-count' | 'visiting-hours',
  what: string,
): AppliedRequirement[] {
  const found = findException(ctx, limit);
  return found.kind === 'invalid'
    ? [
        {
          id: 'R14.3',
          result: 'failed',
          detail: `例外审批 ${found.exception.id} 无效：${found.why}`,
          reason: `${what}未经监狱长批准`,
        },
      ]
    : [];
}

/** R14.2 minutes and visitors per visit (the prison's own limits, never above R14.2's), the room's or prison's visiting hours and days; each liftable by its own R14.3 exception. */
export function checkLimits(ctx: RuleContext): { applied: AppliedRequirement[]; state: LimitState } {
  const { visit, limits } = ctx;
  const applied: AppliedRequirement[] = [];
  const state: LimitState = { maxMinutes: limits.maxMinutes, maxVisitors: limits.maxVisitors, liftedBy: [] };

  // Minutes.
  if (visit.minutes <= limits.maxMinutes) {
    applied.push({ id: 'R14.2', result: 'passed', detail: `时长${visit.minutes}分钟，上限${limits.maxMinutes}分钟` });
  } else {
    const found = findException(ctx, 'duration');
    if (found.kind === 'valid' && found.exception.lifts === 'duration' && visit.minutes <= found.exception.maxMinutes) {
      state.maxMinutes = found.exception.maxMinutes;
      state.liftedBy.push(found.exception.id);
      applied.push({
        id: 'R14.2',
        result: 'lifted',
        detail: `时长${visit.minutes}分钟，超出${limits.maxMinutes}分钟`,
        exceptionId: found.exception.id,
      });
      applied.push({
        id: 'R14.3',
        result: 'passed',
        detail: `监狱长${found.exception.approvedBy.name}于${found.exception.approvedOn}批准延长至${found.exception.maxMinutes}分钟：${found.exception.reason}`,
        exceptionId: found.exception.id,
      });
    } else {
      if (found.kind === 'valid' && found.exception.lifts === 'duration') {
        applied.push({
          id: 'R14.3',
          result: 'failed',
          detail: `监狱长批准延长至${found.exception.maxMinutes}分钟，申请${visit.minutes}分钟`,
          reason: `会见时长超出监狱长批准的${found.exception.maxMinutes}分钟`,
        });
      } else applied.push(...invalidNote(ctx, 'duration', '延长会见时间'));
      applied.push({
        id: 'R14.2',
        result: 'failed',
        detail: `时长${visit.minutes}分钟，上限${limits.maxMinutes}分钟`,
        reason: `每次会见时间不超过${limits.maxMinutes}分钟`,
      });
    }
  }

  // Visitors (the interpreter is not one).
  const count = visit.visitors.length;
  if (count <= limits.maxVisitors) {
    applied.push({ id: 'R14.2', result: 'passed', detail: `会见人数${count}人，上限${limits.maxVisitors}人` });
  } else {
    const found = findException(ctx, 'visitor-count');
    if (found.kind === 'valid' && found.exception.lifts === 'visitor-count' && count <= found.exception.maxVisitors) {
      state.maxVisitors = found.exception.maxVisitors;
      state.liftedBy.push(found.exception.id);
      applied.push({
        id: 'R14.2',
        result: 'lifted',
        detail: `会见人数${count}人，超出${limits.maxVisitors}人`,
        exceptionId: found.exception.id,
      });
      applied.push({
        id: 'R14.3',
        result: 'passed',
        detail: `监狱长${found.exception.approvedBy.name}于${found.exception.approvedOn}批准${found.exception.maxVisitors}人：${found.exception.reason}`,
        exceptionId: found.exception.id,
      });
    } else {
      if (found.kind === 'valid' && found.exception.lifts === 'visitor-count') {
        applied.push({
          id: 'R14.3',
          result: 'failed',
          detail: `监狱长批准${found.exception.maxVisitors}人，申请${count}人`,
          reason: `会见人数超出监狱长批准的${found.exception.maxVisitors}人`,
        });
      } else applied.push(...invalidNote(ctx, 'visitor-count', '增加会见人数'));
      applied.push({
        id: 'R14.2',
        result: 'failed',
        detail: `会见人数${count}人，上限${limits.maxVisitors}人`,
        reason: `每次会见人数不超过${limits.maxVisitors}人`,
      });
    }
  }

  // Visiting hours and days (规定时间, R14.3): the room's own, else the prison's.
  const { visitingHours: windows, visitingDays: days } = arrangementFor(ctx.policy, visit.roomId);
  const misses: string[] = [];
  if (windows.length > 0) {
    const start = minutesOfDay(visit.start);
    const end = start + visit.minutes;
    if (!windows.some((w) => minutesOfDay(w.start) <= start && end <= minutesOfDay(w.end)))
      misses.push(
        `${visit.start} 起${visit.minutes}分钟，超出规定会见时间（${windows.map((w) => `${w.start}–${w.end}`).join('、')}）`,
      );
  }
  if (days.length > 0 && !days.includes(weekday(visit.date)))
    misses.push(`${visit.date}（${WEEKDAY_NAMES[weekday(visit.date)]}）不是规定的会见日`);
  if (windows.length > 0 || days.length > 0) {
    if (misses.length === 0) {
      applied.push({ id: 'R14.3', result: 'not-applicable', detail: `${visit.start} 起${visit.minutes}分钟，在规定会见时间内` });
    } else {
      const found = findException(ctx, 'visiting-hours');
      if (found.kind === 'valid') {
        state.liftedBy.push(found.exception.id);
        applied.push({
          id: 'R14.3',
          result: 'passed',
          detail: `非规定时间会见，监狱长${found.exception.approvedBy.name}于${found.exception.approvedOn}批准：${found.exception.reason}`,
          exceptionId: found.exception.id,
        });
      } else {
        const why = found.kind === 'invalid' ? `；例外审批 ${found.exception.id} 无效：${found.why}` : '';
        applied.push({
          id: 'R14.3',
          result: 'failed',
          detail: `${misses.join('；')}${why}`,
          reason: '在非规定时间会见须经监狱长批准',
        });
      }
    }
  }
  return { applied, state };
}
