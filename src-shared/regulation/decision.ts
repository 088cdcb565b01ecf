import type { IsoDate } from '../calendar/iso-date';
import type { RequirementId } from './requirement-ids';
import type { VisitCategory } from './visit';

export type CheckResult =
  | 'passed'
  | 'failed'
  | 'lifted' // exceeded a limit, but a warden's exception (R14.3) lifts it
  | 'not-applicable';

/** One requirement applied to the visit. */
export interface AppliedRequirement {
  id: RequirementId;
  result: CheckResult;
  /** zh-CN, for staff: what was checked and found. */
  detail: string;
  /** zh-CN clause for the applicant when failed: "罪犯受警告处分未满一个月". */
  reason?: string;
  /** First day the failed condition no longer holds, when known. */
  availableFrom?: IsoDate;
  /** The R14.3 exception that lifted a limit. */
  exceptionId?: string;
}

export interface VisitLimits {
  maxMinutes: number;
  maxVisitors: number;
  /** Null for an R34.1 special visit: outside the family quota. */
  visitsPerMonth: number | null;
  visitsUsedThisMonth: number | null;
  /** After this visit; never negative. */
  visitsLeftThisMonth: number | null;
  juvenile: boolean;
  /** Ids of the R14.3 exceptions that lifted a limit for this visit. */
  liftedBy: string[];
}

interface DecisionBase {
  category: VisitCategory;
  /** Every requirement applied, in the order checked. */
  applied: AppliedRequirement[];
  /** One zh-CN sentence a clerk can read to the applicant. */
  message: string;
}

export interface AllowedDecision extends DecisionBase {
  outcome: 'allowed';
  limits: VisitLimits;
}

export interface RefusedDecision extends DecisionBase {
  outcome: 'refused';
  /** Ids of the failed requirements, in the order checked. */
  refusedBy: RequirementId[];
  /** Latest availableFrom among date-bound refusals, when all refusals are date-bound. */
  availableFrom?: IsoDate;
}

export type Decision = AllowedDecision | RefusedDecision;
