// The warden of the inmate's prison approves an exception (R14.3): which limit, for which
// date, the approved minutes or visitors, and why. Who approved is the logged-in warden.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXCEPTION_LIMITS, type ExceptionLimit } from '../../../src-shared/regulation/warden-exception';
import type { ApplicationRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { DateInput } from '../../controls/DateInput';

const LIMITS = Object.keys(EXCEPTION_LIMITS) as ExceptionLimit[];

export function ExceptionForm({ application, onDone }: { application: ApplicationRecord; onDone(a: ApplicationRecord): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [lifts, setLifts] = useState<ExceptionLimit>('duration');
  const [visitDate, setVisitDate] = useState(application.visits[0]?.date ?? application.preferred.date ?? '');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const n = amount === '' ? undefined : Number(amount);

  const submit = async () => {
    const done = await task.run(() =>
      deskCall(
        client.desk.approveException({
          applicationId: application.id,
          lifts,
          visitDate,
          maxMinutes: lifts === 'duration' ? n : undefined,
          maxVisitors: lifts === 'visitor-count' ? n : undefined,
          reason,
        }),
      ),
    );
    if (done) {
      setReason('');
      onDone(done);
    }
  };

  return (
    <section className="card desk-actions" data-testid="exception-form">
      <h3 className="card__title">
        {t('desk.exception.title')} <span className="desk-req">R14.3</span>
      </h3>
      <div className="desk-row">
        <label className="desk-field">
          <span>{t('desk.exception.lifts')}</span>
          <select value={lifts} data-testid="exception-lifts" onChange={(e) => setLifts(e.target.value as ExceptionLimit)}>
            {LIMITS.map((l) => (
              <option key={l} value={l}>
                {EXCEPTION_LIMITS[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="desk-field">
          <span>{t('desk.exception.date')}</span>
          <DateInput value={visitDate} onChange={setVisitDate} />
        </label>
        {(lifts === 'duration' || lifts === 'visitor-count') && (
          <label className="desk-field">
            <span>{t(lifts === 'duration' ? 'desk.exception.minutes' : 'desk.exception.visitors')}</span>
            <input
              type="number"
              min={1}
              data-testid="exception-amount"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </label>
        )}
      </div>
      <label className="desk-field">
        <span>{t('desk.exception.reason')}</span>
        <textarea data-testid="exception-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <RefusalNote refusal={task.refusal} />
      <button
        type="button"
        className="button button--primary"
        data-testid="exception-submit"
        disabled={task.busy}
        onClick={() => void submit()}
      >
        {t('desk.exception.submit')}
      </button>
      {application.exceptions.length > 0 && (
        <ul className="desk-list" data-testid="exceptions">
          {application.exceptions.map((x) => (
            <li key={x.id}>
              {t('desk.exception.record', {
                what: EXCEPTION_LIMITS[x.lifts],
                date: x.visitDate,
                who: x.approvedByName,
                on: x.approvedOn,
                reason: x.reason,
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
