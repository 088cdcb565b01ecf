// The outbox towards the central store, kept current by main's 'sync.status' event.
import { useTranslation } from 'react-i18next';
import { localDateTime } from '../app/dates';
import { useSyncStatus } from '../store/hooks';

export function SyncPanel() {
  const { t } = useTranslation();
  const sync = useSyncStatus();
  return (
    <section className="card console__panel" data-testid="console-sync" aria-labelledby="console-sync-title">
      <h2 id="console-sync-title" className="card__title">
        {t('console.sync.title')}
      </h2>
      {!sync ? (
        <p className="console__empty">{t('console.sync.unknown')}</p>
      ) : (
        <dl className="facts">
          <dt>{t('console.sync.queued')}</dt>
          <dd data-testid="console-sync-queued">{sync.queuedEvents}</dd>
          <dt>{t('console.sync.lastSuccess')}</dt>
          <dd>{sync.lastSuccessAt ? localDateTime(sync.lastSuccessAt) : t('console.sync.never')}</dd>
          <dt>{t('console.sync.lastError')}</dt>
          <dd className={sync.lastError ? 'facts__warn' : undefined}>{sync.lastError ?? t('console.sync.noError')}</dd>
        </dl>
      )}
    </section>
  );
}
