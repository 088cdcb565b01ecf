// Date and time in Chinese conventions (issue #21: 2026年10月1日 星期四, 24-hour clock), written out
// here rather than through Intl, whose face depends on the machine's locale. Updated every second.
import { useTranslation } from 'react-i18next';
import { formatZhDate, formatZhWeekday } from '../../../src-shared/calendar/iso-date';
import { localDate } from '../../app/dates';
import { useNow } from '../../app/use-now';

const pad = (n: number) => String(n).padStart(2, '0');

export function Clock() {
  const { t } = useTranslation();
  const now = useNow(1000);
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  const day = localDate(now);
  return (
    <div className="clock" data-testid="clock" role="timer" aria-label={t('clock.label')}>
      <time className="clock__time" dateTime={now.toISOString()}>
        {time}
      </time>
      <span className="clock__date">{`${formatZhDate(day)} ${formatZhWeekday(day)}`}</span>
    </div>
  );
}
