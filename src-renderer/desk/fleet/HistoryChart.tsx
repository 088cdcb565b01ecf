// A terminal's history as a small line chart (inline SVG, like the overview's charts: no
// chart library, nothing the CSP forbids). A gap in the data is a gap in the line; an
// optional limit (the clock's 2 s) is a dashed line; the latest value is written out.
import { useTranslation } from 'react-i18next';
import { chinaClock, chinaDate } from '../../../src-shared/calendar/china-time';
import { scale, ticks } from '../overview/chart-scale';
import type { SeriesPoint } from './fleet-data';

const W = 360;
const H = 130;
const LEFT = 40;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 22;

export const shortTime = (ms: number): string => `${chinaDate(new Date(ms)).slice(5)} ${chinaClock(new Date(ms))}`;

/** The line's path: one "M…L…" run per stretch of values, broken where a value is null. */
export function linePath(points: readonly SeriesPoint[], x: (at: number) => number, y: (v: number) => number): string {
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (p.value === null) {
      drawing = false;
      continue;
    }
    d += `${drawing ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`;
    drawing = true;
  }
  return d;
}

export function HistoryChart({
  title,
  unit,
  points,
  testId,
  limit,
  tone = 'blue',
}: {
  title: string;
  unit: string;
  points: readonly SeriesPoint[];
  testId: string;
  limit?: number;
  tone?: 'blue' | 'warn' | 'danger';
}) {
  const { t } = useTranslation();
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const axis = ticks(Math.max(0, ...values, limit ?? 0));
  const top = axis[axis.length - 1] ?? 1;
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const first = points[0]?.at ?? 0;
  const last = points[points.length - 1]?.at ?? first;
  const span = Math.max(1, last - first);
  const x = (at: number) => LEFT + ((at - first) / span) * plotW;
  const y = (v: number) => TOP + plotH - scale(v, top, plotH);
  const latest = [...points].reverse().find((p) => p.value !== null)?.value ?? null;
  return (
    <figure className="chart fleet-chart" data-testid={testId} data-points={values.length}>
      <figcaption className="fleet-chart__head">
        <span>{title}</span>
        <strong data-testid="chart-latest">{latest === null ? t('desk.fleet.unknown') : `${latest} ${unit}`.trim()}</strong>
      </figcaption>
      {values.length === 0 ? (
        <p className="chart__empty">{t('desk.overview.noData')}</p>
      ) : (
        <svg
          viewBox={`0 0 ${W} ${H}`}
          className="chart__svg"
          role="img"
          aria-label={t('desk.fleet.chartAria', {
            title,
            from: shortTime(first),
            to: shortTime(last),
            latest: latest ?? '—',
            unit,
          })}
        >
          {axis.map((v) => (
            <g key={v} className="chart__grid">
              <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} />
              <text x={LEFT - 4} y={y(v) + 4} textAnchor="end">
                {v}
              </text>
            </g>
          ))}
          {limit !== undefined && <line className="fleet-chart__limit" x1={LEFT} x2={W - RIGHT} y1={y(limit)} y2={y(limit)} />}
          <path className={`fleet-chart__line fleet-chart__line--${tone}`} d={linePath(points, x, y)} />
          <text className="chart__label" x={LEFT} y={H - 6}>
            {shortTime(first)}
          </text>
          <text className="chart__label" x={W - RIGHT} y={H - 6} textAnchor="end">
            {shortTime(last)}
          </text>
        </svg>
      )}
    </figure>
  );
}

/** Whether the terminal reported, per bin: a bar's height is the share of its 10-minute slots heard from. */
export function OnlineStrip({ title, points, testId }: { title: string; points: readonly SeriesPoint[]; testId: string }) {
  const { t } = useTranslation();
  const plotW = W - LEFT - RIGHT;
  const plotH = 60;
  const slot = points.length > 0 ? plotW / points.length : 0;
  const share = points.length === 0 ? null : Math.round((points.reduce((s, p) => s + (p.value ?? 0), 0) / points.length) * 100);
  return (
    <figure className="chart fleet-chart" data-testid={testId} data-points={points.length}>
      <figcaption className="fleet-chart__head">
        <span>{title}</span>
        <strong data-testid="chart-latest">{share === null ? t('desk.fleet.unknown') : `${share}%`}</strong>
      </figcaption>
      {points.length === 0 ? (
        <p className="chart__empty">{t('desk.overview.noData')}</p>
      ) : (
        <svg
          viewBox={`0 0 ${W} ${plotH + BOTTOM}`}
          className="chart__svg"
          role="img"
          aria-label={t('desk.fleet.onlineAria', { share })}
        >
          {points.map((p, i) => {
            const h = Math.max(p.value === 0 ? 0 : 1, scale(p.value ?? 0, 1, plotH));
            return (
              <rect
                key={p.at}
                className={`chart__bar${(p.value ?? 0) < 1 ? ' chart__bar--warn' : ''}`}
                x={LEFT + i * slot}
                y={plotH - h}
                width={Math.max(1, slot - 1)}
                height={h}
              >
                <title>{`${shortTime(p.at)}：${Math.round((p.value ?? 0) * 100)}%`}</title>
              </rect>
            );
          })}
          <text className="chart__label" x={LEFT} y={plotH + BOTTOM - 6}>
            {shortTime(points[0]?.at ?? 0)}
          </text>
          <text className="chart__label" x={W - RIGHT} y={plotH + BOTTOM - 6} textAnchor="end">
            {shortTime(points[points.length - 1]?.at ?? 0)}
          </text>
        </svg>
      )}
    </figure>
  );
}
