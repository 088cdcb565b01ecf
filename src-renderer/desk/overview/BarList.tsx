// Labelled horizontal bars (outcomes' reasons, overdue steps, visits per site): the label
// and figure are text, the bar is an inline SVG sized to the largest value.
import { useTranslation } from 'react-i18next';
import { scale } from './chart-scale';
import type { LabelledCount } from './overview-data';

export function BarList({
  items,
  testId,
  tone = 'blue',
}: {
  items: readonly LabelledCount[];
  testId: string;
  tone?: 'blue' | 'warn' | 'danger';
}) {
  const { t } = useTranslation();
  const max = Math.max(0, ...items.map((i) => i.count));
  if (items.length === 0) {
    return (
      <p className="chart__empty" data-testid={testId}>
        {t('desk.overview.noData')}
      </p>
    );
  }
  return (
    <ul className="bar-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.key} className="bar-list__row" data-testid="bar-row">
          <span className="bar-list__label">{item.label}</span>
          <svg className="bar-list__bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
            <rect className={`chart__bar chart__bar--${tone}`} x={0} y={1} width={scale(item.count, max, 100)} height={8} />
          </svg>
          <span className="bar-list__count">{item.count}</span>
        </li>
      ))}
    </ul>
  );
}
