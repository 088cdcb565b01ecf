// The outbox towards the central store, kept current by main's 'sync.status' event:
// the worker's state, queued events, unsent audit entries, recording uploads with
// progress bars, the last success and the last error in plain Chinese (issue 8).
import { useTranslation } from 'react-i18next';
import { localDateTime } from '../app/dates';
import { useSyncStatus } from '../store/hooks';
import { UploadList } from './UploadList';

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
        <>
          <dl className="facts">
            {sync.state ? (
              <>
                <dt>{t('console.sync.state')}</dt>
                <dd data-testid="console-sync-state" className={sync.state === 'alarm' ? 'facts__warn' : undefined}>{t(`console.sync.states.${sync.state}`)}</dd>
              </>
            ) : null}
            {sync.alarm ? (
              <>
                <dt>{t('console.sync.alarm')}</dt>
                <dd className="facts__warn" role="alert" data-testid="console-sync-alarm">{sync.alarm}</dd>
              </>
            ) : null}
            <dt>{t('console.sync.queued')}</dt>
            <dd data-testid="console-sync-queued">{sync.queuedEvents}</dd>
            {sync.unsentAuditEntries !== undefined ? (
              <>
                <dt>{t('console.sync.unsentAudit')}</dt>
                <dd data-testid="console-sync-unsent-audit">{sync.unsentAuditEntries}</dd>
              </>
            ) : null}
            <dt>{t('console.sync.lastSuccess')}</dt>
            <dd>{sync.lastSuccessAt ? localDateTime(sync.lastSuccessAt) : t('console.sync.never')}</dd>
            <dt>{t('console.sync.lastError')}</dt>
            <dd className={sync.lastError ? 'facts__warn' : undefined}>{sync.lastError ?? t('console.sync.noError')}</dd>
            {sync.nextAttemptAt && sync.state !== 'idle' ? (
              <>
                <dt>{t('console.sync.nextAttempt')}</dt>
                <dd>{localDateTime(sync.nextAttemptAt)}</dd>
              </>
            ) : null}
          </dl>
          {sync.uploads ? <UploadList uploads={sync.uploads} /> : null}
        </>
      )}
    </section>
  );
}
