// Manual entry: the fallback when the reader fails, and the only way for a
// minor who shows a household register (R10.1). The typed number is checked
// with src-shared/id-number (GB 11643 check character, region, birth date), and
// whatever else staff typed from the document must agree with it. The result
// is the same IdCardData a reader produces, marked source 'manual'.
import { isIsoDate } from '../../src-shared/calendar/iso-date';
import type { IsoDate } from '../../src-shared/calendar/iso-date';
import { parseIdNumber } from '../../src-shared/id-number';
import type { IdNumberKind, ParsedIdNumber } from '../../src-shared/id-number';
import type { IdCardData, IdDocumentKind, Sex, ValidTo } from './card-data';
import { chinaDate } from '../../src-shared/calendar/china-time';
import { nationLabel } from './text/nation-codes';
import { sexLabel } from './text/sex-codes';
import { checkValidity } from './validity';

export type ManualDocumentKind =
  'resident-id' | 'household-register' | 'hk-macao-taiwan-residence-permit' | 'foreign-permanent-resident';

export interface ManualEntryInput {
  document: ManualDocumentKind;
  name: string;
  idNumber: string;
  englishName?: string;
  sex?: 'male' | 'female';
  birthDate?: IsoDate;
  nationCode?: string;
  address?: string;
  issuingAuthority?: string;
  validFrom?: IsoDate;
  /** 'YYYY-MM-DD', or '长期' / 'long-term' for a card without expiry. */
  validTo?: string;
}

export type ManualEntryField = keyof ManualEntryInput;

export interface ManualEntryProblem {
  field: ManualEntryField;
  message: string;
}

export type ManualEntryResult = { ok: true; card: IdCardData } | { ok: false; problems: ManualEntryProblem[] };

export interface ManualEntryOptions {
  /** The terminal's clock. */
  now: () => Date;
}

/** Age of majority (民法典 第十七条); below it a household register may stand in for the ID card. */
export const ADULT_AGE = 18;

const NUMBER_KINDS: Record<ManualDocumentKind, readonly IdNumberKind[]> = {
  'resident-id': ['resident-id'],
  'household-register': ['resident-id'],
  'hk-macao-taiwan-residence-permit': ['hk-residence-permit', 'macao-residence-permit', 'taiwan-residence-permit'],
  'foreign-permanent-resident': ['foreign-permanent-resident-id'],
};

// Han characters, the middle dot of minority and foreign names, Latin letters.
const NAME = /^[\p{Script=Han}·•.\-' A-Za-z]+$/u;

export function validateManualEntry(input: ManualEntryInput, options: ManualEntryOptions): ManualEntryResult {
  const today = chinaDate(options.now());
  const problems: ManualEntryProblem[] = [];
  const problem = (field: ManualEntryField, message: string) => problems.push({ field, message });

  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '') problem('name', '请填写姓名');
  else if (name.length > 30) problem('name', '姓名过长（最多30个字）');
  else if (!NAME.test(name)) problem('name', '姓名含有不允许的字符');

  let number: ParsedIdNumber | null = null;
  const parsed = parseIdNumber(input.idNumber, { today });
  if (!parsed.ok) problem('idNumber', parsed.message);
  else if (!NUMBER_KINDS[input.document].includes(parsed.value.kind)) problem('idNumber', '证件号码与所选证件类型不符');
  else number = parsed.value;

  const birthDate = input.birthDate ?? number?.birthDate;
  if (input.birthDate !== undefined && !isIsoDate(input.birthDate)) problem('birthDate', '出生日期不是有效日期');
  else if (birthDate === undefined) {
    // Only worth asking when the number itself was fine (old foreign numbers carry no birth date).
    if (number !== null) problem('birthDate', '请填写出生日期');
  } else if (number?.birthDate !== undefined && number.birthDate !== birthDate) problem('birthDate', '出生日期与证件号码不一致');
  else if (birthDate > today) problem('birthDate', '出生日期晚于今天');

  let sex: Sex = input.sex ?? number?.sex ?? 'unspecified';
  if (input.sex !== undefined && number?.sex !== undefined && input.sex !== number.sex) {
    problem('sex', '性别与证件号码不一致');
    sex = number.sex;
  }

  if (
    input.document === 'household-register' &&
    birthDate !== undefined &&
    isIsoDate(birthDate) &&
    ageOn(birthDate, today) >= ADULT_AGE
  ) {
    problem('document', `年满${ADULT_AGE}周岁的人员须出示居民身份证，户口簿仅适用于未成年人（R10.1）`);
  }

  let nation: IdCardData['nation'];
  if (input.nationCode !== undefined && input.nationCode !== '') {
    const label = nationLabel(input.nationCode);
    if (label === null) problem('nationCode', '民族代码无效');
    else nation = { code: input.nationCode, label };
  }

  const validFrom = input.validFrom;
  if (validFrom !== undefined && !isIsoDate(validFrom)) problem('validFrom', '有效期起始日期不是有效日期');
  let validTo: ValidTo | undefined;
  if (input.document !== 'household-register') {
    const raw = input.validTo?.trim() ?? '';
    if (raw === '') problem('validTo', '请填写证件有效期截止日期（长期有效的填“长期”）');
    else if (raw === '长期' || raw === 'long-term') validTo = 'long-term';
    else if (isIsoDate(raw)) validTo = raw;
    else problem('validTo', '有效期截止日期不是有效日期');
  }

  if (problems.length > 0 || number === null || birthDate === undefined) return { ok: false, problems };

  const card: IdCardData = {
    source: 'manual',
    document: documentKind(input.document, number),
    name,
    sex,
    sexLabel: sexLabel(sex),
    birthDate,
    idNumber: number.normalized,
    idNumberKind: number.kind,
    validity:
      input.document === 'household-register' ? { status: 'not-applicable' } : checkValidity({ validFrom, validTo }, today),
  };
  if (validFrom !== undefined) card.validFrom = validFrom;
  if (validTo !== undefined) card.validTo = validTo;
  if (nation) card.nation = nation;
  const englishName = input.englishName?.trim();
  if (englishName) card.englishName = englishName;
  const address = input.address?.trim();
  if (address) card.address = address;
  const authority = input.issuingAuthority?.trim();
  if (authority) card.issuingAuthority = authority;
  if (number.nationalityCode !== undefined && number.nationalityCode.length === 3 && /^[A-Z]{3}$/.test(number.nationalityCode)) {
    card.nationalityCode = number.nationalityCode;
  }
  return { ok: true, card };
}

function documentKind(document: ManualDocumentKind, number: ParsedIdNumber): IdDocumentKind {
  if (document === 'foreign-permanent-resident') {
    return number.normalized.length === 15 ? 'foreign-permanent-resident-2017' : 'foreign-permanent-resident-2023';
  }
  return document;
}

/** Whole years from birth to `today` (a birthday counts on the day). */
export function ageOn(birthDate: IsoDate, today: IsoDate): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
