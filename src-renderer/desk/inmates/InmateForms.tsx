// Prison staff record what stops visits: a status period (R15.1 (1)(2)(3)(5)(6)), a
// penalty (R15.1(4)), a suspension of 1 to 3 months after R17.1 (6)–(9) (R17.2).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_PERIOD_LABELS, suspensionLastDay, type StatusPeriod } from '../../../src-shared/regulation/inmate';
import { SUSPENSION_REASON_CODES, TERMINATION_REASONS, type SuspensionReason } from '../../../src-shared/regulation/reason-codes';
import type { InmateRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskStaff, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import type { SuspensionProposal } from '../../../src-shared/desk/suspension-proposal';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { DateInput } from '../../controls/DateInput';

type PeriodKind = StatusPeriod['kind'];
const PERIOD_KINDS = Object.keys(STATUS_PERIOD_LABELS) as PeriodKind[];
const PENALTIES = ['warning', 'demerit', 'confinement'] as const;

/** A suspension from a terminal's proposal (R17.2): from today for the proposed months, under its R17.1 item. */
function fromProposal(proposal: SuspensionProposal | null): { start: string; end: string; reason: SuspensionReason } | null {
  if (!proposal) return null;
  const start = chinaDate(new Date());
  const reason = SUSPENSION_REASON_CODES.find((c) => c === proposal.code) ?? SUSPENSION_REASON_CODES[0];
  return { start, end: suspensionLastDay(start, proposal.months), reason };
}

export function InmateForms({
  inmate,
  onDone,
  proposal = null,
}: {
  inmate: InmateRecord;
  onDone(r: InmateRecord): void;
  proposal?: SuspensionProposal | null;
}) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const staff = useDeskStaff();
  const task = useDeskTask();
  const [kind, setKind] = useState<PeriodKind>('confinement');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [reason, setReason] = useState('');
  const [penalty, setPenalty] = useState<(typeof PENALTIES)[number]>('warning');
  const [penaltyDate, setPenaltyDate] = useState('');
  const proposed = fromProposal(proposal);
  const [sStart, setSStart] = useState(proposed?.start ?? '');
  const [sEnd, setSEnd] = useState(proposed?.end ?? '');
  const [sReason, setSReason] = useState<SuspensionReason>(proposed?.reason ?? SUSPENSION_REASON_CODES[0]);
  const inmateId = inmate.id;
  const act = async (work: () => Promise<InmateRecord>) => {
    const r = await task.run(work);
    if (r) onDone(r);
  };
  const period = (): StatusPeriod =>
    kind === 'other-restriction' ? { kind, start, end: end || null, reason } : { kind, start, end: end || null };

  return (
    <div className="desk-inmate-forms" data-testid="inmate-forms">
      <fieldset className="desk-action">
        <legend>{t('desk.inmates.addPeriod')}</legend>
        <div className="desk-row">
          <select value={kind} onChange={(e) => setKind(e.target.value as PeriodKind)} aria-label={t('desk.inmates.kind')}>
            {PERIOD_KINDS.map((k) => (
              <option key={k} value={k}>
                {STATUS_PERIOD_LABELS[k]}
              </option>
            ))}
          </select>
          <DateInput ariaLabel={t('desk.inmates.start')} value={start} onChange={setStart} />
          <DateInput ariaLabel={t('desk.inmates.end')} value={end} onChange={setEnd} />
          {kind === 'other-restriction' && (
            <input aria-label={t('desk.inmates.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          )}
          <button
            type="button"
            className="button"
            disabled={task.busy}
            onClick={() => void act(() => deskCall(client.desk.addStatusPeriod({ inmateId, period: period() })))}
          >
            {t('desk.inmates.save')}
          </button>
        </div>
      </fieldset>
      <fieldset className="desk-action">
        <legend>{t('desk.inmates.addPenalty')}</legend>
        <div className="desk-row">
          <select
            value={penalty}
            onChange={(e) => setPenalty(e.target.value as (typeof PENALTIES)[number])}
            aria-label={t('desk.inmates.kind')}
          >
            {PENALTIES.map((k) => (
              <option key={k} value={k}>
                {t(`desk.inmates.penalty.${k}`)}
              </option>
            ))}
          </select>
          <DateInput ariaLabel={t('desk.inmates.start')} value={penaltyDate} onChange={setPenaltyDate} />
          <button
            type="button"
            className="button"
            disabled={task.busy}
            onClick={() =>
              void act(() => deskCall(client.desk.addPenalty({ inmateId, penalty: { kind: penalty, date: penaltyDate } })))
            }
          >
            {t('desk.inmates.save')}
          </button>
        </div>
      </fieldset>
      <fieldset className="desk-action">
        <legend>{t('desk.inmates.addSuspension')}</legend>
        <div className="desk-row">
          <DateInput ariaLabel={t('desk.inmates.start')} testId="suspension-start" value={sStart} onChange={setSStart} />
          <DateInput ariaLabel={t('desk.inmates.end')} testId="suspension-end" value={sEnd} onChange={setSEnd} />
          <select
            value={sReason}
            onChange={(e) => setSReason(e.target.value as SuspensionReason)}
            aria-label={t('desk.inmates.reason')}
          >
            {SUSPENSION_REASON_CODES.map((c) => (
              <option key={c} value={c}>
                {c} {TERMINATION_REASONS[c]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="button"
            data-testid="suspension-save"
            disabled={task.busy}
            onClick={() =>
              void act(() =>
                deskCall(
                  client.desk.addSuspension({
                    inmateId,
                    suspension: { start: sStart, end: sEnd, reason: sReason, decidedBy: staff?.displayName ?? '' },
                  }),
                ),
              )
            }
          >
            {t('desk.inmates.save')}
          </button>
        </div>
      </fieldset>
      <RefusalNote refusal={task.refusal} />
    </div>
  );
}
