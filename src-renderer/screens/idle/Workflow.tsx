// The visit workflow as a chart of steps (R32.1): application and approval (R8), then the
// day of the visit (R10.1, R19.1, R11.1, R12.1, R13.1/R14.2/R25.1). Boxes and arrows are CSS.
import { useTranslation } from 'react-i18next';

export const WORKFLOW_PHASES = [
  { key: 'apply', steps: ['apply', 'firstReview', 'review', 'decision', 'notify'] },
  { key: 'day', steps: ['arrive', 'deposit', 'idCheck', 'equipment', 'visit'] },
] as const;

/** Steps are numbered 1…10 across both phases: the number of the first step of each phase. */
const FIRST_NUMBER = WORKFLOW_PHASES.map((_, i) => WORKFLOW_PHASES.slice(0, i).reduce((n, p) => n + p.steps.length, 0) + 1);

export function Workflow() {
  const { t } = useTranslation();
  return (
    <section className="card workflow" data-testid="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title" className="card__title workflow__title">
        {t('workflow.title')}
      </h2>
      {WORKFLOW_PHASES.map((phase, p) => (
        <div key={phase.key} className="workflow__phase" data-testid={`workflow-phase-${phase.key}`}>
          <h3 className="workflow__phase-title">{t(`workflow.phases.${phase.key}`)}</h3>
          <ol className="workflow__steps" start={FIRST_NUMBER[p]}>
            {phase.steps.map((step, i) => {
              const number = (FIRST_NUMBER[p] ?? 1) + i;
              return (
                <li key={step} className="workflow__step" data-testid="workflow-step">
                  <span className="workflow__number" aria-hidden="true">
                    {number}
                  </span>
                  <span className="workflow__step-title">{t(`workflow.steps.${step}.title`)}</span>
                  <span className="workflow__step-detail">{t(`workflow.steps.${step}.detail`)}</span>
                </li>
              );
            })}
          </ol>
        </div>
      ))}
    </section>
  );
}
