// One terminal's page: the fleet list's row for it (the store has no single-terminal
// answer; the list is small), its history from desk.fleetHistory, and the log bundles.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FleetTerminal } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { historySeries, type HistorySeries } from './fleet-data';
import { LogBundlePanel } from './LogBundlePanel';
import { TerminalPanel } from './TerminalPanel';

const DAY_CHOICES = [1, 7, 30] as const;

export function TerminalView({ terminalId }: { terminalId: string }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [terminal, setTerminal] = useState<FleetTerminal | null | undefined>(undefined);
  const [series, setSeries] = useState<HistorySeries | null>(null);
  const [days, setDays] = useState<(typeof DAY_CHOICES)[number]>(7);
  const [now, setNow] = useState(() => new Date());

  const load = useCallback(() => {
    void run(async () => {
      const [list, history] = await Promise.all([
        deskCall(client.desk.fleetTerminals({})),
        deskCall(client.desk.fleetHistory({ terminalId, days })),
      ]);
      const at = new Date();
      setNow(at);
      setTerminal(list.find((x) => x.id === terminalId) ?? null);
      setSeries(historySeries(history.points, at));
    });
  }, [client, run, terminalId, days]);
  useEffect(load, [load]);

  return (
    <section data-testid="desk-terminal">
      <div className="desk-overview__head card">
        <div>
          <button
            type="button"
            className="button button--quiet"
            data-testid="terminal-back"
            onClick={() => deskActions().openDeskView({ name: 'fleet' })}
          >
            {t('desk.fleet.back')}
          </button>
          <h2 className="card__title">
            {terminal ? `${terminal.organisationName} · ${terminal.roomName}` : terminalId}
            {terminal && (
              <span className="desk-muted">
                {' '}
                （{terminal.name}，{terminal.id}）
              </span>
            )}
          </h2>
        </div>
        <div className="desk-row">
          <label className="desk-field">
            <span>{t('desk.fleet.days')}</span>
            <select
              data-testid="terminal-days"
              value={days}
              onChange={(e) => setDays(Number(e.target.value) as (typeof DAY_CHOICES)[number])}
            >
              {DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  {t('desk.fleet.lastDays', { n: d })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button button--quiet" disabled={task.busy} onClick={load}>
            {t('desk.fleet.refresh')}
          </button>
        </div>
      </div>
      <RefusalNote refusal={task.refusal} />
      {terminal === null && <p data-testid="terminal-missing">{t('desk.fleet.missing')}</p>}
      {terminal && <TerminalPanel terminal={terminal} series={series} now={now} />}
      {terminal && <LogBundlePanel terminalId={terminal.id} />}
    </section>
  );
}
