// An application's text messages to the family (issue #25 item 8; R8.4, R9.2): what the store
// queued when a step called for telling the relatives, whether each was delivered and whether
// in time for the step's deadline, the gateway's state (短信网关未配置: the messages wait, the
// bureau tells the family by phone meanwhile), and sending the message again to a new number.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationList } from '../../../src-shared/store-api/endpoints/notifications';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

const at = (iso: string | null) => (iso === null ? '' : new Date(iso).toLocaleString('zh-CN', { hour12: false }));

export function ApplicationNotifications({ applicationId, mayResend }: { applicationId: string; mayResend: boolean }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [list, setList] = useState<NotificationList | null>(null);
  const [phone, setPhone] = useState('');

  const load = useCallback(
    () => run(() => deskCall(client.desk.notifications({ applicationId }))).then((got) => got && setList(got)),
    [client, applicationId, run],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const resend = async () => {
    const sent = await run(() => deskCall(client.desk.resendNotification({ applicationId, phone: phone.trim() })));
    if (sent) {
      setPhone('');
      await load();
    }
  };

  const gateway = list?.gateway;
  return (
    <section className="card" data-testid="application-notifications">
      <h3 className="card__title">
        {t('desk.notifications.title')} <span className="desk-req">R8.4</span> <span className="desk-req">R9.2</span>
      </h3>
      {gateway && (
        <p
          className={
            gateway.state === 'unconfigured' || gateway.state === 'failing'
              ? 'desk-sms-gateway desk-sms-gateway--warn'
              : 'desk-hint'
          }
          data-testid="sms-gateway"
          data-state={gateway.state}
        >
          {gateway.message}
        </p>
      )}
      {list !== null && list.notifications.length === 0 && <p data-testid="notifications-none">{t('desk.notifications.none')}</p>}
      {list !== null && list.notifications.length > 0 && (
        <table className="desk-table" data-testid="notifications">
          <thead>
            <tr>
              <th>{t('desk.notifications.phone')}</th>
              <th>{t('desk.notifications.step')}</th>
              <th>{t('desk.notifications.body')}</th>
              <th>{t('desk.notifications.status')}</th>
              <th>{t('desk.notifications.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {list.notifications.map((n) => (
              <tr key={n.id} data-testid="notification-row" data-status={n.status} data-timeliness={n.timeliness}>
                <td>
                  {n.phone}
                  {n.sentByClerk && <div className="desk-hint">{t('desk.notifications.byClerk')}</div>}
                </td>
                <td>{n.stepLabel}</td>
                <td className="desk-sms-body">
                  {n.body}
                  <div className="desk-hint">{t('desk.notifications.parts', { parts: n.parts })}</div>
                </td>
                <td>
                  {t(`desk.notifications.statuses.${n.status}`)}
                  {n.finalAt !== null && <div className="desk-hint">{at(n.finalAt)}</div>}
                  {n.status !== 'delivered' && n.lastError !== null && (
                    <div className="desk-hint" data-testid="notification-error">
                      {n.lastError}
                    </div>
                  )}
                  {n.attempts > 0 && (
                    <div className="desk-hint">{t('desk.notifications.attempts', { attempts: n.attempts })}</div>
                  )}
                </td>
                <td>
                  <span
                    className={
                      n.timeliness === 'in-time' || n.timeliness === 'pending'
                        ? 'desk-badge'
                        : n.timeliness === 'not-told' || n.timeliness === 'overdue'
                          ? 'desk-badge desk-badge--danger'
                          : 'desk-badge desk-badge--warn'
                    }
                  >
                    {t(`desk.notifications.timeliness.${n.timeliness}`)}
                  </span>
                  <div className="desk-hint">{t('desk.notifications.due', { date: n.dueOn })}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RefusalNote refusal={task.refusal} />
      <div className="desk-row">
        <button
          type="button"
          className="button"
          data-testid="notifications-refresh"
          disabled={task.busy}
          onClick={() => void load()}
        >
          {t('desk.notifications.refresh')}
        </button>
      </div>
      {mayResend && (
        <div className="desk-row">
          <label className="desk-field">
            <span>{t('desk.notifications.resendTo')}</span>
            <input
              data-testid="resend-phone"
              inputMode="tel"
              maxLength={20}
              placeholder="13800000000"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button"
            data-testid="resend-send"
            disabled={task.busy || phone.trim() === ''}
            onClick={() => void resend()}
          >
            {t('desk.notifications.resend')}
          </button>
        </div>
      )}
    </section>
  );
}
