// 批准远程视频会见安排: the lower half of both forms, filled in once the visit is approved
// (R8.3, R9.1), blank lines otherwise, so the same sheet serves before and after approval.
import { useTranslation } from 'react-i18next';
import { dateFields, type PrintArrangement } from './print-data';

export interface ArrangementLabels {
  /** 监狱批准远程视频会见安排 / 县（市、区）司法局批准远程视频会见安排 */
  title: string;
  /** 所在监区 / 所在监狱 */
  whereLabel: string;
  whereValue: string;
  /** 监狱意见： / 县（市、区）司法局意见： */
  opinionLabel: string;
  /** 'desk.print.roomPrison' or 'desk.print.roomBureau' */
  roomKey: 'desk.print.roomPrison' | 'desk.print.roomBureau';
}

export function ArrangementTable({
  arrangement,
  inmateName,
  inmateAddress,
  labels,
}: {
  arrangement: PrintArrangement | null;
  inmateName: string;
  inmateAddress: string;
  labels: ArrangementLabels;
}) {
  const { t } = useTranslation();
  const when = dateFields(arrangement?.date);
  const decided = dateFields(arrangement?.decidedOn);
  const a = arrangement;
  return (
    <table className="print-table print-arrangement" data-testid="print-arrangement">
      <colgroup>
        <col className="print-col-label" />
        <col className="print-col-value" />
        <col className="print-col-label" />
        <col className="print-col-value" />
        <col className="print-col-label" />
        <col className="print-col-value" />
      </colgroup>
      <tbody>
        <tr>
          <th colSpan={6} className="print-section">
            {labels.title}
          </th>
        </tr>
        <tr>
          <th>{t('desk.print.inmate')}</th>
          <td>{inmateName}</td>
          <th>{t('desk.print.address')}</th>
          <td data-testid="print-inmate-address">{inmateAddress}</td>
          <th>{labels.whereLabel}</th>
          <td data-testid="print-inmate-ward">{labels.whereValue}</td>
        </tr>
        <tr>
          <th>{t('desk.print.timeArrangement')}</th>
          <td colSpan={2} data-testid="print-when">
            {a
              ? t('desk.print.when', { month: when.month, day: when.day, halfDay: t(`desk.print.halfDay.${a.halfDay}`) })
              : t('desk.print.whenBlank')}
          </td>
          <td colSpan={3} rowSpan={4} className="print-opinion">
            <div className="print-opinion__label">{labels.opinionLabel}</div>
            <div className="print-opinion__text" data-testid="print-opinion">
              {a?.opinion}
            </div>
            <div className="print-opinion__date">
              {t('desk.print.opinionDate')}
              {a ? t('desk.print.ymd', decided) : ''}
            </div>
          </td>
        </tr>
        <tr>
          <th>{t('desk.print.placeArrangement')}</th>
          <td colSpan={2} data-testid="print-place">
            {t(labels.roomKey, { place: a?.place ?? '' })}
          </td>
        </tr>
        <tr>
          <th>{t('desk.print.visitsPerMonth')}</th>
          <td colSpan={2}>{t('desk.print.times', { n: a ? String(a.visitsPerMonth) : '' })}</td>
        </tr>
        <tr>
          <th>{t('desk.print.minutesPerVisit')}</th>
          <td colSpan={2}>{t('desk.print.minutes', { n: a ? String(a.minutesPerVisit) : '' })}</td>
        </tr>
      </tbody>
    </table>
  );
}
