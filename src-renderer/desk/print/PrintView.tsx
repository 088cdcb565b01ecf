// The print view: the sheets alone (the toolbar is hidden in print by desk-print.css), so
// Electron's printToPDF (src-main/electron/print-pdf.ts) or the browser's print gives A4
// pages of just the form. "打印" uses the window's own print; "保存为 PDF" asks main to keep
// the same pages as a file in the data folder; "返回" goes back.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationRecord } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { deskActions, useDeskClient, useDeskSites, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { printJobOf } from './from-record';
import { PrintDocument } from './PrintDocument';

export function PrintView({ applicationId, what }: { applicationId: string; what: 'form' | 'notice' }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const sites = useDeskSites();
  const task = useDeskTask();
  const { run } = task;
  const [app, setApp] = useState<ApplicationRecord | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.getApplication({ applicationId }))).then((a) => a && setApp(a));
  }, [client, applicationId, run]);

  return (
    <div className="desk-print" data-testid="print-view">
      <div className="desk-print__bar desk-noprint">
        <button
          type="button"
          className="button"
          data-testid="print-back"
          onClick={() => deskActions().openDeskView({ name: 'application', applicationId })}
        >
          {t('desk.common.back')}
        </button>
        <button
          type="button"
          className="button button--primary"
          data-testid="print-now"
          disabled={!app}
          onClick={() => window.print()}
        >
          {t('desk.print.print')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="print-save-pdf"
          disabled={!app}
          onClick={() =>
            void run(() =>
              deskCall(client.desk.savePdf({ name: `${what === 'notice' ? 'notice' : 'form'}-${applicationId.slice(0, 8)}` })),
            ).then((r) => r && setSaved(r.path))
          }
        >
          {t('desk.print.savePdf')}
        </button>
        {saved && (
          <span className="desk-print__saved" data-testid="print-saved">
            {t('desk.print.savedPdf', { path: saved })}
          </span>
        )}
        <RefusalNote refusal={task.refusal} />
      </div>
      {app && <PrintDocument job={printJobOf(app, sites, what, { approvedOpinion: t('desk.print.approvedOpinion') })} />}
    </div>
  );
}
