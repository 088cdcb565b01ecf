// Issue #19: who of the monitoring centre is watching this visit now (R13.1), on both
// terminals' consoles; nothing when nobody is.
import { useTranslation } from 'react-i18next';
import { useCall } from '../store/hooks';

export function ObserverBadge() {
  const { t } = useTranslation();
  const call = useCall();
  const observers = call?.phase === 'ended' ? [] : (call?.observers ?? []);
  if (observers.length === 0) return null;
  const names = observers.map((o) => (o.organisation ? `${o.name}（${o.organisation}）` : o.name)).join('、');
  return (
    <p className="observer-badge" role="status" data-testid="observer-badge" data-count={observers.length}>
      <span className="observer-badge__dot" aria-hidden="true" />
      {t('monitor.badge', { count: observers.length, names })}
    </p>
  );
}
