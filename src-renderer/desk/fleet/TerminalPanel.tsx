// One terminal's page, drawn from data (TerminalView loads it): what its latest heartbeat
// says, its alerts in full, its history as four small charts (free disk, clock offset,
// backlog, online), and its last error lines.
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../../src-shared/calendar/china-time';
import { CLOCK_TOLERANCE_MS } from '../../../src-shared/fleet/alerts';
import type { FleetTerminal } from '../../kiosk-types';
import { HistoryChart, OnlineStrip } from './HistoryChart';
import { AlertBadges } from './AlertBadges';
import { offsetText, sinceText } from './FleetTable';
import { HEARTBEAT_DEVICES, type HistorySeries } from './fleet-data';

export function TerminalPanel({ terminal, series, now }: { terminal: FleetTerminal; series: HistorySeries | null; now: Date }) {
  const { t } = useTranslation();
  const hb = terminal.heartbeat;
  return (
    <div className="fleet-terminal" data-testid="fleet-terminal" data-terminal={terminal.id}>
      <section className="card fleet-terminal__facts">
        <h3 className="card__title">{t('desk.fleet.latest')}</h3>
        <dl className="fleet-facts">
          <dt>{t('desk.fleet.lastSeen')}</dt>
          <dd>
            {sinceText(t, terminal.lastSeenAt, now)}
            {terminal.lastSeenAt && <span className="desk-muted">（{chinaDateTime(new Date(terminal.lastSeenAt))}）</span>}
          </dd>
          <dt>{t('desk.fleet.version')}</dt>
          <dd>{hb?.version ?? '—'}</dd>
          <dt>{t('desk.fleet.os')}</dt>
          <dd>{hb ? `${hb.os.platform} ${hb.os.release} ${hb.os.arch}` : '—'}</dd>
          <dt>{t('desk.fleet.uptime')}</dt>
          <dd>{hb ? t('desk.fleet.hours', { n: Math.floor(hb.uptimeSeconds / 3600) }) : '—'}</dd>
          <dt>{t('desk.fleet.diskMinutes')}</dt>
          <dd>{hb?.disk.recordingMinutes == null ? '—' : t('desk.fleet.minutes', { n: hb.disk.recordingMinutes })}</dd>
          <dt>{t('desk.fleet.clock')}</dt>
          <dd>{offsetText(hb?.clock.offsetMs)}</dd>
          <dt>{t('desk.fleet.backlog')}</dt>
          <dd>{hb ? t('desk.fleet.backlogEvents', { n: hb.backlog.events }) : '—'}</dd>
          <dt>{t('desk.fleet.visitState')}</dt>
          <dd>{hb ? t(`desk.fleet.visit.${hb.visit.state}`) : '—'}</dd>
        </dl>
        <h4>{t('desk.fleet.alerts')}</h4>
        <AlertBadges alerts={terminal.alerts} />
        {terminal.alerts.length > 0 && (
          <ul className="desk-list" data-testid="fleet-alert-messages">
            {terminal.alerts.map((a) => (
              <li key={a.kind}>{a.message}</li>
            ))}
          </ul>
        )}
        <h4>{t('desk.fleet.devices')}</h4>
        <ul className="desk-list" data-testid="fleet-devices">
          {HEARTBEAT_DEVICES.map((d) => {
            const check = hb?.devices[d] ?? null;
            return (
              <li key={d} data-device={d} data-ok={check === null ? 'unknown' : check.ok ? 'yes' : 'no'}>
                {t(`desk.fleet.device.${d}`)}：
                {check === null ? (
                  t('desk.fleet.unchecked')
                ) : (
                  <span className={check.ok ? 'fleet-ok' : 'fleet-bad'}>
                    {check.ok ? t('desk.fleet.deviceOk') : t('desk.fleet.deviceFailed')} · {check.detail}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      </section>
      <section className="card fleet-terminal__charts" data-testid="fleet-history">
        <h3 className="card__title">{t('desk.fleet.history')}</h3>
        {series === null ? (
          <p className="chart__empty">{t('desk.fleet.loading')}</p>
        ) : (
          <div className="fleet-charts">
            <HistoryChart title={t('desk.fleet.chart.disk')} unit="GiB" points={series.freeGiB} testId="chart-disk" />
            <HistoryChart
              title={t('desk.fleet.chart.clock')}
              unit="秒"
              points={series.clockSeconds}
              testId="chart-clock"
              limit={CLOCK_TOLERANCE_MS / 1000}
              tone="warn"
            />
            <HistoryChart title={t('desk.fleet.chart.backlog')} unit="条" points={series.backlogEvents} testId="chart-backlog" />
            <OnlineStrip title={t('desk.fleet.chart.online')} points={series.online} testId="chart-online" />
          </div>
        )}
      </section>
      {hb && hb.errors.length > 0 && (
        <section className="card fleet-terminal__errors">
          <h3 className="card__title">{t('desk.fleet.errors')}</h3>
          <ul className="desk-list" data-testid="fleet-errors">
            {hb.errors.map((e) => (
              <li key={`${e.at}:${e.message}`} className={e.level === 'error' ? 'fleet-bad' : undefined}>
                <span className="desk-muted">{chinaDateTime(new Date(e.at))}</span> {e.message}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
