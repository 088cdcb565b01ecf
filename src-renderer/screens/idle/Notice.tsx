// The regulation's appendix "远程视频会见须知" with all ten 不准, word for word (R12.1, R32.1).
import { useTranslation } from 'react-i18next';

/** The ten items' keys in locales/*.json (notice.items.1 … notice.items.10). */
export const NOTICE_ITEMS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

export function Notice() {
  const { t } = useTranslation();
  return (
    // Focusable: should a long translation ever overflow, the notice scrolls from the keyboard.
    <section className="card notice" data-testid="notice" aria-labelledby="notice-title" tabIndex={0}>
      <h2 id="notice-title" className="card__title notice__title">
        {t('notice.title')}
      </h2>
      <p className="notice__intro">{t('notice.intro')}</p>
      <ol className="notice__items">
        {NOTICE_ITEMS.map((n) => (
          <li key={n} className="notice__item" data-testid="notice-item">
            <span className="notice__marker">{t(`notice.items.${n}.marker`)}</span>
            <span className="notice__text">{t(`notice.items.${n}.text`)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
