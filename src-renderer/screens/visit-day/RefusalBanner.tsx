// The latest refusal, read out by screen readers as it appears. The visitors stand in front of
// this screen (issue #21): the plain sentence only; the requirement id is in data-requirement
// and in the audit, never shown.
import { useTranslation } from 'react-i18next';
import { visitorText } from '../../../src-shared/regulation/visitor-wording';
import { useLastRefusal } from '../../store/hooks';

export function RefusalBanner() {
  const { t } = useTranslation();
  const refusal = useLastRefusal();
  return (
    <div className="vd-refusal-slot" aria-live="assertive">
      {refusal && (
        <div className="vd-refusal" role="alert" data-testid="refusal" data-requirement={refusal.requirement ?? ''}>
          <strong className="vd-refusal__title">{t('visitDay.refused')}</strong>
          {refusal.person && <span className="vd-refusal__person">{refusal.person}</span>}
          <span className="vd-refusal__message" data-testid="refusal-message">
            {visitorText(refusal.message)}
          </span>
        </div>
      )}
    </div>
  );
}
