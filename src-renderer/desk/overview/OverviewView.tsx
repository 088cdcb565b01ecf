// The overview (R29.1): a date range (the last 30 days by default), the
// charts, and the CSV the central store makes (desk.overviewCsv), saved as a file.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays } from '../../../src-shared/calendar/iso-date';
import type { Overview } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { chinaDate } from '../../../src-shared/calendar/china-time';
import { fromOverview } from './from-overview';
import { OverviewPanel } from './OverviewPanel';
import { saveTextFile } from './save-file';

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

  useEffect(() => {
    void run(() => deskCall(client.desk.overview({ from, to }))).then((o) => o && setOverview(o));
  }, [client, from, to, run]);

  const exportCsv = async () => {
    const file = await csvTask.run(() => deskCall(client.desk.overviewCsv({ from, to })));
    if (file) saveTextFile(file.filename, file.csv);
  };

  return (
    <section data-testid="desk-overview">
      <div className="desk-row card">
        <label className="desk-field">
          <span>{t('desk.overview.from')}</span>
          <input type="date" data-testid="overview-from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="desk-field">
          <span>{t('desk.overview.to')}</span>
          <input type="date" data-testid="overview-to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <RefusalNote refusal={task.refusal} />
      <RefusalNote refusal={csvTask.refusal} />
      {overview && (
        <OverviewPanel data={fromOverview(overview)} now={new Date(overview.generatedAt)} onExportCsv={() => void exportCsv()} />
      )}
    </section>
  );
}
