// The outbox towards the central store, kept current by main's 'sync.status' event:
// the worker's state, this terminal's clock when it is off the store's, queued events,
// unsent audit entries, recording uploads with progress bars, the last success and the
// last error in plain Chinese. Two
// buttons: sync now, and clear a refused-chain alarm (R26.1); main attributes and audits
// both, and refuses the clearing unless two administrators are logged in (R25.1).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localDateTime } from '../app/dates';
import { useKiosk } from '../app/kiosk-context';
import { kioskStore } from '../store';
import { useSyncStatus } from '../store/hooks';
import { EnrolForm } from './EnrolForm';
import { UploadList } from './UploadList';

export function SyncPanel() {
  const { t } = useTranslation();
  const sync = useSyncStatus();
  const kiosk = useKiosk();
  const [busy, setBusy] = useState<'sync' | 'clear' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Once the terminal was seen unenrolled, the form stays so its answer (the new terminal id) stays readable.
  const [showEnrol, setShowEnrol] = useState(false);
  if (sync?.state === 'unenrolled' && !showEnrol) setShowEnrol(true);

  const act = (kind: 'sync' | 'clear') => {
    if (!kiosk || busy) return;
    setBusy(kind);
    setMessage(null);
    const call = kind === 'sync' ? kiosk.sync.syncNow() : kiosk.sync.clearAlarm();
    call
      .then(
        (status) => {
          kioskStore.getState().setSyncStatus(status);
          if (kind === 'clear' && !status.alarm) setMessage(t('console.sync.alarmCleared'));
        },
        (error: unknown) =>
          setMessage(t('console.sync.actionFailed', { message: error instanceof Error ? error.message : String(error) })),
      )
      .finally(() => setBusy(null));
  };
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
            <dt>{t('console.sync.state')}</dt>
            <dd data-testid="console-sync-state" className={sync.state === 'alarm' ? 'facts__warn' : undefined}>
              {t(`console.sync.states.${sync.state}`)}
            </dd>
            {sync.alarm ? (
              <>
                <dt>{t('console.sync.alarm')}</dt>
                <dd className="facts__warn" role="alert" data-testid="console-sync-alarm">
                  {sync.alarm}
                </dd>
              </>
            ) : null}
            {sync.clock?.message ? (
              <>
                <dt>{t('console.sync.clock')}</dt>
                <dd className="facts__warn" role="alert" data-testid="console-sync-clock">
                  {sync.clock.message}
                </dd>
              </>
            ) : null}
            <dt>{t('console.sync.queued')}</dt>
            <dd data-testid="console-sync-queued">{sync.queuedEvents}</dd>
            <dt>{t('console.sync.unsentAudit')}</dt>
            <dd data-testid="console-sync-unsent-audit">{sync.unsentAuditEntries}</dd>
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
          <div className="console__actions">
            <button
              type="button"
              className="button"
              data-testid="console-sync-now"
              disabled={busy !== null || !kiosk}
              onClick={() => act('sync')}
            >
              {busy === 'sync' ? t('console.sync.syncing') : t('console.sync.syncNow')}
            </button>
            {sync.alarm ? (
              <button
                type="button"
                className="button button--warn"
                data-testid="console-sync-clear-alarm"
                disabled={busy !== null || !kiosk}
                onClick={() => act('clear')}
                title={t('console.sync.clearAlarmHint')}
              >
                {t('console.sync.clearAlarm')}
              </button>
            ) : null}
          </div>
          {sync.alarm ? <p className="console__note">{t('console.sync.clearAlarmHint')}</p> : null}
          {message ? (
            <p className="console__note" role="status" data-testid="console-sync-message">
              {message}
            </p>
          ) : null}
          {showEnrol ? <EnrolForm enrolled={sync.state !== 'unenrolled'} /> : null}
          <UploadList uploads={sync.uploads} />
        </>
      )}
    </section>
  );
}
