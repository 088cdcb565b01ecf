// The page Forms 1 and 2 share (R8.1, R9.1): title, the reason with the applicant's
// signature line, the persons, and the arrangement. Each form supplies its own texts
// (desk.print.form1.* / form2.*) and values.
import { Trans, useTranslation } from 'react-i18next';
import { ArrangementTable } from './ArrangementTable';
import { PersonsTable } from './PersonsTable';
import { SignLine } from './SignLine';
import type { Form1Data, Form2Data } from './print-data';

const fill = <span className="print-fill" />;

export interface ApplicationFormPageProps {
  form: 'form1' | 'form2';
  testId: string;
  data: Form1Data | Form2Data;
  /** Values for the form's reason sentence. */
  reason: Record<string, string>;
  /** Who signs the reason. */
  applicant: string;
  /** Where the visit is held, in the arrangement. */
  whereValue: string;
  roomKey: 'desk.print.roomPrison' | 'desk.print.roomBureau';
}

export function ApplicationFormPage({ form, testId, data, reason, applicant, whereValue, roomKey }: ApplicationFormPageProps) {
  const { t } = useTranslation();
  const key = `desk.print.${form}` as const;
  return (
    <section className="print-page" data-testid={testId}>
      <h1 className="print-title">{t(`${key}.title`)}</h1>
      <p className="print-subtitle">{t(`${key}.subtitle`)}</p>
      <table className="print-table print-reason">
        <tbody>
          <tr>
            <th className="print-reason__label">{t('desk.print.reasonLabel')}</th>
            <td>
              <p className="print-reason__text">
                <Trans i18nKey={`${key}.reason`} values={reason} components={{ fill }} />
              </p>
              <SignLine applicant={applicant} appliedOn={data.appliedOn} />
            </td>
          </tr>
        </tbody>
      </table>
      <PersonsTable persons={data.persons} relationshipHeader={t(`${key}.relationship`)} />
      <p className="print-language" data-testid="print-language">
        {t('desk.print.language', { languages: data.languages || t('desk.intake.languageKinds.mandarin') })}
        {data.interpreterRequired === true && t('desk.print.interpreter')}
      </p>
      <ArrangementTable
        arrangement={data.arrangement}
        inmateName={data.inmateName}
        inmateAddress={data.inmateAddress}
        labels={{
          title: t(`${key}.arrangementTitle`),
          whereLabel: t(`${key}.where`),
          whereValue,
          opinionLabel: t(`${key}.opinion`),
          roomKey,
        }}
      />
    </section>
  );
}
