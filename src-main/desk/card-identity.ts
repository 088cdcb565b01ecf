// readCard for the desk form: the terminal's configured ID
// card reader (the same one check-in uses, src-main/visit-day/card-reader),
// its data turned into the identity fields of Form 1 / Form 2. Nothing is stored.
import type { CardIdentity, DeskOutcome } from '../../src-shared/desk/outcome';
import type { IdCardData } from '../idcard/card-data';
import { CardReaderHolder } from '../visit-day/card-reader';
import type { CardReaderConfig } from '../visit-day/card-reader';

const DOCUMENT_OF: Record<IdCardData['document'], CardIdentity['document']['kind'] | null> = {
  'resident-id': 'resident-id',
  'hk-macao-taiwan-residence-permit': 'hmt-residence-permit',
  'foreign-permanent-resident-2017': 'foreign-permanent-resident-id',
  'foreign-permanent-resident-2023': 'foreign-permanent-resident-id',
  'household-register': null,
};

export function toCardIdentity(card: IdCardData): CardIdentity | null {
  const kind = DOCUMENT_OF[card.document];
  if (kind === null) return null;
  return {
    name: card.name,
    sex: card.sex,
    birthDate: card.birthDate,
    address: card.address ?? null,
    document: { kind, number: card.idNumber },
    validTo: card.validTo ?? null,
    valid: card.validity.status === 'valid' || card.validity.status === 'not-applicable',
    validityMessage:
      card.validity.status === 'expired' || card.validity.status === 'not-yet-valid' ? card.validity.message : null,
  };
}

export function createCardIdentityReader(
  config: CardReaderConfig | undefined,
  now: () => Date,
): () => Promise<DeskOutcome<CardIdentity>> {
  const holder = new CardReaderHolder(config, now);
  return async () => {
    const read = await holder.read();
    if (!read.ok)
      return {
        accepted: false,
        refusal: { requirement: read.refusal.requirement, code: read.refusal.code, message: read.refusal.message },
      };
    const identity = toCardIdentity(read.card);
    if (identity === null)
      return {
        accepted: false,
        refusal: { requirement: null, code: 'reader-unsupported-document', message: '读到的证件不能用于填写申请表，请手工填写' },
      };
    return { accepted: true, value: identity };
  };
}
