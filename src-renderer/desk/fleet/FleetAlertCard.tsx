// The overview's line about the terminals: how many have an alert, of which kinds, and a
// way to the fleet view. Absent for clerks who do not see the fleet.
import { useTranslation } from 'react-i18next';
import { FLEET_ALERT_KINDS, type alertCounts } from './fleet-data';

export type FleetAlertSummary = ReturnType<typeof alertCounts>;

export function FleetAlertCard({ summary, onOpen }: { summary: FleetAlertSummary; onOpen: () => void }) {
  const { t } = useTranslation();
  const kinds = FLEET_ALERT_KINDS.filter((k) => summary.byKind[k] > 0);
  return (
    <section
      className={`card desk-overview__wide fleet-summary${summary.withAlerts > 0 ? ' fleet-summary--alert' : ''}`}
      data-testid="overview-fleet"
      data-alerts={summary.withAlerts}
    >
      <h3 className="card__title">{t('desk.fleet.overviewTitle')}</h3>
      <p>
        {summary.withAlerts > 0
          ? t('desk.fleet.overviewAlerts', { n: summary.withAlerts, total: summary.terminals })
          : t('desk.fleet.overviewOk', { total: summary.terminals })}
        {kinds.map((k) => (
          <span key={k} className="desk-badge desk-badge--danger fleet-badge" data-testid="overview-fleet-kind" data-kind={k}>
            {t(`desk.fleet.alert.${k}`)} {summary.byKind[k]}
          </span>
        ))}
      </p>
      <button type="button" className="button button--quiet" data-testid="overview-fleet-open" onClick={onOpen}>
        {t('desk.fleet.openFleet')}
      </button>
    </section>
  );
}
