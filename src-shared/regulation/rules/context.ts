import type { Inmate } from '../inmate';
import type { Limits, PrisonPolicy } from '../prison-policy';
import type { ProposedVisit, VisitCategory, VisitRecord } from '../visit';
import type { WardenException } from '../warden-exception';

/** What every rule reads; built once per decision. */
export interface RuleContext {
  inmate: Inmate;
  visit: ProposedVisit;
  history: readonly VisitRecord[];
  exceptions: readonly WardenException[];
  policy: PrisonPolicy;
  /** Null when the visitors mix family and special visitors (refused by R34.1). */
  category: VisitCategory | null;
  juvenile: boolean;
  limits: Limits;
}
