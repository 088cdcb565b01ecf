// The six numbered rows of applicants on Forms 1 and 2, empty rows included.
import { useTranslation } from 'react-i18next';
import { paddedRows, type PrintPerson } from './print-data';

export function PersonsTable({ persons, relationshipHeader }: { persons: readonly PrintPerson[]; relationshipHeader: string }) {
  const { t } = useTranslation();
  return (
    <table className="print-table print-persons" data-testid="print-persons">
      <colgroup>
        <col className="print-col-no" />
        <col className="print-col-name" />
        <col className="print-col-rel" />
        <col className="print-col-id" />
        <col className="print-col-address" />
        <col className="print-col-phone" />
      </colgroup>
      <thead>
        <tr>
          <th>{t('desk.print.no')}</th>
          <th>{t('desk.print.applicant')}</th>
          <th>{relationshipHeader}</th>
          <th>{t('desk.print.idNumber')}</th>
          <th>{t('desk.print.address')}</th>
          <th>{t('desk.print.phone')}</th>
        </tr>
      </thead>
      <tbody>
        {paddedRows(persons).map((p, i) => (
          <tr key={i} data-testid={p ? 'print-person' : 'print-person-empty'}>
            <td className="print-center">{i + 1}</td>
            <td>{p?.name}</td>
            <td>{p?.relationship}</td>
            <td className="print-mono">{p?.idNumber}</td>
            <td>{p?.address}</td>
            <td className="print-mono">{p?.phone}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
