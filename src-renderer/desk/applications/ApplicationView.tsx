// One application: who applied, the regulation's decision with requirement ids, every
// review step with its due date (R14.1), the refusal and its reason, the booked visit, the
// warden's exceptions (R14.3); the open step's actions; print Form 1/2 and the notice.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskStaff, useDeskTask } from '../app/desk-hooks';
import { DecisionPanel } from '../app/DecisionPanel';
import { proofLabels, roleLabel } from '../app/labels';
import { RefusalNote } from '../app/RefusalNote';
import { StepDue } from '../app/StepDue';
import { ApplicationProofs } from '../proofs/ApplicationProofs';
import { ApplicationNotifications } from '../notifications/ApplicationNotifications';
import { ExceptionForm } from './ExceptionForm';
import { StepActions } from './StepActions';
import { WithdrawForm, withdrawable } from './WithdrawForm';
import { languageLabel } from '../../../src-shared/regulation/visit';
import { localDateTime } from '../../app/dates';

export function ApplicationView({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const staff = useDeskStaff();
  const task = useDeskTask();
  const { run } = task;
  const [app, setApp] = useState<ApplicationRecord | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.getApplication({ applicationId }))).then((a) => a && setApp(a));
  }, [client, applicationId, run]);

  if (!app) {
    return (
      <section className="card">
        <RefusalNote refusal={task.refusal} />
        {!task.refusal && <p>{t('desk.common.loading')}</p>}
      </section>
    );
  }
  const open = app.steps.find((s) => s.doneAt === null && s.organisationId === staff?.organisation.id) ?? null;
  const isWarden =
    staff?.roles.includes('warden') === true &&
    staff.organisation.id === app.prisonId &&
    app.status !== 'refused' &&
    app.status !== 'withdrawn';

  return (
    <div className="desk-application" data-testid="application" data-application={app.id} data-status={app.status}>
      <section className="card">
        <div className="desk-application__head">
          <h2 className="card__title">
            {t(`desk.form.${app.form}`)} · {app.inmate.name}（{app.inmate.inmateNumber}）
          </h2>
          <span className={`desk-badge desk-status--${app.status}`} data-testid="application-status">
            {t(`desk.status.${app.status}`)}
          </span>
        </div>
        <p>{t('desk.application.received', { date: app.receivedOn, channel: t(`desk.channel.${app.channel}`) })}</p>
        {/* Issue #25 item 9: what a relative enters on the store's status page. */}
        <p className="desk-hint" data-testid="application-number">
          {t('desk.application.number', { id: app.id })}
        </p>
        <p data-testid="application-languages" data-interpreter={app.interpreterRequired ? 'yes' : 'no'}>
          {t('desk.application.languages', { languages: app.languages.map(languageLabel).join('、') })}
          {app.interpreterRequired && <strong className="desk-badge"> {t('desk.application.interpreterRequired')}</strong>}
        </p>
        {app.withdrawal && (
          <p className="desk-refusal" data-testid="application-withdrawn">
            {t('desk.application.withdrawn', { reason: app.withdrawal.reason })}
          </p>
        )}
        {app.refusal && (
          <div className="desk-refusal" data-testid="application-refusal">
            <p className="desk-refusal__message">
              {app.refusal.requirementIds.map((id) => (
                <span key={id} className="desk-req" data-testid="refusal-id">
                  {id}
                </span>
              ))}
              {t('desk.application.refused', { reason: app.refusal.reason })}
            </p>
          </div>
        )}
        <div className="desk-row desk-noprint">
          <button
            type="button"
            className="button"
            data-testid="print-form"
            onClick={() => deskActions().openDeskView({ name: 'print', applicationId: app.id, what: 'form' })}
          >
            {t(app.form === 'form-1' ? 'desk.print.printForm1' : 'desk.print.printForm2')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="print-notice"
            onClick={() => deskActions().openDeskView({ name: 'print', applicationId: app.id, what: 'notice' })}
          >
            {t('desk.print.printNotice')}
          </button>
        </div>
      </section>

      <section className="card">
        <h3 className="card__title">{t('desk.application.applicants')}</h3>
        <table className="desk-table" data-testid="applicants">
          <thead>
            <tr>
              <th>{t('desk.print.applicant')}</th>
              <th>{t('desk.intake.relationship')}</th>
              <th>{t('desk.print.idNumber')}</th>
              <th>{t('desk.print.phone')}</th>
              <th>{t('desk.intake.proofs')}</th>
            </tr>
          </thead>
          <tbody>
            {app.applicants.map((p) => (
              <tr key={p.id} data-testid="applicant-row">
                <td>{p.name}</td>
                <td>{roleLabel(p.role)}</td>
                <td>{p.document.number}</td>
                <td>{p.phone}</td>
                <td>{proofLabels(p.role).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {/* Issue #25 item 2: the scans, for every organisation on the chain (the store scopes them). */}
      <ApplicationProofs
        applicationId={app.id}
        mayAttach={staff?.organisation.kind !== 'province' && app.status !== 'withdrawn'}
      />

      {/* Issue #25 item 8: the family's text messages against the step's deadline (R8.4, R9.2). */}
      <ApplicationNotifications
        key={`${app.id}:${app.steps.length}`}
        applicationId={app.id}
        mayResend={staff?.organisation.kind !== 'province' && app.status !== 'withdrawn'}
      />

      <section className="card">
        <h3 className="card__title">{t('desk.application.decision')}</h3>
        <DecisionPanel decision={app.decision} />
      </section>

      <section className="card">
        <h3 className="card__title">{t('desk.application.steps')}</h3>
        <ol className="desk-steps" data-testid="steps">
          {app.steps.map((s) => (
            <li
              key={s.id}
              className={`desk-step${s.doneAt ? ' desk-step--done' : ''}`}
              data-testid="step"
              data-kind={s.kind}
              data-due={s.dueOn}
              data-done={s.doneAt ? 'yes' : 'no'}
            >
              <span className="desk-step__label">
                {s.label} {s.requirement && <span className="desk-req">{s.requirement}</span>}
              </span>
              <span>{t('desk.steps.received', { date: s.receivedOn })}</span>
              {/* A withdrawal is recorded, not a step with a deadline. */}
              {s.kind !== 'withdrawal' && <StepDue step={s} />}
              {s.doneAt && (
                <span>
                  {t('desk.steps.done', { at: localDateTime(s.doneAt) })}
                  {s.outcome ? ` · ${t(`desk.steps.outcome.${s.outcome}`, { defaultValue: s.outcome })}` : ''}
                  {s.reason ? ` · ${s.reason}` : ''}
                </span>
              )}
            </li>
          ))}
        </ol>
      </section>

      {app.visits.length > 0 && (
        <section className="card">
          <h3 className="card__title">{t('desk.application.visits')}</h3>
          <ul className="desk-list" data-testid="application-visits">
            {app.visits.map((v) => (
              <li key={v.id} data-testid="application-visit">
                {t('desk.application.visit', {
                  date: v.date,
                  start: v.start,
                  end: v.end,
                  minutes: v.minutes,
                  status: t(`desk.visitStatus.${v.status}`),
                })}
              </li>
            ))}
          </ul>
        </section>
      )}

      {open && <StepActions application={app} step={open} onDone={setApp} />}
      {isWarden && <ExceptionForm application={app} onDone={setApp} />}
      {staff?.organisation.kind !== 'province' && withdrawable(app) && <WithdrawForm application={app} onDone={setApp} />}
    </div>
  );
}
