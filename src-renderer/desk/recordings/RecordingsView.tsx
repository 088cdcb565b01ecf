// Recordings at the store (issue #19 item 3): search the visits with recordings in my scope
// by date range (Chinese dates, YYYY-MM-DD), site, room, inmate, visitor (name or ID
// number), outcome and "has warnings". Every search is written to the store's access audit.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingVisit } from '../../../src-shared/store-api/endpoints/recordings-search';
import { buildSearchQuery, RECORDING_OUTCOMES, type RecordingSearchForm } from '../../../src-shared/recordings/search-filter';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskSites, useDeskStaff, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { SelectField } from '../app/SelectField';
import { DateInput } from '../../controls/DateInput';

const DAY = 86_400_000;

function initialForm(): RecordingSearchForm {
  const now = new Date();
  return {
    from: chinaDate(new Date(now.getTime() - 30 * DAY)),
    to: chinaDate(now),
    siteId: '',
    roomId: '',
    inmate: '',
    visitor: '',
    outcome: '',
    hasWarnings: false,
  };
}

function DateField({
  label,
  testId,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  value: string;
  onChange(v: string): void;
}) {
  return (
    <label className="desk-field">
      <span>{label}</span>
      <DateInput testId={testId} value={value} onChange={onChange} />
    </label>
  );
}

export function RecordingsView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const staff = useDeskStaff();
  const sites = useDeskSites();
  const task = useDeskTask();
  const [form, setForm] = useState<RecordingSearchForm>(initialForm);
  const [issues, setIssues] = useState<Array<{ field: string; message: string }>>([]);
  const [found, setFound] = useState<{ visits: RecordingVisit[]; total: number } | null>(null);
  const set = (patch: Partial<RecordingSearchForm>) => setForm((f) => ({ ...f, ...patch }));

  const search = async () => {
    const built = buildSearchQuery(form);
    if (!built.ok) {
      setIssues(built.issues);
      return;
    }
    setIssues([]);
    const answer = await task.run(() => deskCall(client.desk.recordingsSearch({ ...built.query, limit: 100 })));
    if (answer) setFound(answer);
  };

  return (
    <section className="card desk-recordings" data-testid="desk-recordings">
      <div className="desk-recordings__head">
        <h2 className="card__title">{t('deskRecordings.title')}</h2>
        {staff?.organisation.kind === 'province' && (
          <button
            type="button"
            className="button button--quiet"
            data-testid="recordings-audit-open"
            onClick={() => deskActions().openDeskView({ name: 'recordingsAudit' })}
          >
            {t('deskRecordings.audit.open')}
          </button>
        )}
      </div>
      <form
        className="desk-recordings__form"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <DateField label={t('deskRecordings.from')} testId="rec-from" value={form.from} onChange={(from) => set({ from })} />
        <DateField label={t('deskRecordings.to')} testId="rec-to" value={form.to} onChange={(to) => set({ to })} />
        <SelectField
          label={t('deskRecordings.site')}
          testId="rec-site"
          options={sites.filter((s) => s.kind !== 'province')}
          value={form.siteId}
          placeholder={t('deskRecordings.any')}
          onChange={(siteId) => set({ siteId })}
        />
        <label className="desk-field">
          <span>{t('deskRecordings.inmate')}</span>
          <input data-testid="rec-inmate" maxLength={30} value={form.inmate} onChange={(e) => set({ inmate: e.target.value })} />
        </label>
        <label className="desk-field desk-field--wide">
          <span>{t('deskRecordings.visitor')}</span>
          <input
            data-testid="rec-visitor"
            maxLength={30}
            placeholder={t('deskRecordings.visitorHint')}
            value={form.visitor}
            onChange={(e) => set({ visitor: e.target.value })}
          />
        </label>
        <SelectField
          label={t('deskRecordings.outcome')}
          testId="rec-outcome"
          options={RECORDING_OUTCOMES.map((o) => ({ id: o, name: t(`desk.visitStatus.${o}`) }))}
          value={form.outcome}
          placeholder={t('deskRecordings.any')}
          onChange={(outcome) => set({ outcome })}
        />
        <label className="desk-choice">
          <input
            type="checkbox"
            data-testid="rec-warnings"
            checked={form.hasWarnings}
            onChange={(e) => set({ hasWarnings: e.target.checked })}
          />
          {t('deskRecordings.hasWarnings')}
        </label>
        <button type="submit" className="button" data-testid="rec-search" disabled={task.busy}>
          {t('deskRecordings.search')}
        </button>
      </form>
      {issues.length > 0 && (
        <ul className="desk-refusal" role="alert" data-testid="rec-issues">
          {issues.map((i) => (
            <li key={`${i.field}:${i.message}`}>{i.message}</li>
          ))}
        </ul>
      )}
      <RefusalNote refusal={task.refusal} />
      {found && (
        <p data-testid="rec-total" className="desk-recordings__total">
          {t('deskRecordings.total', { n: found.total })}
        </p>
      )}
      {found && found.visits.length > 0 && (
        <table className="desk-table desk-recordings__table" data-testid="rec-results">
          <thead>
            <tr>
              <th>{t('deskRecordings.col.when')}</th>
              <th>{t('deskRecordings.col.place')}</th>
              <th>{t('deskRecordings.col.inmate')}</th>
              <th>{t('deskRecordings.col.visitors')}</th>
              <th>{t('deskRecordings.col.outcome')}</th>
              <th>{t('deskRecordings.col.marks')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {found.visits.map((v) => (
              <tr key={v.visitId} data-testid="rec-row" data-visit={v.visitId}>
                <td className="desk-nowrap">
                  {v.date} {v.startTime}
                  <br />
                  {t('desk.visits.minutes', { n: v.minutes })}
                </td>
                <td>
                  {v.prison} · {v.room}
                  <br />↔ {v.remoteSite} · {v.remoteRoom}
                </td>
                <td>
                  {v.inmate.name}
                  <br />
                  <span className="desk-muted">{v.inmate.number}</span>
                </td>
                <td>
                  {v.visitors.map((p) => (
                    <div key={`${p.name}${p.idNumber}`}>
                      {p.name} <span className="desk-muted desk-nowrap">{p.idNumber}</span>
                    </div>
                  ))}
                </td>
                <td>
                  {t(`desk.visitStatus.${v.status}`)}
                  {v.legalHold && <strong className="desk-badge desk-badge--warn">{t('deskRecordings.held')}</strong>}
                </td>
                <td className="desk-nowrap">{t('deskRecordings.marks', { w: v.warnings, x: v.terminations, n: v.archives })}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    data-testid="rec-open"
                    onClick={() => deskActions().openDeskView({ name: 'recording', visitId: v.visitId })}
                  >
                    {t('deskRecordings.play')}
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
