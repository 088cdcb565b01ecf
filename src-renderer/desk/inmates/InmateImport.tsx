// Issue #25 item 7: a prison imports its inmates from the list it keeps, an Excel workbook
// (.xlsx) or a CSV as Excel on Chinese Windows saves it (GBK) or in UTF-8. Choosing the file
// previews it (the first rows as the store read them, and every row error); only a clean
// preview can be imported, and the store still imports every row or none.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFileAnswer } from '../../../src-shared/store-api/import-file';
import { MAX_IMPORT_FILE_BYTES } from '../../../src-shared/store-api/import-file';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';

interface Picked {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export function InmateImport() {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [preview, setPreview] = useState<ImportFileAnswer | null>(null);
  const [imported, setImported] = useState<number | null>(null);

  const load = async (file: File | undefined) => {
    setPreview(null);
    setImported(null);
    setPicked(null);
    if (!file) return;
    if (file.size > MAX_IMPORT_FILE_BYTES) {
      await task.run(() => Promise.reject(new Error(`文件不能超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`)));
      return;
    }
    const next = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    setPicked(next);
    const answer = await task.run(() =>
      deskCall(client.desk.importInmates({ fileName: next.name, bytes: next.bytes, commit: false })),
    );
    if (answer) setPreview(answer);
  };
  const commit = async () => {
    if (!picked) return;
    const answer = await task.run(() =>
      deskCall(client.desk.importInmates({ fileName: picked.name, bytes: picked.bytes, commit: true })),
    );
    if (answer) {
      setImported(answer.imported);
      setPreview(null);
      setPicked(null);
    }
  };

  return (
    <fieldset className="desk-action" data-testid="inmate-import">
      <legend>{t('desk.inmates.import.title')}</legend>
      <p className="desk-hint">{t('desk.inmates.import.hint')}</p>
      <input
        type="file"
        data-testid="inmate-import-file"
        aria-label={t('desk.inmates.import.file')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={task.busy}
        onChange={(e) => void load(e.target.files?.[0])}
      />
      <RefusalNote refusal={task.refusal} />
      {imported !== null && (
        <p className="desk-done" data-testid="inmate-import-done">
          {t('desk.inmates.import.done', { n: imported })}
        </p>
      )}
      {preview && (
        <div data-testid="inmate-import-preview">
          <p>
            {t('desk.inmates.import.format', {
              format: t(`desk.inmates.import.formats.${preview.format}`),
              total: preview.total,
              shown: preview.rows.length,
            })}
          </p>
          <table className="desk-table">
            <thead>
              <tr>
                <th>{t('desk.inmates.import.line')}</th>
                {preview.header.map((h, i) => (
                  <th key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className={preview.issues.some((i) => i.row === r.line) ? 'desk-row--bad' : undefined}>
                  <td>{r.line}</td>
                  {r.fields.map((f, i) => (
                    <td key={i}>{f}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {preview.issueCount > 0 ? (
            <div className="desk-refusal" role="alert" data-testid="inmate-import-issues">
              <p>{t('desk.inmates.import.errors', { n: preview.issueCount })}</p>
              <ul>
                {preview.issues.map((i, k) => (
                  <li key={k}>
                    {t('desk.inmates.import.issue', {
                      row: i.row ?? '',
                      // The column as the register heads it (the store names it by its key).
                      field: i.field ? t(`desk.inmates.import.columns.${i.field}`, { defaultValue: i.field }) : '',
                      message: i.message,
                    })}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <button
              type="button"
              className="button"
              data-testid="inmate-import-commit"
              disabled={task.busy}
              onClick={() => void commit()}
            >
              {t('desk.inmates.import.commit', { n: preview.total })}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}
