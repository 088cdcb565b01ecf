// The province's view of the store's recording access audit (R26.1, R29.1): who searched,
// played, downloaded or held which recordings, and when (China time), newest first.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessEntry } from '../../../src-shared/store-api/endpoints/recordings-search';
import { chinaDateTime } from '../../../src-shared/calendar/china-time';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

export function AccessAuditView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [entries, setEntries] = useState<AccessEntry[] | null>(null);
  useEffect(() => {
    void run(() => deskCall(client.desk.recordingAccessAudit({ limit: 200 }))).then((e) => e && setEntries(e));
  }, [client, run]);
  return (
    <section className="card desk-recordings" data-testid="rec-audit">
      <div className="desk-recordings__head">
        <button type="button" className="button button--quiet" onClick={() => deskActions().openDeskView({ name: 'recordings' })}>
          {t('deskRecordings.back')}
        </button>
        <h2 className="card__title">{t('deskRecordings.audit.title')}</h2>
      </div>
      <RefusalNote refusal={task.refusal} />
      {entries && entries.length === 0 && <p>{t('deskRecordings.audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <table className="desk-table">
          <thead>
            <tr>
              <th>{t('deskRecordings.audit.at')}</th>
              <th>{t('deskRecordings.audit.who')}</th>
              <th>{t('deskRecordings.audit.action')}</th>
              <th>{t('deskRecordings.audit.what')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid="rec-audit-row" data-action={e.action} data-visit={e.visitId ?? ''}>
                <td className="desk-nowrap">{chinaDateTime(new Date(e.at))}</td>
                <td>
                  {e.staffName}
                  <br />
                  <span className="desk-muted">{e.organisation}</span>
                </td>
                <td className="desk-nowrap">{t(`deskRecordings.audit.actions.${e.action}`)}</td>
                <td>{e.summary}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
