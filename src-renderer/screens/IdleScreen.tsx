// The default screen when no visit is active (R32.1): the room's sign and clock, the
// notice with the ten 不准, today's visits, and the workflow chart, all on one screen.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { refreshTodayVisits } from '../app/boot';
import { localDate } from '../app/dates';
import { kioskStore } from '../store';
import { Notice } from './idle/Notice';
import { SiteHeader } from './idle/SiteHeader';
import { TodayVisits } from './idle/TodayVisits';
import { Workflow } from './idle/Workflow';

/** Schedules change by sync; once a minute is fresh enough for a waiting room. */
const VISITS_REFRESH_MS = 60_000;

export function IdleScreen() {
  const client = useKiosk();
  const { t } = useTranslation();
  useEffect(() => {
    if (!client) return;
    // Re-reads "today" each time, so the list follows the date past midnight.
    const id = window.setInterval(() => void refreshTodayVisits(client, kioskStore, localDate(new Date())), VISITS_REFRESH_MS);
    return () => window.clearInterval(id);
  }, [client]);

  return (
    <main className="idle" data-testid="idle-screen">
      <SiteHeader />
      <div className="idle__body">
        <Notice />
        <TodayVisits />
      </div>
      <Workflow />
      {/* R25.1: the administrators' way in, large enough for a touch screen. */}
      <button
        type="button"
        className="button button--primary idle__login"
        data-testid="admin-login"
        onClick={() => kioskStore.getState().screenEvent({ type: 'login-requested' })}
      >
        {t('login.open')}
      </button>
    </main>
  );
}
