import { formatIsoDate, parseIsoDate } from '../calendar/iso-date';
import type { IsoDate } from '../calendar/iso-date';
import { mod11_2CheckChar } from './mod11-2';
import { PROVINCE_CODES } from './regions';

export type IdNumberKind =
  | 'resident-id' // 居民身份证 (GB 11643-1999)
  | 'hk-residence-permit' // 港澳台居民居住证，香港
  | 'macao-residence-permit'
  | 'taiwan-residence-permit'
  | 'foreign-permanent-resident-id'; // 外国人永久居留身份证

export type IdNumberProblem =
  | 'empty'
  | 'bad-length'
  | 'bad-characters'
  | 'obsolete-15-digit' // first-generation ID card numbers (no check char), invalid since 2013
  | 'unknown-region'
  | 'bad-birth-date'
  | 'birth-date-in-future'
  | 'bad-check-character';

export interface ParsedIdNumber {
  kind: IdNumberKind;
  /** Upper-case form: a trailing 'x' becomes 'X'. */
  normalized: string;
  /** True for foreign permanent residents: R3.1 needs this for inmates. */
  foreign: boolean;
  /** Absent only for the old 15-character foreign form, whose layout we do not decode. */
  birthDate?: IsoDate;
  /** From the parity of the 17th digit (GB 11643: odd male, even female). */
  sex?: 'male' | 'female';
  /** 6-digit address code (resident ID, residence permits). */
  regionCode?: string;
  /** Province name for resident IDs. */
  province?: string;
  /** Numeric (new form) or alpha-3 (old form) nationality code, foreign IDs only. */
  nationalityCode?: string;
}

export type IdNumberResult = { ok: true; value: ParsedIdNumber } | { ok: false; problem: IdNumberProblem; message: string };

const MESSAGES: Record<IdNumberProblem, string> = {
  empty: '证件号码为空',
  'bad-length': '证件号码位数不对（应为18位，旧版外国人永久居留证为15位）',
  'bad-characters': '证件号码含有不允许的字符',
  'obsolete-15-digit': '15位第一代居民身份证号码已停止使用，请出示第二代居民身份证',
  'unknown-region': '证件号码的地址码不存在',
  'bad-birth-date': '证件号码中的出生日期不存在',
  'birth-date-in-future': '证件号码中的出生日期晚于今天',
  'bad-check-character': '证件号码校验位不符，可能输错了',
};

function fail(problem: IdNumberProblem): IdNumberResult {
  return { ok: false, problem, message: MESSAGES[problem] };
}

const RESIDENCE_PERMIT_KINDS: Record<string, IdNumberKind> = {
  '810000': 'hk-residence-permit',
  '820000': 'macao-residence-permit',
  '830000': 'taiwan-residence-permit',
};

const DIGITS_17_CHECK = /^\d{17}[\dX]$/;
const OLD_FOREIGN = /^[A-Z]{3}\d{12}$/;

export interface ParseIdNumberOptions {
  /** When given, a birth date after it is refused. */
  today?: IsoDate;
}

/**
 * Recognises and checks an ID number: resident ID (GB 11643-1999), Hong Kong /
 * Macao / Taiwan residence permit (810000/820000/830000), foreign permanent
 * resident ID (2023 form: 18 digits starting with 9, MOD 11-2; old form: 3
 * Latin letters and 12 digits, whose check rule is not public, so only its
 * shape is checked).
 */
export function parseIdNumber(input: string, options: ParseIdNumberOptions = {}): IdNumberResult {
  const normalized = input.trim().toUpperCase();
  if (normalized === '') return fail('empty');
  if (normalized.length === 15) {
    if (OLD_FOREIGN.test(normalized)) {
      return {
        ok: true,
        value: { kind: 'foreign-permanent-resident-id', normalized, foreign: true, nationalityCode: normalized.slice(0, 3) },
      };
    }
    return /^\d{15}$/.test(normalized) ? fail('obsolete-15-digit') : fail('bad-characters');
  }
  if (normalized.length !== 18) return fail('bad-length');
  if (!DIGITS_17_CHECK.test(normalized)) return fail('bad-characters');

  const region = normalized.slice(0, 6);
  const first = normalized.charAt(0);
  const permit = RESIDENCE_PERMIT_KINDS[region];
  let kind: IdNumberKind;
  if (first === '9') kind = 'foreign-permanent-resident-id';
  else if (permit !== undefined) kind = permit;
  else if (PROVINCE_CODES[normalized.slice(0, 2)] !== undefined) kind = 'resident-id';
  else return fail('unknown-region');

  const birth = parseIsoDate(`${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`);
  if (birth === null) return fail('bad-birth-date');
  const birthDate = formatIsoDate(birth.year, birth.month, birth.day);
  if (options.today !== undefined && birthDate > options.today) return fail('birth-date-in-future');
  if (mod11_2CheckChar(normalized) !== normalized.charAt(17)) return fail('bad-check-character');

  const value: ParsedIdNumber = { kind, normalized, foreign: kind === 'foreign-permanent-resident-id', birthDate };
  if (kind === 'foreign-permanent-resident-id') {
    value.nationalityCode = normalized.slice(3, 6);
  } else {
    value.sex = Number(normalized.charAt(16)) % 2 === 1 ? 'male' : 'female';
    value.regionCode = region;
    if (kind === 'resident-id') value.province = PROVINCE_CODES[normalized.slice(0, 2)];
  }
  return { ok: true, value };
}

/** True when the number is a well-formed ID number of any recognised kind. */
export function isValidIdNumber(input: string, options?: ParseIdNumberOptions): boolean {
  return parseIdNumber(input, options).ok;
}
