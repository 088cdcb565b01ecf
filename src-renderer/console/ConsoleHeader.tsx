// The console's title and the site and room it supervises: the same before and after login;
// the large-type switch (issue #21) too, so it helps with the login itself.
import { useTranslation } from 'react-i18next';
import { LargeTypeToggle } from '../controls/LargeTypeToggle';
import { useSite } from '../store/hooks';

export function ConsoleHeader() {
  const { t } = useTranslation();
  const site = useSite();
  return (
    <header className="console__header">
      <h1 className="console__title">{t('console.title')}</h1>
      <p className="console__site" data-testid="console-site-name">
        {site ? `${site.siteName} · ${site.roomName}` : ''}
      </p>
      <LargeTypeToggle />
    </header>
  );
}
