// Issue #21 item 4: a 24-hour time field (09:30) instead of <input type="time">, whose face follows
// the browser's locale (09:30 AM). '0930' typed on a number pad becomes '09:30'.
import { useTranslation } from 'react-i18next';

export const normaliseTypedTime = (typed: string): string => {
  const t = typed.trim();
  return /^\d{4}$/.test(t) ? `${t.slice(0, 2)}:${t.slice(2, 4)}` : t;
};

export const isClockTime = (value: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

export function TimeInput({
  value,
  onChange,
  testId,
  ariaLabel,
}: {
  value: string;
  onChange(value: string): void;
  testId?: string;
  ariaLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <input
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="09:00"
      maxLength={5}
      className="time-input"
      title={t('controls.time.hint')}
      data-testid={testId}
      aria-label={ariaLabel}
      aria-invalid={value !== '' && !isClockTime(value)}
      value={value}
      onChange={(e) => onChange(normaliseTypedTime(e.target.value))}
    />
  );
}
