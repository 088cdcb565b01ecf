// Visiting hours (windows) and days of the week, for a prison or one of its rooms (R14.3).
import { useTranslation } from 'react-i18next';
import { TimeInput } from '../../controls/TimeInput';
import { toggleDay } from './arrangements-draft';

type Window = { start: string; end: string };
const DAYS = [1, 2, 3, 4, 5, 6, 0];

export function HoursEditor({
  testId,
  hours,
  days,
  onChange,
}: {
  testId: string;
  hours: Window[];
  days: number[];
  onChange(next: { hours: Window[]; days: number[] }): void;
}) {
  const { t } = useTranslation();
  const setWindow = (i: number, w: Window) => onChange({ hours: hours.map((x, j) => (j === i ? w : x)), days });
  return (
    <div className="desk-hours" data-testid={testId}>
      <div className="desk-row">
        <span>{t('desk.arrangements.hours')}</span>
        {hours.length === 0 && <em>{t('desk.arrangements.anyTime')}</em>}
        {hours.map((w, i) => (
          <span key={i} className="desk-window" data-testid={`${testId}-window`}>
            <TimeInput
              ariaLabel={`${t('desk.arrangements.hours')} ${i + 1} ${t('desk.arrangements.from')}`}
              testId={`${testId}-start-${i}`}
              value={w.start}
              onChange={(start) => setWindow(i, { ...w, start })}
            />
            –
            <TimeInput
              ariaLabel={`${t('desk.arrangements.hours')} ${i + 1} ${t('desk.arrangements.to')}`}
              testId={`${testId}-end-${i}`}
              value={w.end}
              onChange={(end) => setWindow(i, { ...w, end })}
            />
            <button
              type="button"
              className="button button--quiet"
              onClick={() => onChange({ hours: hours.filter((_, j) => j !== i), days })}
            >
              {t('desk.arrangements.remove')}
            </button>
          </span>
        ))}
        <button
          type="button"
          className="button"
          data-testid={`${testId}-add`}
          disabled={hours.length >= 8}
          onClick={() => onChange({ hours: [...hours, { start: '09:00', end: '11:30' }], days })}
        >
          {t('desk.arrangements.addWindow')}
        </button>
      </div>
      <div className="desk-row" role="group" aria-label={t('desk.arrangements.days')}>
        <span>{t('desk.arrangements.days')}</span>
        {DAYS.map((d) => (
          <label key={d} className="desk-check">
            <input
              type="checkbox"
              data-testid={`${testId}-day-${d}`}
              checked={days.includes(d)}
              onChange={() => onChange({ hours, days: toggleDay(days, d) })}
            />
            {t(`desk.arrangements.weekdays.${d}`)}
          </label>
        ))}
        {days.length === 0 && <em>{t('desk.arrangements.everyDay')}</em>}
      </div>
    </div>
  );
}
