// An application's proof scans for everyone on its chain (issue #25 item 2; R8.1, R35.1):
// the list (names and sizes), a scan shown on request (an image inline through a blob: URL,
// a PDF saved), and attaching one more. Each view or download is a store call the store
// audits; nothing is fetched until the reviewer asks.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROOF_SCAN_KINDS } from '../../../src-shared/proofs/scan-file';
import type { ProofSummary } from '../../../src-shared/store-api/endpoints/proofs';
import { deskCall } from '../app/desk-call';
import { useDeskClient, useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { saveBytesFile } from '../overview/save-file';
import { ProofPicker } from './ProofPicker';
import { dropScan, sizeLabel } from './picked-scan';
import { localDateTime } from '../../app/dates';

interface Shown {
  id: string;
  url: string;
}

export function ApplicationProofs({ applicationId, mayAttach }: { applicationId: string; mayAttach: boolean }) {
  const { t } = useTranslation();
  const client = useDeskClient();
  const task = useDeskTask();
  const { run } = task;
  const [proofs, setProofs] = useState<ProofSummary[] | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    void run(() => deskCall(client.desk.proofs({ applicationId }))).then((list) => list && setProofs(list));
  }, [client, applicationId, run]);
  useEffect(
    () => () => {
      if (shown) URL.revokeObjectURL(shown.url);
    },
    [shown],
  );

  const fetchBytes = (p: ProofSummary, purpose: 'view' | 'download') =>
    run(() => deskCall(client.desk.proofContent({ applicationId, proofId: p.id, purpose })));
  const view = async (p: ProofSummary) => {
    const got = await fetchBytes(p, 'view');
    if (!got) return;
    if (p.mediaType === 'application/pdf') saveBytesFile(p.fileName, got.bytes as Uint8Array<ArrayBuffer>, p.mediaType);
    else
      setShown({ id: p.id, url: URL.createObjectURL(new Blob([got.bytes as Uint8Array<ArrayBuffer>], { type: p.mediaType })) });
  };
  const download = async (p: ProofSummary) => {
    const got = await fetchBytes(p, 'download');
    if (got) saveBytesFile(p.fileName, got.bytes as Uint8Array<ArrayBuffer>, p.mediaType);
  };

  return (
    <section className="card" data-testid="application-proofs">
      <h3 className="card__title">
        {t('desk.proofs.title')} <span className="desk-req">R8.1</span> <span className="desk-req">R35.1</span>
      </h3>
      <p className="desk-hint">{t('desk.proofs.audited')}</p>
      {proofs !== null && proofs.length === 0 && <p data-testid="proofs-none">{t('desk.proofs.none')}</p>}
      <ul className="desk-proofs">
        {(proofs ?? []).map((p) => (
          <li key={p.id} className="desk-proof" data-testid="proof" data-name={p.fileName} data-type={p.mediaType}>
            <span>
              {PROOF_SCAN_KINDS[p.kind]} · {p.fileName}
            </span>
            <span className="desk-hint">
              {t('desk.proofs.uploaded', {
                by: p.uploadedBy,
                organisation: p.organisation,
                at: localDateTime(p.uploadedAt),
                size: sizeLabel(p.size),
              })}
            </span>
            <button type="button" className="button" data-testid="proof-view" disabled={task.busy} onClick={() => void view(p)}>
              {t('desk.proofs.view')}
            </button>
            <button
              type="button"
              className="button"
              data-testid="proof-download"
              disabled={task.busy}
              onClick={() => void download(p)}
            >
              {t('desk.proofs.download')}
            </button>
            {p.mediaType === 'application/pdf' && <span className="desk-hint">{t('desk.proofs.pdfNote')}</span>}
            {shown?.id === p.id && (
              <img className="desk-proof__full" src={shown.url} alt={p.fileName} data-testid="proof-image" />
            )}
          </li>
        ))}
      </ul>
      <RefusalNote refusal={task.refusal} />
      {mayAttach && (
        <ProofPicker
          busy={task.busy}
          onPicked={async (scan) => {
            const added = await run(() =>
              deskCall(client.desk.attachProof({ applicationId, kind: scan.kind, fileName: scan.name, bytes: scan.bytes })),
            );
            dropScan(scan);
            if (added) setProofs((list) => [...(list ?? []), added]);
          }}
        />
      )}
    </section>
  );
}
