// 远程视频会见须知 ("十不准", R12.1) as an A4 page: the same text the idle screen shows
// (notice.* in the base locale files), so there is one copy of it.
import { useTranslation } from 'react-i18next';
import { NOTICE_ITEMS } from '../../screens/idle/Notice';

export function NoticePrint() {
  const { t } = useTranslation();
  return (
    <section className="print-page print-notice" data-testid="print-notice">
      <h1 className="print-title">{t('notice.title')}</h1>
      <p className="print-notice__intro">{t('notice.intro')}</p>
      <ol className="print-notice__items">
        {NOTICE_ITEMS.map((n) => (
          <li key={n}>
            {t(`notice.items.${n}.marker`)}
            {t(`notice.items.${n}.text`)}
          </li>
        ))}
      </ol>
    </section>
  );
}
