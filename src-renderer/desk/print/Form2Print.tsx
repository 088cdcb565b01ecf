// 远程视频会见申请表二（本表适用于亲属、监护人和其他按规定允许会见的人员申请, R8.1),
// as one A4 page in the appendix's layout.
import { Trans, useTranslation } from 'react-i18next';
import { ArrangementTable } from './ArrangementTable';
import { PersonsTable } from './PersonsTable';
import { SignLine } from './SignLine';
import { withoutSuffix, type Form2Data } from './print-data';

const fill = <span className="print-fill" />;

export function Form2Print({ data }: { data: Form2Data }) {
  const { t } = useTranslation();
  return (
    <section className="print-page" data-testid="print-form-2">
      <h1 className="print-title">{t('desk.print.form2.title')}</h1>
      <p className="print-subtitle">{t('desk.print.form2.subtitle')}</p>
      <table className="print-table print-reason">
        <tbody>
          <tr>
            <th className="print-reason__label">{t('desk.print.reasonLabel')}</th>
            <td>
              <p className="print-reason__text">
                <Trans
                  i18nKey="desk.print.form2.reason"
                  values={{ prison: withoutSuffix(data.prisonName, '监狱'), ward: withoutSuffix(data.wardName, '监区'), inmate: data.inmateName }}
                  components={{ fill }}
                />
              </p>
              <SignLine applicant={data.persons.map((p) => p.name).join('、')} appliedOn={data.appliedOn} />
            </td>
          </tr>
        </tbody>
      </table>
      <PersonsTable persons={data.persons} relationshipHeader={t('desk.print.form2.relationship')} />
      <ArrangementTable
        arrangement={data.arrangement}
        inmateName={data.inmateName}
        inmateAddress={data.inmateAddress}
        labels={{
          title: t('desk.print.form2.arrangementTitle'),
          whereLabel: t('desk.print.form2.where'),
          whereValue: data.prisonName,
          opinionLabel: t('desk.print.form2.opinion'),
          roomKey: 'desk.print.roomBureau',
        }}
      />
    </section>
  );
}
