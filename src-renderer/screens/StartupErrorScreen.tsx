// When the terminal cannot start: a plain explanation for whoever stands in front of it,
// what to do, and the technical details an administrator needs, plus a retry. The details are
// folded away (issue #21: nothing internal in a visitor's sight) until someone opens them.
import { useTranslation } from 'react-i18next';
import { kioskStore } from '../store';
import type { ScreenProps } from './registry';

export function StartupErrorScreen({ screen }: ScreenProps<'startup-error'>) {
  const { t } = useTranslation();
  const { problem } = screen;
  // Back to 'starting': the app's start-up effect runs again on that state.
  const retry = () => kioskStore.getState().screenEvent({ type: 'retry-startup' });
  return (
    <main className="status-screen status-screen--error" data-testid="startup-error-screen">
      <div className="status-screen__panel" role="alert">
        <h1 className="status-screen__title">{t('startupError.title')}</h1>
        <p className="status-screen__text" data-testid="startup-error-reason">
          {problem.kind === 'no-kiosk' ? t('startupError.noKiosk') : t('startupError.callFailed')}
        </p>
        <p className="status-screen__text">{t('startupError.whatToDo')}</p>
        {problem.kind === 'call-failed' && (
          <details className="status-screen__details">
            <summary className="status-screen__subtitle">{t('startupError.detailsTitle')}</summary>
            <dl className="status-screen__facts" data-testid="startup-error-details">
              {problem.method !== '' && (
                <>
                  <dt>{t('startupError.method')}</dt>
                  <dd>
                    <code>{problem.method}</code>
                  </dd>
                </>
              )}
              <dt>{t('startupError.code')}</dt>
              <dd>
                <code>{problem.code}</code> {t(`startupError.codes.${problem.code}`)}
              </dd>
              <dt>{t('startupError.message')}</dt>
              <dd>{problem.message}</dd>
            </dl>
          </details>
        )}
        <button type="button" className="button button--primary" data-testid="startup-retry" onClick={retry} autoFocus>
          {t('startupError.retry')}
        </button>
      </div>
    </main>
  );
}
