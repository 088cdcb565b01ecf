// Support's log bundle for one terminal: ask for one (the terminal packs its main.log files
// at its next sync round and uploads them), see each request's status, and save a received
// bundle (gzip) as a file.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from '../../../src-shared/calendar/china-time';
import type { LogRequestView } from '../../kiosk-types';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { saveBytesFile } from '../overview/save-file';

/** base64 → bytes (atob: no Node Buffer in the renderer). */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function LogRequestList({
  requests,
  onDownload,
}: {
  requests: readonly LogRequestView[];
  onDownload: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (requests.length === 0) return <p className="desk-muted">{t('desk.fleet.logs.none')}</p>;
  return (
    <ul className="desk-list" data-testid="log-requests">
      {requests.map((r) => (
        <li key={r.id} data-testid="log-request" data-status={r.status}>
          {chinaDateTime(new Date(r.requestedAt))} · <strong>{t(`desk.fleet.logs.status.${r.status}`)}</strong>
          {r.size !== null && ` · ${t('desk.fleet.logs.size', { kb: Math.ceil(r.size / 1024) })}`}
          {r.reason && <span className="fleet-bad"> · {r.reason}</span>}
          {r.status === 'received' && (
            <button type="button" className="button button--quiet" data-testid="log-download" onClick={() => onDownload(r.id)}>
              {t('desk.fleet.logs.download')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function LogBundlePanel({ terminalId }: { terminalId: string }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [requests, setRequests] = useState<LogRequestView[] | null>(null);

  const load = useCallback(() => {
    void run(() => deskCall(client.desk.logBundles({ terminalId }))).then((list) => list && setRequests(list));
  }, [client, run, terminalId]);
  useEffect(load, [load]);

  const request = async () => {
    const created = await task.run(() => deskCall(client.desk.requestLogBundle({ terminalId })));
    if (created) setRequests((list) => [created, ...(list ?? [])]);
  };
  const download = async (requestId: string) => {
    const bundle = await task.run(() => deskCall(client.desk.downloadLogBundle({ requestId })));
    if (bundle) saveBytesFile(bundle.filename, fromBase64(bundle.contentBase64), 'application/gzip');
  };

  return (
    <section className="card" data-testid="log-bundles">
      <div className="desk-overview__head">
        <h3 className="card__title">{t('desk.fleet.logs.title')}</h3>
        <div className="desk-row">
          <button type="button" className="button button--quiet" disabled={task.busy} onClick={load}>
            {t('desk.fleet.refresh')}
          </button>
          <button
            type="button"
            className="button"
            data-testid="log-request-button"
            disabled={task.busy}
            onClick={() => void request()}
          >
            {t('desk.fleet.logs.request')}
          </button>
        </div>
      </div>
      <p className="desk-muted">{t('desk.fleet.logs.hint')}</p>
      <RefusalNote refusal={task.refusal} />
      {requests && <LogRequestList requests={requests} onDownload={(id) => void download(id)} />}
    </section>
  );
}
