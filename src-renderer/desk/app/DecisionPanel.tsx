// The regulation module's decision (R14.2, R15.1, R17.2, R36.1 …): the outcome, the
// sentence a clerk can read to the applicant, and every requirement checked with its id.
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../kiosk-types';

type Decision = ApplicationRecord['decision'];

export function DecisionPanel({ decision, live = false }: { decision: Decision; live?: boolean }) {
  const { t } = useTranslation();
  const refused = decision.outcome === 'refused';
  return (
    <div
      className={`desk-decision desk-decision--${decision.outcome}`}
      data-testid="decision"
      data-outcome={decision.outcome}
      aria-live={live ? 'polite' : undefined}
    >
      <p className="desk-decision__head">
        <strong>{t(`desk.decision.${decision.outcome}`)}</strong>
        {refused && decision.refusedBy && decision.refusedBy.length > 0 && (
          <span data-testid="decision-refused-by">
            {decision.refusedBy.map((id) => (
              <span key={id} className="desk-req">
                {id}
              </span>
            ))}
          </span>
        )}
      </p>
      <p className="desk-decision__message" data-testid="decision-message">
        {decision.message}
      </p>
      {decision.limits && (
        <p className="desk-decision__limits">
          {t('desk.decision.limits', { minutes: decision.limits.maxMinutes, visitors: decision.limits.maxVisitors })}
          {decision.limits.visitsLeftThisMonth !== null && t('desk.decision.left', { n: decision.limits.visitsLeftThisMonth })}
        </p>
      )}
      <ul className="desk-decision__applied">
        {decision.applied
          .filter((a) => a.result !== 'not-applicable')
          .map((a, i) => (
            <li
              key={`${a.id}-${i}`}
              className={`desk-applied desk-applied--${a.result}`}
              data-testid="decision-applied"
              data-result={a.result}
            >
              <span className="desk-req">{a.id}</span>
              <span>{a.result === 'failed' && a.reason ? a.reason : a.detail}</span>
              {a.availableFrom && (
                <span className="desk-applied__from">{t('desk.decision.availableFrom', { date: a.availableFrom })}</span>
              )}
            </li>
          ))}
      </ul>
    </div>
  );
}
