// Which visit this is: start, inmate, language, check-in window and status.
import { useTranslation } from 'react-i18next';
import type { Roster } from '../../kiosk-types';
import { hhmm } from './run-step';

export function VisitHeader({ roster }: { roster: Roster }) {
  const { t } = useTranslation();
  return (
    <dl className="vd-visit" data-testid="visit-header">
      <div>
        <dt>{t('checkin.start')}</dt>
        <dd>
          {roster.date} {roster.startTime}（{t('checkin.minutes', { n: roster.minutes })}）
        </dd>
      </div>
      <div>
        <dt>{t('checkin.inmate')}</dt>
        <dd>{roster.inmateName}</dd>
      </div>
      <div>
        <dt>{t('checkin.opens')}</dt>
        <dd>{hhmm(roster.opensAt)}</dd>
      </div>
      <div>
        <dt>{t('checkin.language')}</dt>
        <dd>{roster.languages.join('、')}</dd>
      </div>
      <div>
        <dt>{t('checkin.status')}</dt>
        <dd data-testid="visit-status">{t(`visits.status.${roster.status}`)}</dd>
      </div>
    </dl>
  );
}
