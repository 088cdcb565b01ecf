// The overview (R29.1): a date range (the last 30 days by default), the
// charts, and the CSV the central store makes (desk.overviewCsv), saved as a file.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../src-shared/calendar/iso-date';
import type { Overview } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskStaff, useDeskTask } from '../app/desk-hooks';
import { alertCounts } from '../fleet/fleet-data';
import type { FleetAlertSummary } from '../fleet/FleetAlertCard';
import { seesFleet } from '../fleet/fleet-access';
import { RefusalNote } from '../app/RefusalNote';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { fromOverview } from './from-overview';
import { OverviewPanel } from './OverviewPanel';
import { saveTextFile } from './save-file';
import { DateInput } from '../../controls/DateInput';

export function OverviewView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const csvTask = useDeskTask();
  const { run } = task;
  const today = chinaDate(new Date());
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const [overview, setOverview] = useState<Overview | null>(null);
  const staff = useDeskStaff();
  const fleetVisible = staff !== null && seesFleet(staff);
  const [fleet, setFleet] = useState<FleetAlertSummary | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.overview({ from, to }))).then((o) => o && setOverview(o));
  }, [client, from, to, run]);

  // The terminals' alerts: a refusal or a failure leaves the card out (the overview stands without it).
  useEffect(() => {
    if (!fleetVisible) return;
    deskCall(client.desk.fleetTerminals({}))
      .then((terminals) => setFleet(alertCounts(terminals)))
      .catch(() => setFleet(null));
  }, [client, fleetVisible]);

  const exportCsv = async () => {
    const file = await csvTask.run(() => deskCall(client.desk.overviewCsv({ from, to })));
    if (file) saveTextFile(file.filename, file.csv);
  };

  return (
    <section data-testid="desk-overview">
      <div className="desk-row card">
        <label className="desk-field">
          <span>{t('desk.overview.from')}</span>
          <DateInput testId="overview-from" value={from} onChange={setFrom} />
        </label>
        <label className="desk-field">
          <span>{t('desk.overview.to')}</span>
          <DateInput testId="overview-to" value={to} onChange={setTo} />
        </label>
      </div>
      <RefusalNote refusal={task.refusal} />
      <RefusalNote refusal={csvTask.refusal} />
      {overview && (
        <OverviewPanel
          data={fromOverview(overview)}
          now={new Date(overview.generatedAt)}
          onExportCsv={() => void exportCsv()}
          fleet={fleet}
          onOpenFleet={() => deskActions().openDeskView({ name: 'fleet' })}
        />
      )}
    </section>
  );
}
