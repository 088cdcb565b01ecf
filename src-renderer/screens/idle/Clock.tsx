// Date and time, in the interface language's own format (Intl), updated every second.
import { useTranslation } from 'react-i18next';
import { useNow } from '../../app/use-now';

export function Clock() {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const time = now.toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const date = now.toLocaleDateString(i18n.language, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' });
  return (
    <div className="clock" data-testid="clock" role="timer" aria-label={t('clock.label')}>
      <time className="clock__time" dateTime={now.toISOString()}>
        {time}
      </time>
      <span className="clock__date">{date}</span>
    </div>
  );
}
