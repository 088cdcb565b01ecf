// A review step's deadline as the clerk reads it: due date, how many working days the
// regulation gives (R8.2–R9.3, counted on the working-day calendar, R14.1), overdue flagged.
import { useTranslation } from 'react-i18next';
import { REVIEW_STEPS, type ReviewStep } from '../../../src-shared/calendar/review-steps';
import type { StepRecord } from '../../kiosk-types';

export const stepWorkingDays = (kind: string): number | null =>
  kind in REVIEW_STEPS && REVIEW_STEPS[kind as ReviewStep].workingDays > 0 ? REVIEW_STEPS[kind as ReviewStep].workingDays : null;

export function StepDue({ step }: { step: Pick<StepRecord, 'kind' | 'dueOn' | 'overdue' | 'requirement' | 'doneAt'> }) {
  const { t } = useTranslation();
  const days = stepWorkingDays(step.kind);
  return (
    <span
      className={`desk-due${step.overdue ? ' desk-due--overdue' : ''}`}
      data-testid="step-due"
      data-overdue={step.overdue ? 'yes' : 'no'}
    >
      {t('desk.steps.due', { date: step.dueOn })}
      {days !== null && (
        <span className="desk-due__days">{t('desk.steps.workingDays', { n: days, requirement: step.requirement })}</span>
      )}
      {step.overdue && (
        <strong className="desk-badge desk-badge--danger">
          {step.doneAt ? t('desk.steps.doneLate') : t('desk.steps.overdue')}
        </strong>
      )}
    </span>
  );
}
