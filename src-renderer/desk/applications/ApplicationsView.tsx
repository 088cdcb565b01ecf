// Applications in my scope (a bureau sees its own and its offices', never another bureau's).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationSummary } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

export function ApplicationsView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [items, setItems] = useState<ApplicationSummary[] | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.listApplications({ limit: 200 }))).then((list) => list && setItems(list));
  }, [client, run]);

  return (
    <section className="card" data-testid="desk-applications">
      <h2 className="card__title">{t('desk.applications.title')}</h2>
      <RefusalNote refusal={task.refusal} />
      {items && items.length === 0 && <p data-testid="applications-empty">{t('desk.applications.empty')}</p>}
      {items && items.length > 0 && (
        <table className="desk-table">
          <thead>
            <tr>
              <th>{t('desk.applications.form')}</th>
              <th>{t('desk.queue.inmate')}</th>
              <th>{t('desk.queue.applicants')}</th>
              <th>{t('desk.queue.received')}</th>
              <th>{t('desk.applications.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr key={a.id} data-testid="application-row" data-application={a.id}>
                <td>{t(`desk.form.${a.form}`)}</td>
                <td>{a.inmate.name}</td>
                <td>{a.applicantNames.join('、')}</td>
                <td>{a.receivedOn}</td>
                <td>
                  {t(`desk.status.${a.status}`)}
                  {a.refusal && <span className="desk-req">{a.refusal.requirementIds.join(' ')}</span>}
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    data-testid="application-open"
                    onClick={() => deskActions().openDeskView({ name: 'application', applicationId: a.id })}
                  >
                    {t('desk.queue.open')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
