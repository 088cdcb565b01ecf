// What any driver (serial, vendor SDK) or manual entry hands to check-in.
import type { IsoDate } from '../../src-shared/calendar/iso-date';
import type { IdNumberKind } from '../../src-shared/id-number';

/** The document the data came from. */
export type IdDocumentKind =
  | 'resident-id' // 居民身份证
  | 'hk-macao-taiwan-residence-permit' // 港澳台居民居住证 (type 'J')
  | 'foreign-permanent-resident-2017' // 外国人永久居留身份证, 2017 edition (type 'I')
  | 'foreign-permanent-resident-2023' // 外国人永久居留身份证, 2023 edition (type 'Y')
  | 'household-register'; // 户口簿: manual entry only, for minors (R10.1)

/** GB/T 2261.1 sex codes. */
export type Sex = 'male' | 'female' | 'unknown' | 'unspecified';

/** 'long-term' is the card's "长期" (no expiry). */
export type ValidTo = IsoDate | 'long-term';

export type CardValidity =
  | { status: 'valid' }
  | { status: 'expired'; validTo: IsoDate; message: string }
  | { status: 'not-yet-valid'; validFrom: IsoDate; message: string }
  /** A household register has no validity period. */
  | { status: 'not-applicable' };

export interface IdCardData {
  source: 'reader' | 'manual';
  /** Driver name for source 'reader' (e.g. 'ga467-serial'). */
  driver?: string;
  document: IdDocumentKind;
  /** Chinese name; for a foreigner without one, the English name. */
  name: string;
  /** Foreign permanent resident cards only. */
  englishName?: string;
  sex: Sex;
  /** '男', '女', … as printed. */
  sexLabel: string;
  /** Resident ID only: GB 3304 code and label as printed ('汉'). */
  nation?: { code: string; label: string };
  birthDate: IsoDate;
  address?: string;
  /** Upper-case, checked by src-shared/id-number. */
  idNumber: string;
  idNumberKind: IdNumberKind;
  issuingAuthority?: string;
  validFrom?: IsoDate;
  validTo?: ValidTo;
  /** Checked against the injected clock when the card was read or typed. */
  validity: CardValidity;
  /** 'J': the holder's 港澳/台湾 travel permit number and the issue count. */
  passNumber?: string;
  issueCount?: number;
  /** Foreign cards: GB/T 2659 alpha-3 nationality, e.g. 'USA'. */
  nationalityCode?: string;
  /** 'I': card version and the accepting authority's code. */
  cardVersion?: string;
  authorityCode?: string;
  /** 'Y': renewal count and the link to the 2017 number. */
  renewalCount?: number;
  previousNumberLink?: string;
  /** The chip's photo, still WLT-encoded (decoding needs the vendor's licensed library). */
  photoWlt?: Uint8Array;
}
