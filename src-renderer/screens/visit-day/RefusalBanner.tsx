// The latest refusal, with its requirement id, read out by screen readers as it appears.
import { useTranslation } from 'react-i18next';
import { useLastRefusal } from '../../store/hooks';

export function RefusalBanner() {
  const { t } = useTranslation();
  const refusal = useLastRefusal();
  return (
    <div className="vd-refusal-slot" aria-live="assertive">
      {refusal && (
        <div className="vd-refusal" role="alert" data-testid="refusal" data-requirement={refusal.requirement ?? ''}>
          <strong className="vd-refusal__title">{t('visitDay.refused')}</strong>
          {refusal.requirement && (
            <span className="vd-refusal__req" data-testid="refusal-requirement">
              {refusal.requirement}
            </span>
          )}
          {refusal.person && <span className="vd-refusal__person">{refusal.person}</span>}
          <span className="vd-refusal__message" data-testid="refusal-message">
            {refusal.message}
          </span>
        </div>
      )}
    </div>
  );
}
