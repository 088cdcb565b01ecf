// Fixture → 256-byte UCS-2LE text block, using the same layouts the decoder
// reads (the tests also check golden blocks written with literal offsets, so a
// wrong layout cannot hide behind this symmetry).
import {
  TEXT_BLOCK_LENGTH,
  FOREIGN_2017_LAYOUT,
  FOREIGN_2023_LAYOUT,
  PERMIT_LAYOUT,
  RESIDENT_LAYOUT,
  CARD_TYPE_LETTERS,
  TYPE_FLAG,
} from '../text/layouts';
import type { FieldSpec } from '../text/layouts';
import { sexCode } from '../text/sex-codes';
import { encodeUcs2Into } from '../text/ucs2';
import type { CardFixture } from './card-fixture';

const cardDate = (iso: string): string => iso.replaceAll('-', '');

export function encodeCardText(card: CardFixture): Uint8Array {
  const block = new Uint8Array(TEXT_BLOCK_LENGTH);
  encodeUcs2Into(block, 0, TEXT_BLOCK_LENGTH, ''); // all spaces
  const put = (spec: FieldSpec, text: string) => encodeUcs2Into(block, spec.offset, spec.bytes, text);
  const validTo = card.validTo === '长期' ? '长期' : cardDate(card.validTo);
  switch (card.kind) {
    case 'resident': {
      const l = RESIDENT_LAYOUT;
      put(l.name, card.name);
      put(l.sex, sexCode(card.sex));
      put(l.nation, card.nation);
      put(l.birthDate, cardDate(card.birthDate));
      put(l.address, card.address);
      put(l.idNumber, card.idNumber);
      put(l.issuingAuthority, card.issuingAuthority);
      put(l.validFrom, cardDate(card.validFrom));
      put(l.validTo, validTo);
      break;
    }
    case 'hk-macao-taiwan': {
      const l = PERMIT_LAYOUT;
      put(l.name, card.name);
      put(l.sex, sexCode(card.sex));
      put(l.birthDate, cardDate(card.birthDate));
      put(l.address, card.address);
      put(l.idNumber, card.idNumber);
      put(l.issuingAuthority, card.issuingAuthority);
      put(l.validFrom, cardDate(card.validFrom));
      put(l.validTo, validTo);
      put(l.passNumber, card.passNumber);
      put(l.issueCount, String(card.issueCount).padStart(2, '0'));
      put(TYPE_FLAG, CARD_TYPE_LETTERS.permit);
      break;
    }
    case 'foreign-2017': {
      const l = FOREIGN_2017_LAYOUT;
      put(l.englishName, card.englishName);
      put(l.sex, sexCode(card.sex));
      put(l.idNumber, card.idNumber);
      put(l.nationalityCode, card.nationalityCode);
      put(l.name, card.name ?? '');
      put(l.validFrom, cardDate(card.validFrom));
      put(l.validTo, validTo);
      put(l.birthDate, cardDate(card.birthDate));
      put(l.cardVersion, card.cardVersion);
      put(l.authorityCode, card.authorityCode);
      put(TYPE_FLAG, CARD_TYPE_LETTERS.foreign2017);
      break;
    }
    case 'foreign-2023': {
      const l = FOREIGN_2023_LAYOUT;
      const first = l.englishName.bytes / 2;
      put(l.name, card.name ?? '');
      put(l.sex, sexCode(card.sex));
      put(l.renewalCount, String(card.renewalCount).padStart(2, '0'));
      put(l.birthDate, cardDate(card.birthDate));
      put(l.englishName, card.englishName.slice(0, first));
      put(l.englishNameContinued, card.englishName.slice(first));
      put(l.idNumber, card.idNumber);
      put(l.validFrom, cardDate(card.validFrom));
      put(l.validTo, validTo);
      put(l.nationalityCode, card.nationalityCode);
      put(TYPE_FLAG, CARD_TYPE_LETTERS.foreign2023);
      put(l.previousNumberLink, card.previousNumberLink ?? '');
      break;
    }
  }
  return block;
}
