// Each terminal's last sync and backlog: a table, with the age of the
// last sync coloured (fresh / a day / stale / never) and the backlog as a bar.
import { useTranslation } from 'react-i18next';
import { scale } from './chart-scale';
import type { TerminalSync } from './overview-data';
import { localDateTime } from '../../app/dates';

export type SyncAge = 'fresh' | 'day' | 'stale' | 'never';

const HOUR = 3_600_000;

export function syncAge(lastSyncAt: string | null, now: Date): SyncAge {
  if (!lastSyncAt) return 'never';
  const age = now.getTime() - Date.parse(lastSyncAt);
  if (age <= HOUR) return 'fresh';
  if (age <= 24 * HOUR) return 'day';
  return 'stale';
}

export function TerminalSyncList({ terminals, now }: { terminals: readonly TerminalSync[]; now: Date }) {
  const { t } = useTranslation();
  const max = Math.max(0, ...terminals.map((x) => x.backlog));
  if (terminals.length === 0) {
    return (
      <p className="chart__empty" data-testid="terminal-sync">
        {t('desk.overview.noData')}
      </p>
    );
  }
  return (
    <table className="desk-table" data-testid="terminal-sync">
      <thead>
        <tr>
          <th>{t('desk.overview.terminal')}</th>
          <th>{t('desk.overview.lastSync')}</th>
          <th>{t('desk.overview.backlog')}</th>
        </tr>
      </thead>
      <tbody>
        {terminals.map((x) => {
          const age = syncAge(x.lastSyncAt, now);
          return (
            <tr key={x.terminalId} data-testid="terminal-row" data-age={age}>
              <td>
                {x.siteName} · {x.roomName}
              </td>
              <td className={`sync-age sync-age--${age}`}>
                {x.lastSyncAt ? localDateTime(x.lastSyncAt) : t('desk.overview.neverSynced')}
              </td>
              <td className="bar-list__row">
                <svg className="bar-list__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                  <rect className="chart__bar chart__bar--warn" x={0} y={1} width={scale(x.backlog, max, 100)} height={8} />
                </svg>
                <span className="bar-list__count">{x.backlog}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
