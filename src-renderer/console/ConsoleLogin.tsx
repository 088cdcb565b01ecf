// R25.1: the supervision console before two administrators are in (and again after a lock):
// the login and nothing else of the console: no recordings, playback, audit trail or
// visit. A terminal not yet enrolled has no accounts to log in with (they come with the
// first sync), so it also offers the enrolment form.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConsoleHeader } from './ConsoleHeader';
import { AdminLoginForm } from '../screens/visit-day/AdminLoginForm';
import { useSyncStatus } from '../store/hooks';
import { EnrolForm } from './EnrolForm';

export function ConsoleLogin() {
  const { t } = useTranslation();
  const unenrolled = useSyncStatus()?.state === 'unenrolled';
  // Once shown, the form stays, so its answer (the new terminal id) stays readable after the first round.
  const [showEnrol, setShowEnrol] = useState(false);
  if (unenrolled && !showEnrol) setShowEnrol(true);
  return (
    <main className="console console--login" data-testid="console-login">
      <ConsoleHeader />
      <section className="card console__panel vd--login" aria-labelledby="console-login-title">
        <h2 id="console-login-title" className="card__title">
          {t('login.title')}
        </h2>
        <p className="console__note">{t('console.login.lead')}</p>
        <AdminLoginForm />
      </section>
      {showEnrol ? (
        <section className="card console__panel" aria-labelledby="console-enrol-title">
          <h2 id="console-enrol-title" className="card__title">
            {t('console.login.enrolTitle')}
          </h2>
          <EnrolForm enrolled={!unenrolled} />
        </section>
      ) : null}
    </main>
  );
}
