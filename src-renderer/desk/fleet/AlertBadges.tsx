// A terminal's alerts as short Chinese badges (离线, 磁盘将满, 时钟偏差 …); each badge carries
// the store's full sentence as its title and, for screen readers, as hidden text.
import { useTranslation } from 'react-i18next';
import type { FleetTerminal } from '../../kiosk-types';

const TONE: Record<FleetTerminal['alerts'][number]['kind'], 'danger' | 'warn'> = {
  offline: 'danger',
  disk: 'danger',
  device: 'danger',
  clock: 'warn',
  backlog: 'warn',
  version: 'warn',
};

export function AlertBadges({ alerts }: { alerts: FleetTerminal['alerts'] }) {
  const { t } = useTranslation();
  if (alerts.length === 0) return <span className="fleet-ok">{t('desk.fleet.noAlerts')}</span>;
  return (
    <span className="fleet-alerts">
      {alerts.map((a) => (
        <span
          key={a.kind}
          className={`desk-badge desk-badge--${TONE[a.kind]} fleet-badge`}
          data-testid="fleet-alert"
          data-kind={a.kind}
          title={a.message}
        >
          {t(`desk.fleet.alert.${a.kind}`)}
        </span>
      ))}
    </span>
  );
}
