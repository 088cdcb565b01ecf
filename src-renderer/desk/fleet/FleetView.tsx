// The fleet (issue 18): the terminals in the clerk's scope (the store scopes: the province
// sees all, a prison or bureau its own rooms) with filters, alerts as badges, a CSV export
// made by the store (desk.fleetCsv), and a page per terminal.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../../src-shared/calendar/china-time';
import type { FleetTerminal } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { saveTextFile } from '../overview/save-file';
import { FleetFilters } from './FleetFilters';
import { FleetTable } from './FleetTable';
import { alertCounts, filterFleet, fleetInOrder, NO_FILTER, organisationsOf, type FleetFilter } from './fleet-data';

export function FleetView() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const csvTask = useDeskTask();
  const { run } = task;
  const [terminals, setTerminals] = useState<FleetTerminal[] | null>(null);
  const [loadedAt, setLoadedAt] = useState(() => new Date());
  const [filter, setFilter] = useState<FleetFilter>(NO_FILTER);

  const load = useCallback(() => {
    void run(() => deskCall(client.desk.fleetTerminals({}))).then((list) => {
      if (!list) return;
      setTerminals(fleetInOrder(list));
      setLoadedAt(new Date());
    });
  }, [client, run]);
  useEffect(load, [load]);

  const shown = useMemo(() => (terminals ? filterFleet(terminals, filter, loadedAt) : []), [terminals, filter, loadedAt]);
  const counts = terminals ? alertCounts(terminals) : null;

  const exportCsv = async () => {
    const file = await csvTask.run(() => deskCall(client.desk.fleetCsv({})));
    if (file) saveTextFile(file.filename, file.csv);
  };

  return (
    <section className="card" data-testid="desk-fleet">
      <div className="desk-overview__head">
        <h2 className="card__title">{t('desk.fleet.title')}</h2>
        <div className="desk-row">
          <span className="desk-muted">{t('desk.fleet.loadedAt', { at: chinaDateTime(loadedAt) })}</span>
          <button type="button" className="button button--quiet" data-testid="fleet-refresh" disabled={task.busy} onClick={load}>
            {t('desk.fleet.refresh')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="fleet-csv"
            disabled={csvTask.busy}
            onClick={() => void exportCsv()}
          >
            {t('desk.overview.exportCsv')}
          </button>
        </div>
      </div>
      {counts && (
        <p data-testid="fleet-summary">
          {t('desk.fleet.summary', { total: counts.terminals, withAlerts: counts.withAlerts, shown: shown.length })}
        </p>
      )}
      <RefusalNote refusal={task.refusal} />
      <RefusalNote refusal={csvTask.refusal} />
      {terminals && (
        <>
          <FleetFilters filter={filter} organisations={organisationsOf(terminals)} onChange={setFilter} />
          <FleetTable
            terminals={shown}
            now={loadedAt}
            onOpen={(terminalId) => deskActions().openDeskView({ name: 'terminal', terminalId })}
          />
        </>
      )}
    </section>
  );
}
