// The frame of every administrator screen: who is logged in (R25.1, by name), the steps
// of the visit being prepared, lock on demand. It reports activity to main (throttled) so
// the inactivity lock counts from the last touch, and leaves for the login screen as soon
// as the session locks.
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import { kioskStore } from '../../store';
import { useSession } from '../../store/hooks';
import { VISIT_STEPS, type VisitStepName } from '../../store/screen-slice';

const ACTIVITY_PING_MS = 30_000;

interface Props {
  title: string;
  testId: string;
  visitId?: string;
  step?: VisitStepName;
  children: ReactNode;
}

export function AdminFrame({ title, testId, visitId, step, children }: Props) {
  const { t } = useTranslation();
  const client = useKiosk();
  const session = useSession();
  const locked = session?.locked ?? true;

  useEffect(() => {
    if (locked) kioskStore.getState().screenEvent({ type: 'session-locked' });
  }, [locked]);

  useEffect(() => {
    if (!client) return;
    let last = 0;
    const ping = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_PING_MS) return;
      last = now;
      void client.auth.activity().then(
        (s) => kioskStore.getState().setSession(s),
        () => undefined,
      );
    };
    window.addEventListener('pointerdown', ping);
    window.addEventListener('keydown', ping);
    return () => {
      window.removeEventListener('pointerdown', ping);
      window.removeEventListener('keydown', ping);
    };
  }, [client]);

  const lock = () => {
    if (!client) return;
    void client.auth.lock().then(
      (s) => kioskStore.getState().setSession(s),
      () => undefined,
    );
  };
  const go = (next: VisitStepName) => {
    if (visitId) {
      kioskStore.getState().setLastRefusal(null);
      kioskStore.getState().screenEvent({ type: 'step-selected', step: next, visitId });
    }
  };

  return (
    <main className="vd" data-testid={testId}>
      <header className="vd__header">
        <h1 className="vd__title">{title}</h1>
        <p className="vd__admins" data-testid="admins">
          {t('visitDay.adminsOnDuty', { names: session?.admins.map((a) => a.name).join('、') ?? '' })}
        </p>
        <div className="vd__header-actions">
          {visitId && (
            <button
              type="button"
              className="button vd__big"
              data-testid="back-to-visits"
              onClick={() => kioskStore.getState().screenEvent({ type: 'back-to-visits' })}
            >
              {t('visitDay.backToVisits')}
            </button>
          )}
          <button type="button" className="button vd__big" data-testid="lock" onClick={lock}>
            {t('visitDay.lock')}
          </button>
        </div>
      </header>
      {visitId && (
        <nav className="vd__steps" aria-label={t('visitDay.stepsLabel')}>
          {VISIT_STEPS.map((s) => (
            <button
              key={s}
              type="button"
              className={s === step ? 'vd__step vd__step--current' : 'vd__step'}
              aria-current={s === step ? 'step' : undefined}
              data-testid={`step-${s}`}
              onClick={() => go(s)}
            >
              {t(`visitDay.steps.${s}`)}
            </button>
          ))}
        </nav>
      )}
      <div className="vd__body">{children}</div>
    </main>
  );
}
