// The actions of the open review step (R8.2–R9.3): forward or refuse with a reason at the
// office and the bureau; approve with a slot or refuse at the prison; record how and when
// the relatives were told (R8.4), their answer (R9.2), the inmate told (R9.3).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord, StepRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { ApproveForm } from './ApproveForm';
import { ArrangementNote } from './ArrangementNote';

const HOW = ['phone', 'sms', 'in-person'] as const;
type How = (typeof HOW)[number];

/** 'YYYY-MM-DDTHH:mm' from a datetime-local input → ISO-8601 (the clerk's local time). */
const toIso = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

export function StepActions({
  application,
  step,
  onDone,
}: {
  application: ApplicationRecord;
  step: StepRecord;
  onDone(a: ApplicationRecord): void;
}) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [reason, setReason] = useState('');
  const [how, setHow] = useState<How>('phone');
  const [at, setAt] = useState('');
  const [agreed, setAgreed] = useState(true);
  const id = application.id;
  const act = async (work: () => Promise<ApplicationRecord>) => {
    const done = await task.run(work);
    if (done) onDone(done);
  };

  const refuseBox = (
    <div className="desk-action">
      <label className="desk-field">
        <span>{t('desk.actions.refuseReason')}</span>
        <textarea data-testid="refuse-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <button
        type="button"
        className="button button--danger"
        data-testid="action-refuse"
        disabled={task.busy}
        onClick={() => void act(() => deskCall(client.desk.refuse({ applicationId: id, reason })))}
      >
        {t('desk.actions.refuse')}
      </button>
    </div>
  );

  const howBox = (
    <div className="desk-row">
      <fieldset className="desk-field">
        <legend>{t('desk.actions.how')}</legend>
        {HOW.map((h) => (
          <label key={h} className="desk-choice">
            <input
              type="radio"
              name="notify-how"
              value={h}
              data-testid={`notify-${h}`}
              checked={how === h}
              onChange={() => setHow(h)}
            />
            {t(`desk.actions.howOptions.${h}`)}
          </label>
        ))}
      </fieldset>
      <label className="desk-field">
        <span>{t('desk.actions.at')}</span>
        <input type="datetime-local" data-testid="notify-at" value={at} onChange={(e) => setAt(e.target.value)} />
      </label>
    </div>
  );

  let body;
  switch (step.kind) {
    case 'office-first-review':
    case 'bureau-review':
      body = (
        <>
          <button
            type="button"
            className="button button--primary"
            data-testid="action-forward"
            disabled={task.busy}
            onClick={() => void act(() => deskCall(client.desk.forward({ applicationId: id })))}
          >
            {t(step.kind === 'office-first-review' ? 'desk.actions.forwardBureau' : 'desk.actions.forwardPrison')}
          </button>
          {refuseBox}
        </>
      );
      break;
    case 'prison-decision':
    case 'prison-decision-inmate-application':
      body = (
        <>
          <ApproveForm application={application} onDone={onDone} />
          {refuseBox}
        </>
      );
      break;
    case 'bureau-notifies-relative':
      body = (
        <div className="desk-action">
          {howBox}
          <button
            type="button"
            className="button button--primary"
            data-testid="action-notify"
            disabled={task.busy}
            onClick={() => void act(() => deskCall(client.desk.notify({ applicationId: id, how, at: toIso(at) })))}
          >
            {t('desk.actions.notify')}
          </button>
        </div>
      );
      break;
    case 'bureau-notifies-and-replies':
      body = (
        <div className="desk-action">
          <ArrangementNote application={application} requirement="R9.2" />
          {howBox}
          <label className="desk-choice">
            <input type="checkbox" data-testid="consent-agreed" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} />
            {t('desk.actions.agreed')}
          </label>
          {!agreed && (
            <label className="desk-field">
              <span>{t('desk.actions.disagreeReason')}</span>
              <textarea data-testid="consent-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
          <button
            type="button"
            className="button button--primary"
            data-testid="action-consent"
            disabled={task.busy}
            onClick={() =>
              void act(() =>
                deskCall(
                  client.desk.consent({ applicationId: id, agreed, how, at: toIso(at), reason: agreed ? undefined : reason }),
                ),
              )
            }
          >
            {t('desk.actions.consent')}
          </button>
        </div>
      );
      break;
    case 'prison-notifies-inmate':
      body = (
        <div className="desk-action">
          <ArrangementNote application={application} requirement="R9.3" />
          <label className="desk-field">
            <span>{t('desk.actions.informAt')}</span>
            <input type="datetime-local" data-testid="inform-at" value={at} onChange={(e) => setAt(e.target.value)} />
          </label>
          <button
            type="button"
            className="button button--primary"
            data-testid="action-inform"
            disabled={task.busy}
            onClick={() => void act(() => deskCall(client.desk.informInmate({ applicationId: id, at: toIso(at) })))}
          >
            {t('desk.actions.inform')}
          </button>
        </div>
      );
      break;
    default:
      body = null;
  }

  return (
    <section className="card desk-actions" data-testid="step-actions" data-step={step.kind}>
      <h3 className="card__title">
        {t('desk.actions.title', { step: step.label })} <span className="desk-req">{step.requirement}</span>
      </h3>
      {body}
      <RefusalNote refusal={task.refusal} />
    </section>
  );
}
