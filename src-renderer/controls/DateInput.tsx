// Issue #21 item 4: a date field in Chinese conventions instead of <input type="date">, whose
// face follows the browser's locale (10/01/2026 on an English Windows). The text box takes
// 2026-10-01 (or 20261001, typed on a number pad), the line beside it reads 2026年10月1日 星期四,
// and 选择日期 opens a month grid usable by touch (48 px cells) and keyboard (arrows, PageUp/Down,
// Home/End, Enter, Escape).
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  addDays,
  daysInMonth,
  formatIsoDate,
  formatZhDate,
  formatZhWeekday,
  parseIsoDate,
  weekday,
  ZH_WEEKDAYS,
} from '../../src-shared/calendar/iso-date';
import { localDate } from '../app/dates';

export interface DateInputProps {
  value: string;
  onChange(value: string): void;
  testId?: string;
  /** When the field has no <label> around it. */
  ariaLabel?: string;
  required?: boolean;
}

/** '20261001' → '2026-10-01' (a number pad has no hyphen); anything else as typed. */
export const normaliseTypedDate = (typed: string): string => {
  const t = typed.trim();
  return /^\d{8}$/.test(t) ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : t;
};

/** The same day `months` months away, clamped to the month's last day. */
export function shiftMonth(date: string, months: number): string {
  const p = parseIsoDate(date);
  if (!p) return date;
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return formatIsoDate(year, month, Math.min(p.day, daysInMonth(year, month)));
}

export function DateInput({ value, onChange, testId, ariaLabel, required }: DateInputProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const readId = useId();
  const valid = parseIsoDate(value) !== null;
  const read = valid
    ? `${formatZhDate(value)} ${formatZhWeekday(value)}`
    : value === ''
      ? t('controls.date.hint')
      : t('controls.date.invalid');
  const close = () => {
    setOpen(false);
    input.current?.focus();
  };
  return (
    <span className="date-input">
      <input
        ref={input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder="2026-10-01"
        maxLength={10}
        className="date-input__text"
        data-testid={testId}
        aria-label={ariaLabel}
        aria-describedby={readId}
        aria-invalid={value !== '' && !valid}
        required={required}
        value={value}
        onChange={(e) => onChange(normaliseTypedDate(e.target.value))}
      />
      <button
        type="button"
        className="button date-input__open"
        aria-expanded={open}
        data-testid={testId ? `${testId}-pick` : undefined}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('controls.date.pick')}
      </button>
      <span id={readId} className={valid || value === '' ? 'date-input__read' : 'date-input__read date-input__read--bad'}>
        {read}
      </span>
      {open && (
        <MonthGrid
          selected={valid ? value : null}
          testId={testId}
          onPick={(d) => {
            onChange(d);
            close();
          }}
          onClose={close}
        />
      )}
    </span>
  );
}

function MonthGrid({
  selected,
  testId,
  onPick,
  onClose,
}: {
  selected: string | null;
  testId: string | undefined;
  onPick(date: string): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState(selected ?? localDate(new Date()));
  const grid = useRef<HTMLTableElement>(null);
  // Keys (and opening) move the focus into the grid; the month buttons keep it on themselves.
  const byKeys = useRef(true);
  const p = parseIsoDate(focus) ?? { year: 2026, month: 1, day: 1 };
  const lead = weekday(formatIsoDate(p.year, p.month, 1));
  const days = daysInMonth(p.year, p.month);
  const cells: Array<string | null> = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: days }, (_, i) => formatIsoDate(p.year, p.month, i + 1)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));

  // The focused day follows the keys; the first render focuses the selected day.
  useEffect(() => {
    if (!byKeys.current) return;
    grid.current?.querySelector<HTMLButtonElement>(`button[data-date="${focus}"]`)?.focus();
  }, [focus]);

  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focus, -1),
      ArrowRight: () => addDays(focus, 1),
      ArrowUp: () => addDays(focus, -7),
      ArrowDown: () => addDays(focus, 7),
      PageUp: () => shiftMonth(focus, -1),
      PageDown: () => shiftMonth(focus, 1),
      Home: () => addDays(focus, -weekday(focus)),
      End: () => addDays(focus, 6 - weekday(focus)),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      byKeys.current = true;
      setFocus(move());
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <div
      className="date-grid"
      role="dialog"
      aria-label={t('controls.date.dialog')}
      data-testid={testId ? `${testId}-grid` : undefined}
    >
      <div className="date-grid__head">
        <button
          type="button"
          className="button date-grid__nav"
          onClick={() => {
            byKeys.current = false;
            setFocus(shiftMonth(focus, -1));
          }}
        >
          {t('controls.date.previous')}
        </button>
        <span className="date-grid__month" aria-live="polite">
          {t('controls.date.month', { year: p.year, month: p.month })}
        </span>
        <button
          type="button"
          className="button date-grid__nav"
          onClick={() => {
            byKeys.current = false;
            setFocus(shiftMonth(focus, 1));
          }}
        >
          {t('controls.date.next')}
        </button>
      </div>
      <table className="date-grid__table" ref={grid} onKeyDown={onKey}>
        <thead>
          <tr>
            {ZH_WEEKDAYS.map((d) => (
              <th key={d} scope="col" abbr={`星期${d}`}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((d, i) =>
                d ? (
                  <td key={d}>
                    <button
                      type="button"
                      className={d === selected ? 'date-grid__day date-grid__day--selected' : 'date-grid__day'}
                      data-date={d}
                      aria-label={`${formatZhDate(d)} ${formatZhWeekday(d)}`}
                      aria-pressed={d === selected}
                      tabIndex={d === focus ? 0 : -1}
                      onClick={() => onPick(d)}
                    >
                      {Number(d.slice(8, 10))}
                    </button>
                  </td>
                ) : (
                  <td key={`empty-${i}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button date-grid__close" onClick={onClose}>
        {t('controls.date.close')}
      </button>
    </div>
  );
}
