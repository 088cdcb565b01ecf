// Today's visits in this room, by main's clock, to choose the one to prepare.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import type { VisitSummary } from '../../kiosk-types';
import { kioskStore } from '../../store';
import { AdminFrame } from './AdminFrame';
import { ReturnsPanel } from './ReturnsPanel';

export function VisitsScreen() {
  const { t } = useTranslation();
  const client = useKiosk();
  const [day, setDay] = useState<{ date: string; visits: VisitSummary[] } | null>(null);

  useEffect(() => {
    if (!client) return;
    let live = true;
    const load = () =>
      void client.visit.today().then(
        (d) => live && setDay(d),
        () => undefined,
      );
    load();
    const id = window.setInterval(load, 15_000);
    return () => {
      live = false;
      window.clearInterval(id);
    };
  }, [client]);

  return (
    <AdminFrame title={t('visitList.title', { date: day?.date ?? '' })} testId="visits-screen">
      {day && day.visits.length === 0 && <p className="vd__empty">{t('visitList.none')}</p>}
      <ul className="vd-visits">
        {day?.visits.map((v) => (
          <li key={v.visitId}>
            <button
              type="button"
              className="vd-visits__item"
              data-testid={`visit-${v.visitId}`}
              onClick={() => {
                kioskStore.getState().setLastRefusal(null);
                kioskStore.getState().screenEvent({ type: 'visit-selected', visitId: v.visitId });
              }}
            >
              <span className="vd-visits__time">{v.startTime}</span>
              <span className="vd-visits__inmate">{t('visitList.inmate', { name: v.inmateName })}</span>
              <span>{t('visitList.visitors', { count: v.visitorCount })}</span>
              <span className={`vd-status vd-status--${v.status}`} data-testid={`visit-status-${v.visitId}`}>
                {t(`visits.status.${v.status}`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <ReturnsPanel />
    </AdminFrame>
  );
}
