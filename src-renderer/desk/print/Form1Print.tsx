// 远程视频会见申请表一（本表适用于罪犯申请, R9.1), as one A4 page in the appendix's layout.
import { ApplicationFormPage } from './ApplicationFormPage';
import { type Form1Data } from './print-data';

export function Form1Print({ data }: { data: Form1Data }) {
  return (
    <ApplicationFormPage
      form="form1"
      testId="print-form-1"
      data={data}
      reason={{ prefecture: data.prefecture, county: data.county, relatives: data.persons.map((p) => p.name).join('、') }}
      applicant={data.inmateName}
      whereValue={data.wardName}
      roomKey="desk.print.roomPrison"
    />
  );
}
