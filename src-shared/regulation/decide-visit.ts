import { z } from 'zod';
import { addYears, formatZhDate } from '../calendar/iso-date';
import type { AllowedDecision, AppliedRequirement, Decision, RefusedDecision } from './decision';
import { RegulationInputError, parseOrThrow } from './errors';
import { inmateSchema } from './inmate';
import type { Inmate } from './inmate';
import { defaultPrisonPolicy, prisonPolicySchema } from './prison-policy';
import type { PrisonPolicy } from './prison-policy';
import { REQUIREMENT_CITATIONS } from './requirement-ids';
import type { RequirementId } from './requirement-ids';
import { categoryOf, checkSpecialVisitors } from './rules/category';
import { checkCitizenship } from './rules/citizenship';
import type { RuleContext } from './rules/context';
import { checkInterpreter } from './rules/interpreter';
import { checkLimits } from './rules/limits';
import { checkQuota } from './rules/quota';
import { checkApprovedVisitors, checkRelationships } from './rules/relationships';
import { checkPenalties, checkStatusPeriods } from './rules/status-periods';
import { checkSuspensions } from './rules/suspension';
import { proposedVisitSchema, visitHistorySchema } from './visit';
import type { ProposedVisit, VisitRecord } from './visit';
import { wardenExceptionSchema } from './warden-exception';
import type { WardenException } from './warden-exception';

export const decisionInputSchema = z.object({
  inmate: inmateSchema,
  visit: proposedVisitSchema,
  history: visitHistorySchema.default([]),
  exceptions: z.array(wardenExceptionSchema).default([]),
  /** The inmate's prison's policy; R14.2 as written when absent. */
  policy: prisonPolicySchema.optional(),
});

export type DecisionInput = z.input<typeof decisionInputSchema>;

export interface ParsedDecisionInput {
  inmate: Inmate;
  visit: ProposedVisit;
  history: readonly VisitRecord[];
  exceptions: readonly WardenException[];
  policy: PrisonPolicy;
}

/**
 * Juvenile (未成年罪犯, R14.2) through the 18th birthday: 周岁 count from the
 * day after the birthday (最高人民法院法释〔2006〕1号 第二条). Born on 29
 * February: the birthday in a common year is 28 February, adult from 1 March.
 */
export function isJuvenileOn(birthDate: string, date: string): boolean {
  return date <= addYears(birthDate, 18);
}

/** Validates input; throws RegulationInputError naming the first bad field. */
export function parseDecisionInput(input: DecisionInput): ParsedDecisionInput {
  const parsed = parseOrThrow(decisionInputSchema, input, '');
  if (parsed.visit.inmateId !== parsed.inmate.id) {
    throw new RegulationInputError([
      { field: 'visit.inmateId', problem: 'invalid', message: '会见申请中的罪犯与罪犯信息不一致' },
    ]);
  }
  const policy = parsed.policy ?? defaultPrisonPolicy(parsed.inmate.prisonId);
  if (policy.prisonId !== parsed.inmate.prisonId) {
    throw new RegulationInputError([{ field: 'policy.prisonId', problem: 'invalid', message: '会见政策不属于罪犯所在监狱' }]);
  }
  return { inmate: parsed.inmate, visit: parsed.visit, history: parsed.history, exceptions: parsed.exceptions, policy };
}

const LAW = '《云南省远程视频会见管理办法》';

function refusalMessage(first: AppliedRequirement, availableFrom: string | undefined): string {
  const when = availableFrom !== undefined ? `，可于${formatZhDate(availableFrom)}起再次申请` : '';
  return `根据${LAW}${REQUIREMENT_CITATIONS[first.id]}，${first.reason ?? first.detail}，本次不予安排会见${when}。`;
}

// R15.1 (1)(2)(3), then (4), then (5)(6).
function inClauseOrder(periods: AppliedRequirement[], penalties: AppliedRequirement[]): AppliedRequirement[] {
  return [...periods.slice(0, 3), ...penalties, ...periods.slice(3)];
}

/** Decides an already validated input: every requirement applied, in order. */
export function evaluateVisit(input: ParsedDecisionInput): Decision {
  const { inmate, visit, history, exceptions, policy } = input;
  const juvenile = isJuvenileOn(inmate.birthDate, visit.date);
  const category = categoryOf(visit.visitors);
  const ctx: RuleContext = {
    inmate,
    visit,
    history,
    exceptions,
    policy,
    category,
    juvenile,
    limits: juvenile ? policy.juvenile : policy.adult,
  };

  const quota = checkQuota(ctx);
  const limits = checkLimits(ctx);
  const applied: AppliedRequirement[] = [
    ...checkCitizenship(ctx),
    ...checkSpecialVisitors(ctx),
    ...checkRelationships(ctx),
    ...checkApprovedVisitors(ctx),
    ...checkSuspensions(ctx),
    ...inClauseOrder(checkStatusPeriods(ctx), checkPenalties(ctx)),
    ...quota.applied,
    ...limits.applied,
    ...checkInterpreter(ctx),
  ];

  const failed = applied.filter((a) => a.result === 'failed');
  const decisionCategory = category ?? 'family';
  const first = failed[0];
  if (first !== undefined) {
    const refusedBy = [...new Set(failed.map((f) => f.id))] as RequirementId[];
    // A date to come back only when every refusal is date-bound.
    const dates = failed.map((f) => f.availableFrom);
    const availableFrom = dates.every((d) => d !== undefined) ? dates.reduce((a, b) => (b > a ? b : a)) : undefined;
    const refused: RefusedDecision = {
      outcome: 'refused',
      category: decisionCategory,
      applied,
      refusedBy,
      message: refusalMessage(first, availableFrom),
    };
    if (availableFrom !== undefined) refused.availableFrom = availableFrom;
    return refused;
  }

  const perMonth = decisionCategory === 'family' ? ctx.limits.visitsPerMonth : null;
  const used = quota.state.used;
  const left = perMonth === null || used === null ? null : Math.max(0, perMonth - used - (quota.state.counts ? 1 : 0));
  const liftedBy = [...(quota.state.liftedBy !== null ? [quota.state.liftedBy] : []), ...limits.state.liftedBy];
  const quotaText = left === null ? '，属特殊会见，不占亲属会见次数' : `，本月剩余会见次数${left}次`;
  const allowed: AllowedDecision = {
    outcome: 'allowed',
    category: decisionCategory,
    applied,
    message: `符合${LAW}规定，准予会见：时长不超过${limits.state.maxMinutes}分钟，会见人数不超过${limits.state.maxVisitors}人${quotaText}。`,
    limits: {
      maxMinutes: limits.state.maxMinutes,
      maxVisitors: limits.state.maxVisitors,
      visitsPerMonth: perMonth,
      visitsUsedThisMonth: used,
      visitsLeftThisMonth: left,
      juvenile,
      liftedBy,
    },
  };
  return allowed;
}

/**
 * Whether the regulation allows a proposed visit, why, and within which
 * limits. Pure: the central store calls it when reviewing and scheduling,
 * the terminal again at check-in, offline. Bad input throws
 * RegulationInputError (never a decision).
 */
export function decideVisit(input: DecisionInput): Decision {
  return evaluateVisit(parseDecisionInput(input));
}
