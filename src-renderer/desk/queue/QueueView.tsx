// 待办: the open review steps of my organisation, each with its due date in working days,
// overdue first (R8.2–R9.3, R14.1). A row opens the application with its actions.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { StepDue } from '../app/StepDue';
import { sortQueue } from './sort-queue';

export function QueueView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const { run } = task;

  useEffect(() => {
    void run(() => deskCall(client.desk.reviewQueue({}))).then((q) => q && setItems(sortQueue(q)));
  }, [client, run]);

  return (
    <section className="card" data-testid="desk-queue">
      <h2 className="card__title">{t('desk.queue.title')}</h2>
      <RefusalNote refusal={task.refusal} />
      {items && items.length === 0 && <p data-testid="queue-empty">{t('desk.queue.empty')}</p>}
      {items && items.length > 0 && (
        <table className="desk-table">
          <thead>
            <tr>
              <th>{t('desk.queue.step')}</th>
              <th>{t('desk.queue.inmate')}</th>
              <th>{t('desk.queue.applicants')}</th>
              <th>{t('desk.queue.received')}</th>
              <th>{t('desk.queue.due')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {items.map(({ step, application }) => (
              <tr
                key={step.id}
                data-testid="queue-row"
                data-application={application.id}
                className={step.overdue ? 'desk-row--overdue' : undefined}
              >
                <td>
                  {step.label} <span className="desk-req">{step.requirement}</span>
                </td>
                <td>
                  {application.inmate.name}（{application.inmate.inmateNumber}）
                </td>
                <td>{application.applicantNames.join('、')}</td>
                <td>{step.receivedOn}</td>
                <td>
                  <StepDue step={step} />
                </td>
                <td>
                  <button
                    type="button"
                    className="button"
                    data-testid="queue-open"
                    onClick={() => deskActions().openDeskView({ name: 'application', applicationId: application.id })}
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
