import type { IsoDate } from './iso-date';
import type { WorkingDayCalendar } from './working-days';

/** Every deadline of the review chain (R8.2–R9.3), in working days (R14.1). */
export const REVIEW_STEPS = {
  'office-first-review': { requirement: 'R8.2', workingDays: 2, label: '司法所初审' },
  'bureau-review': { requirement: 'R8.2', workingDays: 2, label: '县（市、区）司法局审核' },
  'prison-decision': { requirement: 'R8.3', workingDays: 5, label: '监狱审批' },
  'bureau-notifies-relative': { requirement: 'R8.4', workingDays: 2, label: '司法局通知亲属、监护人' },
  'prison-decision-inmate-application': { requirement: 'R9.1', workingDays: 5, label: '监狱审批罪犯申请' },
  'bureau-notifies-and-replies': { requirement: 'R9.2', workingDays: 2, label: '司法局通知亲属并回复监狱' },
  'prison-notifies-inmate': { requirement: 'R9.3', workingDays: 2, label: '监狱通知罪犯' },
  'prison-reports-change': { requirement: 'R9.3', workingDays: 2, label: '监狱告知司法局变更会见时间' },
  // Not a step of the regulation's chain: the applicant withdrew; recorded, done at once, never due.
  withdrawal: { requirement: '', workingDays: 0, label: '申请人撤回申请' },
} as const;

export type ReviewStep = keyof typeof REVIEW_STEPS;
export const REVIEW_STEP_IDS = Object.keys(REVIEW_STEPS) as ReviewStep[];

/**
 * Due date of a step whose input arrived on `receivedOn`. The day of receipt
 * is not counted (民法典 第二百零一条: 开始的当日不计入); input arriving on a
 * day off (e.g. online, R8.1) counts as received on the next working day
 * (R14.1). So: the n-th working day after the first working day on or after
 * receipt. Friday receipt + 2 → Tuesday; Saturday receipt + 2 → Wednesday.
 */
export function reviewStepDueDate(calendar: WorkingDayCalendar, step: ReviewStep, receivedOn: IsoDate): IsoDate {
  const accepted = calendar.nextWorkingDayOnOrAfter(receivedOn);
  return calendar.addWorkingDays(accepted, REVIEW_STEPS[step].workingDays);
}

/** Overdue from the day after the due date (the due date itself is on time). */
export function isReviewStepOverdue(
  calendar: WorkingDayCalendar,
  step: ReviewStep,
  receivedOn: IsoDate,
  today: IsoDate,
): boolean {
  return today > reviewStepDueDate(calendar, step, receivedOn);
}
