// The overview for prisons and the province (R29.1): charts where people
// would rather look than read, figures where they would rather read, and a CSV export
// (made by the central store through main: desk.overviewCsv, one definition of the columns).
import { useTranslation } from 'react-i18next';
import { BarList } from './BarList';
import { DailyVisitsChart } from './DailyVisitsChart';
import { OutcomeChart } from './OutcomeChart';
import type { OverviewData } from './overview-data';
import { TerminalSyncList } from './TerminalSyncList';
import { FleetAlertCard, type FleetAlertSummary } from '../fleet/FleetAlertCard';

export function OverviewPanel({
  data,
  now,
  onExportCsv,
  fleet = null,
  onOpenFleet = () => undefined,
}: {
  data: OverviewData;
  now: Date;
  onExportCsv: () => void;
  /** The terminals' alerts (issue 18), for clerks who see the fleet. */
  fleet?: FleetAlertSummary | null;
  onOpenFleet?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="desk-overview" data-testid="overview">
      <div className="desk-overview__head">
        <h2>{t('desk.overview.title', { from: data.from, to: data.to })}</h2>
        <button type="button" className="button" data-testid="overview-csv" onClick={onExportCsv}>
          {t('desk.overview.exportCsv')}
        </button>
      </div>
      {fleet && <FleetAlertCard summary={fleet} onOpen={onOpenFleet} />}
      <section className="card desk-overview__wide">
        <h3 className="card__title">{t('desk.overview.visitsPerDay')}</h3>
        <DailyVisitsChart days={data.visitsPerDay} />
      </section>
      <section className="card">
        <h3 className="card__title">{t('desk.overview.outcomes')}</h3>
        <OutcomeChart outcomes={data.outcomes} />
        <h4>{t('desk.overview.reasons')}</h4>
        <BarList items={data.terminationReasons} testId="chart-reasons" tone="danger" />
      </section>
      <section className="card">
        <h3 className="card__title">{t('desk.overview.overdueSteps')}</h3>
        <BarList items={data.overdueSteps} testId="chart-overdue" tone="warn" />
        <h4>{t('desk.overview.visitsPerSite')}</h4>
        <BarList items={data.visitsPerSite} testId="chart-sites" />
      </section>
      <section className="card desk-overview__wide">
        <h3 className="card__title">{t('desk.overview.terminals')}</h3>
        <TerminalSyncList terminals={data.terminals} now={now} />
      </section>
    </div>
  );
}
