// Decodes the 256-byte text block of a resident ID card, a Hong Kong / Macao /
// Taiwan residence permit ('J'), or a foreign permanent resident ID card ('I'
// 2017, 'Y' 2023) into IdCardData (pure). The ID number is re-checked with
// src-shared/id-number and must agree with the card's own birth date and sex,
// so a misread block is refused instead of being matched against the visit.
import { parseIsoDate, formatIsoDate } from '../../../src-shared/calendar/iso-date';
import type { IsoDate } from '../../../src-shared/calendar/iso-date';
import { parseIdNumber } from '../../../src-shared/id-number';
import type { IdNumberKind, ParsedIdNumber } from '../../../src-shared/id-number';
import type { IdCardData, IdDocumentKind, ValidTo } from '../card-data';
import { checkValidity } from '../validity';
import {
  CARD_TYPE_LETTERS,
  FOREIGN_2017_LAYOUT,
  FOREIGN_2023_LAYOUT,
  PERMIT_LAYOUT,
  RESIDENT_LAYOUT,
  TEXT_BLOCK_LENGTH,
  TYPE_FLAG,
} from './layouts';
import type { FieldSpec } from './layouts';
import { nationLabel } from './nation-codes';
import { sexFromCode } from './sex-codes';
import { decodeUcs2, trimField } from './ucs2';

/** IdCardData as the card states it; the driver adds source and driver. */
export type DecodedCard = Omit<IdCardData, 'source' | 'driver' | 'photoWlt'>;

export type TextBlockProblem =
  'too-short' | 'unknown-card-type' | 'missing-field' | 'bad-sex' | 'bad-nation' | 'bad-date' | 'bad-id-number' | 'inconsistent';

export type DecodeResult = { ok: true; card: DecodedCard } | { ok: false; problem: TextBlockProblem; message: string };

export interface DecodeOptions {
  /** Today in China, for the validity check and the ID number's birth date. */
  today: IsoDate;
}

class Problem extends Error {
  constructor(
    readonly problem: TextBlockProblem,
    message: string,
  ) {
    super(message);
  }
}

const FIELD_NAMES: Readonly<Record<string, string>> = {
  name: '姓名',
  englishName: '英文姓名',
  sex: '性别',
  nation: '民族',
  birthDate: '出生日期',
  address: '住址',
  idNumber: '证件号码',
  issuingAuthority: '签发机关',
  validFrom: '有效期起始日期',
  validTo: '有效期截止日期',
};

export function decodeTextBlock(block: Uint8Array, options: DecodeOptions): DecodeResult {
  try {
    return { ok: true, card: decodeOrThrow(block, options.today) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error.problem, message: error.message };
    throw error;
  }
}

/** The type letter at byte 248: 'J', 'I', 'Y', or '' for a resident card. */
export function cardTypeLetter(block: Uint8Array): string {
  return trimField(decodeUcs2(block, TYPE_FLAG.offset, TYPE_FLAG.bytes));
}

function decodeOrThrow(block: Uint8Array, today: IsoDate): DecodedCard {
  if (block.length < TEXT_BLOCK_LENGTH) throw new Problem('too-short', `证件文字信息不完整（${block.length}/256字节）`);
  const letter = cardTypeLetter(block);
  switch (letter) {
    case '':
      return decodeResident(block, today);
    case CARD_TYPE_LETTERS.permit:
      return decodePermit(block, today);
    case CARD_TYPE_LETTERS.foreign2017:
      return decodeForeign2017(block, today);
    case CARD_TYPE_LETTERS.foreign2023:
      return decodeForeign2023(block, today);
    default:
      throw new Problem('unknown-card-type', `无法识别的证件类型标识“${letter}”`);
  }
}

function decodeResident(block: Uint8Array, today: IsoDate): DecodedCard {
  const f = (name: keyof typeof RESIDENT_LAYOUT) => field(block, RESIDENT_LAYOUT[name]);
  const nationCode = required('nation', f('nation'));
  const label = nationLabel(nationCode);
  if (label === null) throw new Problem('bad-nation', `民族代码“${nationCode}”不在GB/T 3304代码表中`);
  const card = common(today, 'resident-id', ['resident-id'], {
    name: required('name', f('name')),
    sex: f('sex'),
    birth: f('birthDate'),
    idNumber: f('idNumber'),
    validFrom: f('validFrom'),
    validTo: f('validTo'),
  });
  card.nation = { code: nationCode, label };
  card.address = required('address', f('address'));
  card.issuingAuthority = required('issuingAuthority', f('issuingAuthority'));
  return card;
}

function decodePermit(block: Uint8Array, today: IsoDate): DecodedCard {
  const f = (name: keyof typeof PERMIT_LAYOUT) => field(block, PERMIT_LAYOUT[name]);
  const card = common(
    today,
    'hk-macao-taiwan-residence-permit',
    ['hk-residence-permit', 'macao-residence-permit', 'taiwan-residence-permit'],
    {
      name: required('name', f('name')),
      sex: f('sex'),
      birth: f('birthDate'),
      idNumber: f('idNumber'),
      validFrom: f('validFrom'),
      validTo: f('validTo'),
    },
  );
  card.address = required('address', f('address'));
  card.issuingAuthority = required('issuingAuthority', f('issuingAuthority'));
  const pass = f('passNumber');
  if (pass !== '') card.passNumber = pass;
  const count = f('issueCount');
  if (/^\d+$/.test(count)) card.issueCount = Number(count);
  return card;
}

function decodeForeign2017(block: Uint8Array, today: IsoDate): DecodedCard {
  const f = (name: keyof typeof FOREIGN_2017_LAYOUT) => field(block, FOREIGN_2017_LAYOUT[name]);
  const englishName = required('englishName', f('englishName'));
  const card = common(today, 'foreign-permanent-resident-2017', ['foreign-permanent-resident-id'], {
    name: f('name') || englishName,
    sex: f('sex'),
    birth: f('birthDate'),
    idNumber: f('idNumber'),
    validFrom: f('validFrom'),
    validTo: f('validTo'),
  });
  card.englishName = englishName;
  const nationality = f('nationalityCode');
  if (nationality !== '') card.nationalityCode = nationality;
  const version = f('cardVersion');
  if (version !== '') card.cardVersion = version;
  const authority = f('authorityCode');
  if (authority !== '') card.authorityCode = authority;
  return card;
}

function decodeForeign2023(block: Uint8Array, today: IsoDate): DecodedCard {
  const f = (name: keyof typeof FOREIGN_2023_LAYOUT) => field(block, FOREIGN_2023_LAYOUT[name]);
  // Letters 1-35 and 36-46 of the English name live in two fields: join them
  // untrimmed so a space falling on the boundary survives.
  const { englishName: first, englishNameContinued: rest } = FOREIGN_2023_LAYOUT;
  const englishName = trimField(decodeUcs2(block, first.offset, first.bytes) + decodeUcs2(block, rest.offset, rest.bytes));
  required('englishName', englishName);
  const card = common(today, 'foreign-permanent-resident-2023', ['foreign-permanent-resident-id'], {
    name: f('name') || englishName,
    sex: f('sex'),
    birth: f('birthDate'),
    idNumber: f('idNumber'),
    validFrom: f('validFrom'),
    validTo: f('validTo'),
  });
  card.englishName = englishName;
  const nationality = f('nationalityCode');
  if (nationality !== '') card.nationalityCode = nationality;
  const renewals = f('renewalCount');
  if (/^\d+$/.test(renewals)) card.renewalCount = Number(renewals);
  const link = f('previousNumberLink');
  if (link !== '') card.previousNumberLink = link;
  return card;
}

interface CommonFields {
  name: string;
  sex: string;
  birth: string;
  idNumber: string;
  validFrom: string;
  validTo: string;
}

function common(today: IsoDate, document: IdDocumentKind, numberKinds: readonly IdNumberKind[], raw: CommonFields): DecodedCard {
  const sex = sexFromCode(required('sex', raw.sex));
  if (sex === null) throw new Problem('bad-sex', `性别代码“${raw.sex}”无效`);
  const birthDate = date('birthDate', raw.birth);
  const validFrom = date('validFrom', raw.validFrom);
  const validTo: ValidTo = raw.validTo === '长期' ? 'long-term' : date('validTo', raw.validTo);
  const number = checkNumber(raw.idNumber, today, numberKinds);
  if (number.birthDate !== undefined && number.birthDate !== birthDate) {
    throw new Problem('inconsistent', '证件号码中的出生日期与证件记载的出生日期不一致');
  }
  if (number.sex !== undefined && (sex.sex === 'male' || sex.sex === 'female') && number.sex !== sex.sex) {
    throw new Problem('inconsistent', '证件号码中的性别与证件记载的性别不一致');
  }
  return {
    document,
    name: raw.name,
    sex: sex.sex,
    sexLabel: sex.label,
    birthDate,
    idNumber: number.normalized,
    idNumberKind: number.kind,
    validFrom,
    validTo,
    validity: checkValidity({ validFrom, validTo }, today),
  };
}

function checkNumber(raw: string, today: IsoDate, kinds: readonly IdNumberKind[]): ParsedIdNumber {
  const result = parseIdNumber(required('idNumber', raw), { today });
  if (!result.ok) throw new Problem('bad-id-number', result.message);
  if (!kinds.includes(result.value.kind)) throw new Problem('inconsistent', '证件号码的类别与证件类型不符');
  return result.value;
}

function field(block: Uint8Array, spec: FieldSpec): string {
  return trimField(decodeUcs2(block, spec.offset, spec.bytes));
}

function required(name: string, value: string): string {
  if (value === '') throw new Problem('missing-field', `证件信息缺少${FIELD_NAMES[name] ?? name}`);
  return value;
}

/** 'YYYYMMDD' → 'YYYY-MM-DD'. */
function date(name: string, raw: string): IsoDate {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(required(name, raw));
  const parts = m ? parseIsoDate(`${m[1]}-${m[2]}-${m[3]}`) : null;
  if (parts === null) throw new Problem('bad-date', `${FIELD_NAMES[name] ?? name}“${raw}”不是有效日期`);
  return formatIsoDate(parts.year, parts.month, parts.day);
}
