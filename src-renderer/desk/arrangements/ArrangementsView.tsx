// A prison's own arrangements (issue 25 item 5): its limits under R14.2's ceiling (adults
// only stricter; juveniles more visits and time), its visiting hours and days and its
// rooms' (R14.3). The prison's administrators and the province's set them; the store
// refuses anything looser than the regulation and names the field.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaClock, chinaDate } from '../../../src-shared/calendar/china-time';
import type { ArrangementsRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskSites, useDeskStaff, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { SelectField } from '../app/SelectField';
import { toBody, toDraft, type ArrangementsDraft, type LimitsDraft } from './arrangements-draft';
import { HoursEditor } from './HoursEditor';

const FIELDS: (keyof LimitsDraft)[] = ['visitsPerMonth', 'maxMinutes', 'maxVisitors'];

function LimitsFields({
  who,
  value,
  onChange,
}: {
  who: 'adult' | 'juvenile';
  value: LimitsDraft;
  onChange(v: LimitsDraft): void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="desk-row" data-testid={`limits-${who}`}>
      <legend>
        {t(`desk.arrangements.${who}`)} <span className="desk-req">R14.2</span>
      </legend>
      {FIELDS.map((f) => (
        <label key={f} className="desk-field">
          <span>{t(`desk.arrangements.${f}`)}</span>
          <input
            type="number"
            min={1}
            data-testid={`${who}-${f}`}
            value={value[f]}
            onChange={(e) => onChange({ ...value, [f]: e.target.value })}
          />
        </label>
      ))}
    </fieldset>
  );
}

export function ArrangementsView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const staff = useDeskStaff();
  const sites = useDeskSites();
  const prisons = sites.filter((s) => s.kind === 'prison');
  const own = staff?.organisation.kind === 'prison' ? staff.organisation.id : '';
  const [prisonId, setPrisonId] = useState(own);
  const [record, setRecord] = useState<ArrangementsRecord | null>(null);
  const [draft, setDraft] = useState<ArrangementsDraft | null>(null);
  const [saved, setSaved] = useState(false);
  const load = useDeskTask();
  const save = useDeskTask();
  const { run } = load;
  const mayEdit = staff?.roles.includes('administrator') === true;

  useEffect(() => {
    if (!prisonId) return;
    void run(() => deskCall(client.desk.arrangements({ prisonId }))).then((r) => {
      if (!r) return;
      setRecord(r);
      setDraft(toDraft(r));
    });
  }, [client, prisonId, run]);

  const submit = async () => {
    if (!draft) return;
    setSaved(false);
    const r = await save.run(() => deskCall(client.desk.setArrangements({ prisonId, arrangements: toBody(draft) })));
    if (r) {
      setRecord(r);
      setDraft(toDraft(r));
      setSaved(true);
    }
  };

  return (
    <div className="desk-arrangements" data-testid="arrangements">
      {staff?.organisation.kind === 'province' && (
        <section className="card">
          <SelectField
            label={t('desk.intake.prison')}
            testId="arrangements-prison"
            options={prisons}
            value={prisonId}
            onChange={setPrisonId}
            placeholder={t('desk.intake.choose')}
          />
        </section>
      )}
      <RefusalNote refusal={load.refusal} />
      {record && draft && (
        <section className="card">
          <h2 className="card__title">{t('desk.arrangements.title', { prison: record.prisonName })}</h2>
          <p className="desk-note" data-testid="arrangements-ceiling">
            {t('desk.arrangements.ceiling', record.ceiling)}
          </p>
          <p className="desk-note" data-testid="arrangements-updated">
            {record.updatedAt
              ? t('desk.arrangements.updated', {
                  at: `${chinaDate(new Date(record.updatedAt))} ${chinaClock(new Date(record.updatedAt))}`,
                  by: record.updatedBy ?? '',
                })
              : t('desk.arrangements.never')}
          </p>
          <LimitsFields who="adult" value={draft.adult} onChange={(adult) => setDraft({ ...draft, adult })} />
          <LimitsFields who="juvenile" value={draft.juvenile} onChange={(juvenile) => setDraft({ ...draft, juvenile })} />
          <HoursEditor
            testId="prison-hours"
            hours={draft.visitingHours}
            days={draft.visitingDays}
            onChange={({ hours, days }) => setDraft({ ...draft, visitingHours: hours, visitingDays: days })}
          />
          <h3 className="card__title">{t('desk.arrangements.rooms')}</h3>
          {draft.rooms.map((room, i) => (
            <div key={room.roomId} className="desk-room" data-testid="room-arrangement" data-room={room.roomId}>
              <strong>{room.name}</strong>
              <HoursEditor
                testId={`room-hours-${i}`}
                hours={room.visitingHours}
                days={room.visitingDays}
                onChange={({ hours, days }) =>
                  setDraft({
                    ...draft,
                    rooms: draft.rooms.map((r, j) => (j === i ? { ...r, visitingHours: hours, visitingDays: days } : r)),
                  })
                }
              />
            </div>
          ))}
          <RefusalNote refusal={save.refusal} />
          {saved && (
            <p className="desk-ok" data-testid="arrangements-saved">
              {t('desk.arrangements.saved')}
            </p>
          )}
          {mayEdit && (
            <button
              type="button"
              className="button button--primary"
              data-testid="arrangements-save"
              disabled={save.busy}
              onClick={() => void submit()}
            >
              {t('desk.arrangements.save')}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
