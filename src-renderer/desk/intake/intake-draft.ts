// The intake form's draft (what the clerk has typed) and its translation into the desk
// contract's ApplicationInput. Pure, so the live decision and the submit send the same.
import { RELATIONSHIP_CODES, type RelationshipCode, type RelationshipProof } from '../../../src-shared/regulation/relationships';
import type { DocumentKind } from '../../../src-shared/regulation/visitor';
import type { ApplicationInput, CardIdentity } from '../../../src-shared/desk';

export interface ApplicantDraft {
  name: string;
  documentKind: DocumentKind;
  documentNumber: string;
  relationship: RelationshipCode;
  /** R35.1 proofs shown, by kind (first application: at least one). */
  proofs: RelationshipProof[];
  address: string;
  phone: string;
}

export interface IntakeDraft {
  form: 'form-1' | 'form-2';
  inmateId: string;
  /** Form 1 (R9.2): the relatives' county bureau. */
  relativesBureauId: string;
  applicants: ApplicantDraft[];
  preferredDate: string;
  preferredMinutes: string;
  /** R23.1: the visit's language; anything but Mandarin needs an interpreter on the day. */
  languageKind: 'mandarin' | 'minority' | 'foreign' | 'sign';
  /** The minority or foreign language's name (彝语, 缅甸语). */
  languageName: string;
}

export const MAX_APPLICANTS = 6;

export const emptyApplicant = (): ApplicantDraft => ({
  name: '',
  documentKind: 'resident-id',
  documentNumber: '',
  relationship: RELATIONSHIP_CODES[0],
  proofs: [],
  address: '',
  phone: '',
});

export const emptyDraft = (form: IntakeDraft['form']): IntakeDraft => ({
  form,
  inmateId: '',
  relativesBureauId: '',
  applicants: [emptyApplicant()],
  preferredDate: '',
  preferredMinutes: '',
  languageKind: 'mandarin',
  languageName: '',
});

/** The languages sent: Mandarin is the default and is not sent; a named language without its name is sent as typed (the store says what is missing). */
function languagesOf(d: IntakeDraft): ApplicationInput['languages'] {
  if (d.languageKind === 'mandarin') return undefined;
  if (d.languageKind === 'sign') return [{ kind: 'sign' }];
  return [{ kind: d.languageKind, name: d.languageName.trim() }];
}

/** The card reader's identity fields into one applicant row (nothing else is touched). */
export function withCard(a: ApplicantDraft, card: CardIdentity): ApplicantDraft {
  return {
    ...a,
    name: card.name,
    documentKind: card.document.kind,
    documentNumber: card.document.number,
    address: card.address ?? a.address,
  };
}

/** Worth asking the rules about: an inmate and at least one named applicant with a number. */
export const previewable = (d: IntakeDraft): boolean =>
  d.inmateId !== '' && d.applicants.some((a) => a.name.trim() !== '' && a.documentNumber.trim() !== '');

export function toApplicationInput(d: IntakeDraft): ApplicationInput {
  const minutes = d.preferredMinutes.trim() === '' ? undefined : Number(d.preferredMinutes);
  const date = d.preferredDate === '' ? undefined : d.preferredDate;
  return {
    form: d.form,
    inmateId: d.inmateId,
    ...(d.form === 'form-1' && d.relativesBureauId ? { relativesBureauId: d.relativesBureauId } : {}),
    applicants: d.applicants.map((a) => ({
      name: a.name.trim(),
      role: { kind: 'family', relationship: a.relationship, proofs: a.proofs },
      document: { kind: a.documentKind, number: a.documentNumber.trim().toUpperCase() },
      address: a.address.trim(),
      phone: a.phone.trim(),
    })),
    ...(languagesOf(d) ? { languages: languagesOf(d) } : {}),
    ...(date !== undefined || minutes !== undefined
      ? { preferred: { ...(date ? { date } : {}), ...(minutes !== undefined ? { minutes } : {}) } }
      : {}),
  };
}
