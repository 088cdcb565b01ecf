// One inmate's status periods (R15.1), penalties (R15.1(4)) and suspensions (R17.2), oldest
// first: the history the prison keeps (periods are ended, never deleted).
import { useTranslation } from 'react-i18next';
import { STATUS_PERIOD_LABELS } from '../../../src-shared/regulation/inmate';
import { TERMINATION_REASONS } from '../../../src-shared/regulation/reason-codes';
import type { InmateRecord } from '../../kiosk-types';

export function InmateHistory({ inmate, onEndPeriod }: { inmate: InmateRecord; onEndPeriod(periodId: string): void }) {
  const { t } = useTranslation();
  return (
    <div className="desk-history" data-testid="inmate-history">
      <h4>
        {t('desk.inmates.periods')} <span className="desk-req">R15.1</span>
      </h4>
      <ul className="desk-list">
        {inmate.statusPeriods.length === 0 && <li>{t('desk.inmates.none')}</li>}
        {inmate.statusPeriods.map((p) => (
          <li key={p.id} data-testid="status-period">
            {STATUS_PERIOD_LABELS[p.kind]}：{p.start} — {p.end ?? t('desk.inmates.ongoing')}
            {p.reason ? `（${p.reason}）` : ''}
            {p.end === null && (
              <button type="button" className="button button--quiet" onClick={() => onEndPeriod(p.id)}>
                {t('desk.inmates.endToday')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <h4>
        {t('desk.inmates.penalties')} <span className="desk-req">R15.1(4)</span>
      </h4>
      <ul className="desk-list">
        {inmate.penalties.length === 0 && <li>{t('desk.inmates.none')}</li>}
        {inmate.penalties.map((p) => (
          <li key={p.id} data-testid="penalty">
            {t(`desk.inmates.penalty.${p.kind}`)}：{p.date}
          </li>
        ))}
      </ul>
      <h4>
        {t('desk.inmates.suspensions')} <span className="desk-req">R17.2</span>
      </h4>
      <ul className="desk-list">
        {inmate.suspensions.length === 0 && <li>{t('desk.inmates.none')}</li>}
        {inmate.suspensions.map((s) => (
          <li key={s.id} data-testid="suspension">
            {s.start} — {s.end}：<span className="desk-req">{s.reason}</span>
            {TERMINATION_REASONS[s.reason]} · {t('desk.inmates.decidedBy', { who: s.decidedBy })}
          </li>
        ))}
      </ul>
    </div>
  );
}
