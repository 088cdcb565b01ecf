// Intake: Form 2 at a judicial office or county bureau (relatives, R6.1, R8.1), Form 1 at a
// prison (the inmate names relatives, R9.1). While the clerk types, the regulation module's
// decision is shown live (reasons with requirement ids) with the first step's due date in
// working days; applications are received on working days only (R14.1).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationPreview } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskSites, useDeskStaff, useDeskTask } from '../app/desk-hooks';
import { DecisionPanel } from '../app/DecisionPanel';
import { RefusalNote } from '../app/RefusalNote';
import { SelectField } from '../app/SelectField';
import { StepDue } from '../app/StepDue';
import { ApplicantFields } from './ApplicantFields';
import {
  emptyApplicant,
  emptyDraft,
  MAX_APPLICANTS,
  previewable,
  toApplicationInput,
  withCard,
  type IntakeDraft,
} from './intake-draft';
import { InmatePicker, type PickedInmate } from './InmatePicker';
import { LanguageField } from './LanguageField';
import { DraftProofs } from '../proofs/DraftProofs';
import { dropScan, type PickedScan } from '../proofs/picked-scan';
import { DateInput } from '../../controls/DateInput';

/** How long typing must pause before the rules are asked again. */
const PREVIEW_DELAY_MS = 300;

export function IntakeView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const staff = useDeskStaff();
  const sites = useDeskSites();
  const atPrison = staff?.organisation.kind === 'prison';
  const [draft, setDraft] = useState<IntakeDraft>(() => emptyDraft(atPrison ? 'form-1' : 'form-2'));
  const [inmate, setInmate] = useState<PickedInmate | null>(null);
  // Issue #25 item 2: scans picked before the application exists, sent right after it is received.
  const [scans, setScans] = useState<PickedScan[]>([]);
  const [received, setReceived] = useState<{ id: string; failed: number } | null>(null);
  // Kept with the input it answers, so a stale answer is never shown for newer typing.
  const [answer, setAnswer] = useState<{ input: string; preview: ApplicationPreview } | null>(null);
  const previewTask = useDeskTask();
  const cardTask = useDeskTask();
  const submitTask = useDeskTask();
  const { run: runPreview } = previewTask;

  const full: IntakeDraft = { ...draft, inmateId: inmate?.id ?? '' };
  const input = previewable(full) ? JSON.stringify(toApplicationInput(full)) : null;
  const preview = answer !== null && answer.input === input ? answer.preview : null;

  // The live decision: asked again whenever what would be sent changes.
  useEffect(() => {
    if (input === null) return;
    const timer = setTimeout(() => {
      void runPreview(() =>
        deskCall(client.desk.previewApplication(JSON.parse(input) as ReturnType<typeof toApplicationInput>)),
      ).then((p) => p && setAnswer({ input, preview: p }));
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [client, input, runPreview]);

  const setApplicant = (i: number, next: IntakeDraft['applicants'][number]) =>
    setDraft((d) => ({ ...d, applicants: d.applicants.map((a, j) => (j === i ? next : a)) }));
  const readCard = async (i: number) => {
    const card = await cardTask.run(() => deskCall(client.desk.readCard()));
    if (card) setDraft((d) => ({ ...d, applicants: d.applicants.map((a, j) => (j === i ? withCard(a, card) : a)) }));
  };
  const submit = async () => {
    const created = await submitTask.run(async () => {
      const app = await deskCall(client.desk.submitApplication(toApplicationInput(full)));
      // The application is received whatever happens to a scan; the ones not sent are counted
      // and the clerk is told before leaving the form (they can be attached on its page).
      let failed = 0;
      for (const scan of scans) {
        const sent = await deskCall(
          client.desk.attachProof({ applicationId: app.id, kind: scan.kind, fileName: scan.name, bytes: scan.bytes }),
        ).then(
          () => true,
          () => false,
        );
        if (!sent) failed += 1;
        dropScan(scan);
      }
      setScans([]);
      return { id: app.id, failed };
    });
    if (!created) return;
    if (created.failed === 0) deskActions().openDeskView({ name: 'application', applicationId: created.id });
    else setReceived(created);
  };

  return (
    <div className="desk-intake" data-testid="intake" data-form={draft.form}>
      <section className="card">
        <h2 className="card__title">{t(draft.form === 'form-1' ? 'desk.intake.titleForm1' : 'desk.intake.titleForm2')}</h2>
        <InmatePicker atPrison={atPrison} prisons={sites.filter((s) => s.kind === 'prison')} picked={inmate} onPick={setInmate} />
        {draft.form === 'form-1' && (
          <SelectField
            label={
              <>
                {t('desk.intake.relativesBureau')} <span className="desk-req">R9.2</span>
              </>
            }
            testId="relatives-bureau"
            options={sites.filter((s) => s.kind === 'bureau')}
            value={draft.relativesBureauId}
            onChange={(id) => setDraft({ ...draft, relativesBureauId: id })}
            placeholder={t('desk.intake.choose')}
          />
        )}
      </section>

      <section className="card">
        {draft.applicants.map((a, i) => (
          <ApplicantFields
            key={i}
            index={i}
            value={a}
            reading={cardTask.busy}
            onChange={(next) => setApplicant(i, next)}
            onReadCard={() => void readCard(i)}
            onRemove={
              draft.applicants.length > 1
                ? () => setDraft((d) => ({ ...d, applicants: d.applicants.filter((_, j) => j !== i) }))
                : null
            }
          />
        ))}
        <RefusalNote refusal={cardTask.refusal} />
        <button
          type="button"
          className="button"
          data-testid="add-applicant"
          disabled={draft.applicants.length >= MAX_APPLICANTS}
          onClick={() => setDraft((d) => ({ ...d, applicants: [...d.applicants, emptyApplicant()] }))}
        >
          {t('desk.intake.addApplicant', { max: MAX_APPLICANTS })}
        </button>
        <div className="desk-row">
          <label className="desk-field">
            <span>{t('desk.intake.preferredDate')}</span>
            <DateInput
              testId="preferred-date"
              value={draft.preferredDate}
              onChange={(preferredDate) => setDraft({ ...draft, preferredDate })}
            />
          </label>
          <label className="desk-field">
            <span>{t('desk.intake.preferredMinutes')}</span>
            <input
              type="number"
              min={5}
              max={240}
              data-testid="preferred-minutes"
              value={draft.preferredMinutes}
              onChange={(e) => setDraft({ ...draft, preferredMinutes: e.target.value })}
            />
          </label>
        </div>
        <LanguageField draft={draft} onChange={(next) => setDraft({ ...draft, ...next })} />
      </section>

      <DraftProofs scans={scans} onChange={setScans} />

      <section className="card desk-live" data-testid="live-decision">
        <h3 className="card__title">{t('desk.intake.liveDecision')}</h3>
        {input === null && <p>{t('desk.intake.fillToSee')}</p>}
        {previewTask.refusal && <RefusalNote refusal={previewTask.refusal} />}
        {preview && (
          <>
            {!preview.acceptedToday && (
              <p className="desk-refusal" data-testid="not-working-day">
                <span className="desk-req">R14.1</span>
                {t('desk.intake.notWorkingDay')}
              </p>
            )}
            <DecisionPanel decision={preview.decision} live />
            <p data-testid="first-step">
              {t('desk.intake.firstStep', { step: preview.firstStep.label })}{' '}
              <StepDue step={{ ...preview.firstStep, overdue: false, doneAt: null }} />
            </p>
          </>
        )}
        <RefusalNote refusal={submitTask.refusal} />
        {received && (
          <p className="desk-refusal" data-testid="proofs-not-sent">
            {t('desk.proofs.notSent', { count: received.failed }) + ' '}
            <button
              type="button"
              className="button"
              onClick={() => deskActions().openDeskView({ name: 'application', applicationId: received.id })}
            >
              {t('desk.proofs.openApplication')}
            </button>
          </p>
        )}
        <button
          type="button"
          className="button button--primary"
          data-testid="intake-submit"
          disabled={submitTask.busy || input === null || received !== null}
          onClick={() => void submit()}
        >
          {t('desk.intake.submit')}
        </button>
      </section>
    </div>
  );
}
