// The terminals in scope, one row each: site and room, version, last heard of, minutes of
// recording the disk holds, the clock's offset, the sync backlog, the devices, the alerts.
// Pure (the terminals and the time in; opening a terminal goes out through onOpen).
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../../src-shared/calendar/china-time';
import { CLOCK_TOLERANCE_MS, DISK_VISITS_MIN, VISIT_MINUTES } from '../../../src-shared/fleet/alerts';
import type { FleetTerminal } from '../../kiosk-types';
import { AlertBadges } from './AlertBadges';
import { deviceState, HEARTBEAT_DEVICES, isSilent } from './fleet-data';

/** "5 分钟前", "3 小时前", "2 天前". */
export function sinceText(t: (key: string, options?: Record<string, unknown>) => string, at: string | null, now: Date): string {
  if (at === null) return t('desk.fleet.never');
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 60_000));
  if (minutes < 60) return t('desk.fleet.minutesAgo', { n: minutes });
  if (minutes < 48 * 60) return t('desk.fleet.hoursAgo', { n: Math.floor(minutes / 60) });
  return t('desk.fleet.daysAgo', { n: Math.floor(minutes / 1440) });
}

export const offsetText = (ms: number | null | undefined): string =>
  ms === null || ms === undefined ? '—' : `${ms > 0 ? '+' : ''}${(ms / 1000).toFixed(1)} 秒`;

export function FleetTable({
  terminals,
  now,
  onOpen,
}: {
  terminals: readonly FleetTerminal[];
  now: Date;
  onOpen: (terminalId: string) => void;
}) {
  const { t } = useTranslation();
  if (terminals.length === 0) {
    return (
      <p className="chart__empty" data-testid="fleet-empty">
        {t('desk.fleet.empty')}
      </p>
    );
  }
  return (
    <table className="desk-table fleet-table" data-testid="fleet-table">
      <thead>
        <tr>
          <th>{t('desk.fleet.site')}</th>
          <th>{t('desk.fleet.version')}</th>
          <th>{t('desk.fleet.lastSeen')}</th>
          <th>{t('desk.fleet.diskMinutes')}</th>
          <th title={t('desk.fleet.clockHint')}>{t('desk.fleet.clock')}</th>
          <th>{t('desk.fleet.backlog')}</th>
          <th>{t('desk.fleet.devices')}</th>
          <th>{t('desk.fleet.alerts')}</th>
        </tr>
      </thead>
      <tbody>
        {terminals.map((x) => {
          const hb = x.heartbeat;
          const devices = deviceState(x);
          const silent = isSilent(x, now);
          const minutes = hb?.disk.recordingMinutes ?? null;
          const offset = hb?.clock.offsetMs ?? null;
          return (
            <tr
              key={x.id}
              data-testid="fleet-row"
              data-terminal={x.id}
              className={x.alerts.length > 0 ? 'desk-row--overdue' : undefined}
            >
              <td>
                <button type="button" className="fleet-link" data-testid="fleet-open" onClick={() => onOpen(x.id)}>
                  {x.organisationName}
                </button>
                <div className="desk-muted">
                  {x.roomName} · {x.name}
                  {x.revoked && <span className="desk-badge">{t('desk.fleet.revoked')}</span>}
                </div>
              </td>
              <td>{hb?.version ?? '—'}</td>
              <td
                className={silent ? 'sync-age--stale' : undefined}
                title={x.lastSeenAt ? chinaDateTime(new Date(x.lastSeenAt)) : ''}
              >
                {sinceText(t, x.lastSeenAt, now)}
              </td>
              <td className={minutes !== null && minutes < VISIT_MINUTES * DISK_VISITS_MIN ? 'fleet-bad' : undefined}>
                {minutes === null ? '—' : t('desk.fleet.minutes', { n: minutes })}
              </td>
              <td className={offset !== null && Math.abs(offset) > CLOCK_TOLERANCE_MS ? 'fleet-bad' : undefined}>
                {offsetText(offset)}
              </td>
              <td>{hb ? t('desk.fleet.backlogEvents', { n: hb.backlog.events }) : '—'}</td>
              <td>
                {!hb && '—'}
                {hb && devices.failed.length === 0 && devices.unchecked.length === 0 && (
                  <span className="fleet-ok">{t('desk.fleet.devicesOk')}</span>
                )}
                {hb && devices.failed.length === 0 && devices.unchecked.length > 0 && (
                  <span className="desk-muted">
                    {t('desk.fleet.devicesUnchecked', {
                      ok: HEARTBEAT_DEVICES.length - devices.unchecked.length,
                      n: devices.unchecked.length,
                    })}
                  </span>
                )}
                {devices.failed.map((d) => (
                  <span key={d} className="fleet-bad fleet-device" data-testid="fleet-device-failed" data-device={d}>
                    {t(`desk.fleet.device.${d}`)}
                  </span>
                ))}
              </td>
              <td>
                <AlertBadges alerts={x.alerts} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
