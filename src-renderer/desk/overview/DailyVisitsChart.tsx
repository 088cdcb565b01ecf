// Visits per day as vertical bars (inline SVG: no chart library, nothing the CSP forbids).
// Each bar carries a <title> with its exact figure; the whole chart has a text label.
import { useTranslation } from 'react-i18next';
import { scale, ticks } from './chart-scale';
import type { DayCount } from './overview-data';

const W = 640;
const H = 220;
const LEFT = 36;
const BOTTOM = 28;
const TOP = 10;

export function DailyVisitsChart({ days }: { days: readonly DayCount[] }) {
  const { t } = useTranslation();
  const max = Math.max(0, ...days.map((d) => d.count));
  const axis = ticks(max);
  const top = axis[axis.length - 1] ?? 1;
  const plotH = H - TOP - BOTTOM;
  const slot = days.length > 0 ? (W - LEFT) / days.length : 0;
  const barW = Math.max(2, slot * 0.7);
  // Label every n-th day so the dates never overlap.
  const every = Math.max(1, Math.ceil(days.length / 10));
  const total = days.reduce((s, d) => s + d.count, 0);
  return (
    <figure className="chart" data-testid="chart-visits-per-day">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="chart__svg"
        role="img"
        aria-label={t('desk.overview.visitsPerDayAria', { total, days: days.length })}
      >
        {axis.map((v) => {
          const y = TOP + plotH - scale(v, top, plotH);
          return (
            <g key={v} className="chart__grid">
              <line x1={LEFT} x2={W} y1={y} y2={y} />
              <text x={LEFT - 6} y={y + 4} textAnchor="end">
                {v}
              </text>
            </g>
          );
        })}
        {days.map((d, i) => {
          const h = scale(d.count, top, plotH);
          const x = LEFT + i * slot + (slot - barW) / 2;
          return (
            <g key={d.date} data-testid="chart-bar">
              <rect className="chart__bar" x={x} y={TOP + plotH - h} width={barW} height={h}>
                <title>{t('desk.overview.dayBar', { date: d.date, count: d.count })}</title>
              </rect>
              {i % every === 0 && (
                <text className="chart__label" x={x + barW / 2} y={H - 8} textAnchor="middle">
                  {d.date.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      {days.length === 0 && <figcaption className="chart__empty">{t('desk.overview.noData')}</figcaption>}
    </figure>
  );
}
