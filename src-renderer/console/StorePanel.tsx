// The local database's health at start-up: a recovered database is shown, never hidden.
import { useTranslation } from 'react-i18next';
import { useStoreHealth } from '../store/hooks';

export function StorePanel() {
  const { t } = useTranslation();
  const health = useStoreHealth();
  if (!health) return null;
  return (
    <section className="card console__panel" data-testid="console-store" aria-labelledby="console-store-title">
      <h2 id="console-store-title" className="card__title">
        {t('console.store.title')}
      </h2>
      <dl className="facts">
        <dt>{t('console.store.schema')}</dt>
        <dd>{health.schemaVersion}</dd>
        <dt>{t('console.store.integrity')}</dt>
        <dd className={health.integrity === 'ok' ? undefined : 'facts__warn'}>
          {health.integrity === 'ok' ? t('console.store.ok') : t('console.store.recovered')}
        </dd>
        {health.movedAsideTo && (
          <>
            <dt>{t('console.store.movedAside')}</dt>
            <dd>
              <code>{health.movedAsideTo}</code>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
