// The applicant withdraws (issue 25 item 5): a button, then a confirmation with the reason,
// which the chain keeps as a 'withdrawal' step. A booked visit is cancelled by the store and
// dropped from the rooms' terminals at their next sync.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

/** Nothing left to withdraw: already withdrawn, refused, or the visit took place. */
export const withdrawable = (app: ApplicationRecord): boolean =>
  app.status !== 'withdrawn' &&
  app.outcome !== 'refused' &&
  !app.visits.some((v) => v.status === 'completed' || v.status === 'terminated');

export function WithdrawForm({ application, onDone }: { application: ApplicationRecord; onDone(a: ApplicationRecord): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');

  if (!confirming) {
    return (
      <section className="card desk-noprint">
        <button type="button" className="button button--quiet" data-testid="withdraw-open" onClick={() => setConfirming(true)}>
          {t('desk.withdraw.button')}
        </button>
      </section>
    );
  }
  const submit = async () => {
    const done = await task.run(() => deskCall(client.desk.withdraw({ applicationId: application.id, reason })));
    if (done) {
      setConfirming(false);
      onDone(done);
    }
  };
  return (
    <section className="card desk-actions" data-testid="withdraw-form" role="alertdialog" aria-labelledby="withdraw-title">
      <h3 className="card__title" id="withdraw-title">
        {t('desk.withdraw.title')}
      </h3>
      <p>{t('desk.withdraw.hint')}</p>
      <label className="desk-field">
        <span>{t('desk.withdraw.reason')}</span>
        <textarea data-testid="withdraw-reason" maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <RefusalNote refusal={task.refusal} />
      <div className="desk-row">
        <button
          type="button"
          className="button button--danger"
          data-testid="withdraw-confirm"
          disabled={task.busy}
          onClick={() => void submit()}
        >
          {t('desk.withdraw.confirm')}
        </button>
        <button type="button" className="button" data-testid="withdraw-cancel" onClick={() => setConfirming(false)}>
          {t('desk.withdraw.cancel')}
        </button>
      </div>
    </section>
  );
}
