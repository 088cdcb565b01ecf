// One applicant row of Form 1 or 2: the ID card reader fills name, number and address; the
// relationship comes from the closed list (R36.1, R37.1); the proofs shown are recorded by
// kind (R35.1; scans are optional and not taken here).
import { useTranslation } from 'react-i18next';
import {
  RELATIONSHIPS,
  RELATIONSHIP_CODES,
  RELATIONSHIP_PROOFS,
  RELATIONSHIP_PROOF_CODES,
  type RelationshipCode,
} from '../../../src-shared/regulation/relationships';
import { DOCUMENT_KINDS, type DocumentKind } from '../../../src-shared/regulation/visitor';
import type { ApplicantDraft } from './intake-draft';

const GROUPS = [
  ['spouse', 'desk.intake.groups.spouse'],
  ['blood', 'desk.intake.groups.blood'],
  ['in-law', 'desk.intake.groups.inLaw'],
  ['guardian', 'desk.intake.groups.guardian'],
] as const;

export function ApplicantFields({
  index,
  value,
  onChange,
  onReadCard,
  onRemove,
  reading,
}: {
  index: number;
  value: ApplicantDraft;
  onChange(next: ApplicantDraft): void;
  onReadCard(): void;
  onRemove: (() => void) | null;
  reading: boolean;
}) {
  const { t } = useTranslation();
  const set = <K extends keyof ApplicantDraft>(key: K, v: ApplicantDraft[K]) => onChange({ ...value, [key]: v });
  const toggleProof = (p: (typeof RELATIONSHIP_PROOF_CODES)[number]) =>
    set('proofs', value.proofs.includes(p) ? value.proofs.filter((x) => x !== p) : [...value.proofs, p]);
  return (
    <fieldset className="desk-applicant" data-testid="applicant">
      <legend>{t('desk.intake.applicantN', { n: index + 1 })}</legend>
      <div className="desk-row">
        <button type="button" className="button" data-testid="read-card" disabled={reading} onClick={onReadCard}>
          {t('desk.intake.readCard')}
        </button>
        {onRemove && (
          <button type="button" className="button button--quiet" onClick={onRemove}>
            {t('desk.intake.remove')}
          </button>
        )}
      </div>
      <div className="desk-row">
        <label className="desk-field">
          <span>{t('desk.intake.name')}</span>
          <input data-testid="applicant-name" value={value.name} onChange={(e) => set('name', e.target.value)} />
        </label>
        <label className="desk-field">
          <span>{t('desk.intake.documentKind')}</span>
          <select value={value.documentKind} onChange={(e) => set('documentKind', e.target.value as DocumentKind)}>
            {(Object.keys(DOCUMENT_KINDS) as DocumentKind[]).map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KINDS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="desk-field">
          <span>{t('desk.intake.documentNumber')}</span>
          <input
            data-testid="applicant-id"
            value={value.documentNumber}
            onChange={(e) => set('documentNumber', e.target.value)}
          />
        </label>
        <label className="desk-field">
          <span>{t('desk.intake.relationship')}</span>
          <select
            data-testid="applicant-relationship"
            value={value.relationship}
            onChange={(e) => set('relationship', e.target.value as RelationshipCode)}
          >
            {GROUPS.map(([group, label]) => (
              <optgroup key={group} label={t(label)}>
                {RELATIONSHIP_CODES.filter((c) => RELATIONSHIPS[c].group === group).map((c) => (
                  <option key={c} value={c}>
                    {RELATIONSHIPS[c].label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>
      <div className="desk-row">
        <label className="desk-field desk-field--wide">
          <span>{t('desk.intake.address')}</span>
          <input data-testid="applicant-address" value={value.address} onChange={(e) => set('address', e.target.value)} />
        </label>
        <label className="desk-field">
          <span>{t('desk.intake.phone')}</span>
          <input type="tel" data-testid="applicant-phone" value={value.phone} onChange={(e) => set('phone', e.target.value)} />
        </label>
      </div>
      <fieldset className="desk-proofs">
        <legend>
          {t('desk.intake.proofs')} <span className="desk-req">R35.1</span>
        </legend>
        {RELATIONSHIP_PROOF_CODES.map((p) => (
          <label key={p} className="desk-choice">
            <input
              type="checkbox"
              data-testid={`proof-${p}`}
              checked={value.proofs.includes(p)}
              onChange={() => toggleProof(p)}
            />
            {RELATIONSHIP_PROOFS[p]}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}
