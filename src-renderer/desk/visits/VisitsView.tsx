// Booked visits in my scope; interrupted ones awaiting their priority reschedule first
// (R18.1). Reschedule moves a visit to a new slot (R9.3) with the rules' decision shown.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { DecisionPanel } from '../app/DecisionPanel';
import { RefusalNote } from '../app/RefusalNote';
import { DateInput } from '../../controls/DateInput';
import { TimeInput } from '../../controls/TimeInput';

type Decision = Parameters<typeof DecisionPanel>[0]['decision'];

export const visitsInOrder = (visits: readonly VisitRecord[]): VisitRecord[] =>
  [...visits].sort(
    (a, b) =>
      Number(b.awaitingReschedule) - Number(a.awaitingReschedule) || `${a.date} ${a.start}`.localeCompare(`${b.date} ${b.start}`),
  );

function RescheduleRow({ visit, onDone }: { visit: VisitRecord; onDone(v: VisitRecord, d: Decision): void }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [date, setDate] = useState(visit.date);
  const [start, setStart] = useState(visit.start);
  const submit = async () => {
    const r = await task.run(() => deskCall(client.desk.reschedule({ visitId: visit.id, date, start, minutes: visit.minutes })));
    if (r) onDone(r.visit, r.decision);
  };
  return (
    <div className="desk-row" data-testid="reschedule">
      <DateInput ariaLabel={t('desk.approve.date')} value={date} onChange={setDate} />
      <TimeInput ariaLabel={t('desk.visits.start')} value={start} onChange={setStart} />
      <button type="button" className="button" disabled={task.busy} onClick={() => void submit()}>
        {t('desk.visits.reschedule')}
      </button>
      <RefusalNote refusal={task.refusal} />
    </div>
  );
}

export function VisitsView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [visits, setVisits] = useState<VisitRecord[] | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.visits({ limit: 200 }))).then((v) => v && setVisits(visitsInOrder(v)));
  }, [client, run]);

  return (
    <section className="card" data-testid="desk-visits">
      <h2 className="card__title">{t('desk.visits.title')}</h2>
      <RefusalNote refusal={task.refusal} />
      {decision && <DecisionPanel decision={decision} />}
      {visits && visits.length === 0 && <p>{t('desk.visits.empty')}</p>}
      {visits && visits.length > 0 && (
        <table className="desk-table">
          <thead>
            <tr>
              <th>{t('desk.visits.when')}</th>
              <th>{t('desk.applications.status')}</th>
              <th>{t('desk.visits.reschedule')}</th>
            </tr>
          </thead>
          <tbody>
            {visits.map((v) => (
              <tr key={v.id} data-testid="visit-row" className={v.awaitingReschedule ? 'desk-row--priority' : undefined}>
                <td>
                  {v.date} {v.start}–{v.end}（{t('desk.visits.minutes', { n: v.minutes })}）
                </td>
                <td>
                  {t(`desk.visitStatus.${v.status}`)}
                  {v.awaitingReschedule && <strong className="desk-badge desk-badge--warn">{t('desk.visits.priority')}</strong>}
                  {v.outcomeReason && ` · ${v.outcomeReason}`}
                </td>
                <td>
                  {(v.status === 'scheduled' || v.awaitingReschedule) && (
                    <RescheduleRow
                      visit={v}
                      onDone={(nv, d) => {
                        setDecision(d);
                        setVisits((list) => visitsInOrder((list ?? []).map((x) => (x.id === v.id ? nv : x))));
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
