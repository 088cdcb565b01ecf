// Shown for the moment between page load and main's first answers.
import { useTranslation } from 'react-i18next';

export function StartingScreen() {
  const { t } = useTranslation();
  return (
    <main className="status-screen" data-testid="starting-screen" aria-busy="true">
      <div className="status-screen__panel">
        <h1 className="status-screen__title">{t('starting.title')}</h1>
        <p className="status-screen__text">{t('starting.hint')}</p>
      </div>
    </main>
  );
}
