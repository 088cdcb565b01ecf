// The line under an application's reason on Forms 1 and 2: who applies, and on which day.
import { useTranslation } from 'react-i18next';
import { dateFields } from './print-data';

export function SignLine({ applicant, appliedOn }: { applicant: string; appliedOn: string }) {
  const { t } = useTranslation();
  return (
    <p className="print-reason__sign">
      <span>
        {t('desk.print.applicantSign')}
        <span className="print-fill">{applicant}</span>
      </span>
      <span>
        {t('desk.print.appliedOn')}
        <span className="print-fill">{t('desk.print.ymd', dateFields(appliedOn))}</span>
      </span>
    </p>
  );
}
