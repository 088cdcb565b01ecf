// The intake form's scans before the application exists (issue #25 item 2): picked, previewed
// from the clerk's own bytes (nothing leaves the desk yet), removable; IntakeView sends them
// right after the application is received.
import { useTranslation } from 'react-i18next';
import { PROOF_SCAN_KINDS } from '../../../src-shared/proofs/scan-file';
import { ProofPicker } from './ProofPicker';
import { dropScan, sizeLabel, type PickedScan } from './picked-scan';

export function DraftProofs({ scans, onChange }: { scans: PickedScan[]; onChange: (next: PickedScan[]) => void }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="draft-proofs">
      <h3 className="card__title">
        {t('desk.proofs.title')} <span className="desk-req">R8.1</span> <span className="desk-req">R35.1</span>
      </h3>
      <p className="desk-hint">
        {t('desk.proofs.hint')} {t('desk.proofs.draftHint')}
      </p>
      <ProofPicker busy={false} onPicked={(scan) => onChange([...scans, scan])} />
      <ul className="desk-proofs">
        {scans.map((s) => (
          <li key={s.key} className="desk-proof" data-testid="draft-proof" data-name={s.name} data-type={s.type}>
            {s.type === 'application/pdf' ? (
              <span className="desk-proof__pdf">PDF</span>
            ) : (
              <img className="desk-proof__thumb" src={s.url} alt={s.name} data-testid="draft-proof-preview" />
            )}
            <span>
              {PROOF_SCAN_KINDS[s.kind]} · {s.name} · {sizeLabel(s.bytes.byteLength)}
            </span>
            <button
              type="button"
              className="button"
              data-testid="draft-proof-remove"
              onClick={() => {
                dropScan(s);
                onChange(scans.filter((x) => x.key !== s.key));
              }}
            >
              {t('desk.proofs.remove')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
