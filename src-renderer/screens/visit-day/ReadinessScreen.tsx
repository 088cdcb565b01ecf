// What still blocks the start, each with its requirement id, as main decides it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../../app/kiosk-context';
import { kioskStore } from '../../store';
import { useReadiness } from '../../store/hooks';
import type { ScreenProps } from '../registry';
import { AdminFrame } from './AdminFrame';

export function ReadinessScreen({ screen }: ScreenProps<'readiness'>) {
  const { t } = useTranslation();
  const client = useKiosk();
  const stored = useReadiness();
  const readiness = stored?.visitId === screen.visitId ? stored : null;
  // R24.1: the call is joined here; it starts when the other terminal is ready too.
  const [joinError, setJoinError] = useState<string | null>(null);
  const join = async () => {
    if (!client) return;
    try {
      const outcome = await client.call.join({ visitId: screen.visitId });
      if (outcome.state) kioskStore.getState().setCall(outcome.state);
      if (outcome.accepted) kioskStore.getState().screenEvent({ type: 'call-joined', visitId: screen.visitId });
      else setJoinError(`${outcome.refusal.requirement ? `${outcome.refusal.requirement} ` : ''}${outcome.refusal.message}`);
    } catch (error) {
      setJoinError(error instanceof Error ? error.message : String(error));
    }
  };

  useEffect(() => {
    if (!client) return;
    const load = () =>
      void client.visit.readiness({ visitId: screen.visitId }).then(
        (r) => kioskStore.getState().setReadiness(r),
        () => undefined,
      );
    load();
    const id = window.setInterval(load, 5_000);
    return () => window.clearInterval(id);
  }, [client, screen.visitId]);

  return (
    <AdminFrame title={t('readiness.title')} testId="readiness-screen" visitId={screen.visitId} step="readiness">
      {readiness &&
        (readiness.ready ? (
          <>
            <p className="vd-ready" data-testid="ready">
              {t('readiness.ready')}
            </p>
            <button type="button" className="button button--primary vd__huge" data-testid="call-join" onClick={() => void join()}>
              {t('call.join')}
            </button>
            {joinError && (
              <p className="vd-refusal" role="alert" data-testid="call-join-error">
                {joinError}
              </p>
            )}
          </>
        ) : (
          <section className="vd-card">
            <h2 className="vd-card__title">{t('readiness.blocked', { n: readiness.blockers.length })}</h2>
            <ul className="vd-blockers" data-testid="blockers">
              {readiness.blockers.map((b) => (
                <li key={`${b.code}-${b.message}`} className="vd-blocker" data-testid="blocker" data-code={b.code}>
                  {b.requirement && <span className="vd-refusal__req">{b.requirement}</span>}
                  <span>{b.message}</span>
                </li>
              ))}
            </ul>
          </section>
        ))}
    </AdminFrame>
  );
}
