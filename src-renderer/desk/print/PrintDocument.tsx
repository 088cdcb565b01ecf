// What one print job holds: the application's form and, for the relatives, the notice
// they must keep to (R12.1). Rendered on its own, so printToPDF / page.pdf print only it.
import { Form1Print } from './Form1Print';
import { Form2Print } from './Form2Print';
import { NoticePrint } from './NoticePrint';
import type { Form1Data, Form2Data } from './print-data';
import '../../styles/desk-print.css';

export type PrintJob =
  | { form: 'form-1'; data: Form1Data; withNotice: boolean }
  | { form: 'form-2'; data: Form2Data; withNotice: boolean }
  | { form: 'notice' };

export function PrintDocument({ job }: { job: PrintJob }) {
  return (
    <div className="print-document" data-testid="print-document">
      {job.form === 'form-1' && <Form1Print data={job.data} />}
      {job.form === 'form-2' && <Form2Print data={job.data} />}
      {(job.form === 'notice' || job.withNotice) && <NoticePrint />}
    </div>
  );
}
