// Today's visits in this room, read from main on start and every minute after.
import { useTranslation } from 'react-i18next';
import { endTime } from '../../app/dates';
import { maskName } from '../../app/privacy';
import { useTodayVisits } from '../../store/hooks';
import type { VisitSummary } from '../../kiosk-types';

function VisitRow({ visit }: { visit: VisitSummary }) {
  const { t } = useTranslation();
  const end = endTime(visit.startTime, visit.minutes);
  return (
    <tr className={`visits__row visits__row--${visit.status}`} data-testid="visit-row">
      <td className="visits__time">
        {end ? t('visits.timeRange', { start: visit.startTime, end }) : visit.startTime}
        <span className="visits__minutes">{t('visits.minutes', { n: visit.minutes })}</span>
      </td>
      <td>{maskName(visit.inmateName)}</td>
      <td>{t('visits.persons', { n: visit.visitorCount })}</td>
      <td>
        <span className={`badge badge--${visit.status}`}>{t(`visits.status.${visit.status}`)}</span>
      </td>
    </tr>
  );
}

export function TodayVisits() {
  const { t } = useTranslation();
  const today = useTodayVisits();
  const visits = today?.visits ?? [];
  return (
    // Focusable so the list can be scrolled from the keyboard when a day is long.
    <section className="card visits" data-testid="today-visits" aria-labelledby="visits-title" tabIndex={0}>
      <div className="card__head">
        <h2 id="visits-title" className="card__title">
          {t('visits.title')}
        </h2>
        {visits.length > 0 && <span className="card__aside">{t('visits.count', { n: visits.length })}</span>}
      </div>
      {today?.stale && (
        <p className="visits__stale" role="status">
          {t('visits.stale')}
        </p>
      )}
      {visits.length === 0 ? (
        <p className="visits__empty" data-testid="today-visits-empty">
          {t('visits.empty')}
        </p>
      ) : (
        <div className="visits__scroll">
          <table className="visits__table">
            <thead>
              <tr>
                <th scope="col">{t('visits.columns.time')}</th>
                <th scope="col">{t('visits.columns.inmate')}</th>
                <th scope="col">{t('visits.columns.visitors')}</th>
                <th scope="col">{t('visits.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {visits.map((v) => (
                <VisitRow key={v.visitId} visit={v} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
