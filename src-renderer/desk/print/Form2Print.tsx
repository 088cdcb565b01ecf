// 远程视频会见申请表二（本表适用于亲属、监护人和其他按规定允许会见的人员申请, R8.1),
// as one A4 page in the appendix's layout.
import { ApplicationFormPage } from './ApplicationFormPage';
import { withoutSuffix, type Form2Data } from './print-data';

export function Form2Print({ data }: { data: Form2Data }) {
  return (
    <ApplicationFormPage
      form="form2"
      testId="print-form-2"
      data={data}
      reason={{
        prison: withoutSuffix(data.prisonName, '监狱'),
        ward: withoutSuffix(data.wardName, '监区'),
        inmate: data.inmateName,
      }}
      applicant={data.persons.map((p) => p.name).join('、')}
      whereValue={data.prisonName}
      roomKey="desk.print.roomBureau"
    />
  );
}
