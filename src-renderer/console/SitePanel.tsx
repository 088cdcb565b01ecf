// This terminal: site, room, terminal id, version, language (admin.siteInfo).
import { useTranslation } from 'react-i18next';
import { useSite } from '../store/hooks';

export function SitePanel() {
  const { t } = useTranslation();
  const site = useSite();
  if (!site) return null;
  return (
    <section className="card console__panel" data-testid="console-site" aria-labelledby="console-site-title">
      <h2 id="console-site-title" className="card__title">
        {t('console.site.title')}
      </h2>
      <dl className="facts">
        <dt>{t('console.site.name')}</dt>
        <dd>{site.siteName}</dd>
        <dt>{t('console.site.kind')}</dt>
        <dd>{t(`site.kind.${site.siteKind}`)}</dd>
        <dt>{t('console.site.room')}</dt>
        <dd>{site.roomName}</dd>
        <dt>{t('console.site.terminal')}</dt>
        <dd>
          <code>{site.terminalId}</code>
        </dd>
        <dt>{t('console.site.version')}</dt>
        <dd>{site.appVersion}</dd>
        <dt>{t('console.site.language')}</dt>
        <dd>{t(`language.${site.language}`)}</dd>
      </dl>
    </section>
  );
}
