// The review chain as a state machine (R8.2–R8.4 relatives' path, R9.1–R9.3
// inmate's path, R7.1 prison to prison). One open step at a time; each action
// closes it and opens the next one at the prison or at the relatives' side
// (the county bureau, or the relative's prison for R7.1), due in working days
// (R14.1) counted from the day of the action.
import { REVIEW_STEPS } from '../../../src-shared/calendar';
import type { ReviewStep } from '../../../src-shared/calendar';
import type { StaffCaller } from '../../auth/caller';
import { covers } from '../../auth/scope';
import type { Scope } from '../../auth/scope';
import type { ApplicationStatus, StaffRole } from '../../db/schema';

export const ACTIONS = ['forward', 'refuse', 'approve', 'notify', 'consent', 'inform-inmate'] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  forward: '审核通过并转交',
  refuse: '不予批准',
  approve: '批准并安排时间',
  notify: '登记已通知亲属',
  consent: '登记亲属答复',
  'inform-inmate': '登记已告知罪犯',
};

/** Where the next step waits: the inmate's prison, or the relatives' side. */
type Next = { kind: ReviewStep; at: 'prison' | 'partner' } | null;

export const CHAIN: Partial<Record<ReviewStep, Partial<Record<Action, Next>>>> = {
  // R8.2: the office's first review goes to the bureau; a refusal ends at the desk, which tells the applicant why.
  'office-first-review': { forward: { kind: 'bureau-review', at: 'partner' }, refuse: null },
  // R8.2: the bureau forwards an eligible application to the prison.
  'bureau-review': { forward: { kind: 'prison-decision', at: 'prison' }, refuse: null },
  // R8.3 → R8.4: either way the bureau tells the relative within 2 working days.
  'prison-decision': {
    approve: { kind: 'bureau-notifies-relative', at: 'partner' },
    refuse: { kind: 'bureau-notifies-relative', at: 'partner' },
  },
  'bureau-notifies-relative': { notify: null },
  // R9.1: approved → the relatives' bureau; refused → the prison records why, and that is all.
  'prison-decision-inmate-application': { approve: { kind: 'bureau-notifies-and-replies', at: 'partner' }, refuse: null },
  // R9.2 → R9.3
  'bureau-notifies-and-replies': { consent: { kind: 'prison-notifies-inmate', at: 'prison' } },
  'prison-notifies-inmate': { 'inform-inmate': null },
};

export const STATUS_OF_STEP: Partial<Record<ReviewStep, ApplicationStatus>> = {
  'office-first-review': 'office-review',
  'bureau-review': 'bureau-review',
  'prison-decision': 'prison-decision',
  'prison-decision-inmate-application': 'prison-decision',
  'bureau-notifies-relative': 'bureau-notification',
  'bureau-notifies-and-replies': 'bureau-notification',
  'prison-notifies-inmate': 'inmate-notification',
};

/** Staff roles that act on review steps; warden exceptions are the warden's (R14.3). */
export const REVIEW_ROLES: StaffRole[] = ['reviewer', 'administrator'];

// R8.4 "directly or through the office that did the first review", R9.2 "or an office it designates".
const DELEGABLE_TO_OFFICES: ReadonlySet<ReviewStep> = new Set(['bureau-notifies-relative', 'bureau-notifies-and-replies']);

/**
 * Whether the caller's organisation does this step: the step's own
 * organisation, or the one above it (a bureau for its office, a prison for a
 * ward); a bureau's notification also by its offices. The province oversees
 * every step (R29.1) but takes none.
 */
export function mayAct(
  scope: Scope,
  caller: StaffCaller,
  callerParentId: string | null,
  step: { kind: string; organisation_id: string },
): boolean {
  if (caller.organisationKind === 'province') return false;
  if (covers(scope, step.organisation_id)) return true;
  return DELEGABLE_TO_OFFICES.has(step.kind as ReviewStep) && callerParentId === step.organisation_id;
}

export function stepLabel(kind: string): { label: string; requirement: string; workingDays: number } {
  const known = REVIEW_STEPS[kind as ReviewStep] as (typeof REVIEW_STEPS)[ReviewStep] | undefined;
  return known
    ? { label: known.label, requirement: known.requirement, workingDays: known.workingDays }
    : { label: kind, requirement: '', workingDays: 0 };
}
