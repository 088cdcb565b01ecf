// How the visits ended: completed / forfeited (R10.1) / interrupted (R18.1) / terminated
// (R16.1, R17.1) as one stacked bar with a legend of exact figures.
import { useTranslation } from 'react-i18next';
import { OUTCOME_KINDS, type OutcomeKind } from './overview-data';

export function OutcomeChart({ outcomes }: { outcomes: Record<OutcomeKind, number> }) {
  const { t } = useTranslation();
  const total = OUTCOME_KINDS.reduce((s, k) => s + outcomes[k], 0);
  let x = 0;
  return (
    <figure className="chart" data-testid="chart-outcomes">
      <svg
        viewBox="0 0 100 12"
        preserveAspectRatio="none"
        className="chart__stack"
        role="img"
        aria-label={OUTCOME_KINDS.map((k) => `${t(`desk.overview.outcome.${k}`)} ${outcomes[k]}`).join('，')}
      >
        {total === 0 && <rect className="chart__bar chart__bar--empty" x={0} y={0} width={100} height={12} />}
        {total > 0 &&
          OUTCOME_KINDS.map((k) => {
            const w = (outcomes[k] / total) * 100;
            const rect = <rect key={k} className={`chart__bar chart__outcome--${k}`} x={x} y={0} width={w} height={12} />;
            x += w;
            return rect;
          })}
      </svg>
      <figcaption className="chart__legend">
        {OUTCOME_KINDS.map((k) => (
          <span key={k} className="chart__legend-item" data-testid={`outcome-${k}`}>
            <svg className="chart__swatch" viewBox="0 0 10 10" aria-hidden="true">
              <rect className={`chart__outcome--${k}`} width={10} height={10} />
            </svg>
            {t(`desk.overview.outcome.${k}`)} {outcomes[k]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
