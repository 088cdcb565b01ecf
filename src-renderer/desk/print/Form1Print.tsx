// 远程视频会见申请表一（本表适用于罪犯申请, R9.1), as one A4 page in the appendix's layout.
import { Trans, useTranslation } from 'react-i18next';
import { ArrangementTable } from './ArrangementTable';
import { PersonsTable } from './PersonsTable';
import { SignLine } from './SignLine';
import { type Form1Data } from './print-data';

const fill = <span className="print-fill" />;

export function Form1Print({ data }: { data: Form1Data }) {
  const { t } = useTranslation();
  return (
    <section className="print-page" data-testid="print-form-1">
      <h1 className="print-title">{t('desk.print.form1.title')}</h1>
      <p className="print-subtitle">{t('desk.print.form1.subtitle')}</p>
      <table className="print-table print-reason">
        <tbody>
          <tr>
            <th className="print-reason__label">{t('desk.print.reasonLabel')}</th>
            <td>
              <p className="print-reason__text">
                <Trans
                  i18nKey="desk.print.form1.reason"
                  values={{ prefecture: data.prefecture, county: data.county, relatives: data.persons.map((p) => p.name).join('、') }}
                  components={{ fill }}
                />
              </p>
              <SignLine applicant={data.inmateName} appliedOn={data.appliedOn} />
            </td>
          </tr>
        </tbody>
      </table>
      <PersonsTable persons={data.persons} relationshipHeader={t('desk.print.form1.relationship')} />
      <ArrangementTable
        arrangement={data.arrangement}
        inmateName={data.inmateName}
        inmateAddress={data.inmateAddress}
        labels={{
          title: t('desk.print.form1.arrangementTitle'),
          whereLabel: t('desk.print.form1.where'),
          whereValue: data.wardName,
          opinionLabel: t('desk.print.form1.opinion'),
          roomKey: 'desk.print.roomPrison',
        }}
      />
    </section>
  );
}
