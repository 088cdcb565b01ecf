// The room's sign: which site and room this is, and the time.
import { useTranslation } from 'react-i18next';
import { useSite } from '../../store/hooks';
import { Clock } from './Clock';

export function SiteHeader() {
  const { t } = useTranslation();
  const site = useSite();
  return (
    <header className="idle__header">
      <div className="idle__sign">
        <h1 className="idle__site-name" data-testid="site-name">
          {site?.siteName}
        </h1>
        <p className="idle__room">
          <span data-testid="room-name">{site?.roomName}</span>
          <span className="idle__room-sign">{t('site.roomSign')}</span>
        </p>
      </div>
      <Clock />
    </header>
  );
}
