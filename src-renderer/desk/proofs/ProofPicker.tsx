// Choosing a proof scan: its kind (R35.1's list, an identity document or a letter), then a
// file or a document camera's frame. The scan is checked before it goes anywhere
// (./picked-scan.ts); a refused file leaves a Chinese sentence and nothing picked.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROOF_SCAN_KIND_CODES, PROOF_SCAN_KINDS, type ProofScanKind } from '../../../src-shared/proofs/scan-file';
import { useDeskTask } from '../app/desk-hooks';
import { RefusalNote } from '../app/RefusalNote';
import { CameraCapture } from './CameraCapture';
import { pickScan, type PickedScan } from './picked-scan';

export function ProofPicker({ busy, onPicked }: { busy: boolean; onPicked: (scan: PickedScan) => void | Promise<void> }) {
  const { t } = useTranslation();
  const task = useDeskTask();
  const [kind, setKind] = useState<ProofScanKind>('identity-document');
  const [camera, setCamera] = useState(false);
  const [inputKey, setInputKey] = useState(0);

  const take = async (blob: Blob | undefined, name: string) => {
    if (!blob) return;
    const scan = await task.run(() => pickScan(blob, name, kind));
    setInputKey((k) => k + 1);
    if (scan) await onPicked(scan);
  };

  return (
    <div className="desk-proof-picker" data-testid="proof-picker">
      <div className="desk-row">
        <label className="desk-field">
          <span>{t('desk.proofs.kind')}</span>
          <select data-testid="proof-kind" value={kind} onChange={(e) => setKind(e.target.value as ProofScanKind)}>
            {PROOF_SCAN_KIND_CODES.filter((k) => k !== 'admission-register-match').map((k) => (
              <option key={k} value={k}>
                {PROOF_SCAN_KINDS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="desk-field">
          <span>{t('desk.proofs.file')}</span>
          <input
            key={inputKey}
            type="file"
            accept="image/jpeg,image/png,application/pdf"
            data-testid="proof-file"
            disabled={busy || task.busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              void take(file, file?.name ?? '');
            }}
          />
        </label>
        <button
          type="button"
          className="button"
          data-testid="proof-camera-open"
          onClick={() => setCamera(true)}
          disabled={camera}
        >
          {t('desk.proofs.camera')}
        </button>
      </div>
      {camera && (
        <CameraCapture
          onShot={(jpeg) => void take(jpeg, `${t('desk.proofs.cameraShot')}.jpg`)}
          onClose={() => setCamera(false)}
        />
      )}
      <RefusalNote refusal={task.refusal} />
    </div>
  );
}
