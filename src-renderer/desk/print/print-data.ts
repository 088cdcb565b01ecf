// What the printed Forms 1 and 2 hold (the regulation's appendix, R8.1, R9.1): plain data,
// already in the words to print (relationship label, not its code), so the components
// stay pure and the mapping from an application record lives in one place (from-record.ts).
import { parseIsoDate } from '../../../src-shared/calendar';

/** One row of the applicants' table: 申请人 / 与…关系 / 身份证号 / 家庭住址 / 联系电话. */
export interface PrintPerson {
  name: string;
  relationship: string;
  idNumber: string;
  address: string;
  phone: string;
}

/** 批准远程视频会见安排: the bottom half of both forms. */
export interface PrintArrangement {
  /** YYYY-MM-DD */
  date: string;
  halfDay: 'morning' | 'afternoon';
  /** The room's owner as printed before 远程视频会见室 / 视频会见室. */
  place: string;
  visitsPerMonth: number;
  minutesPerVisit: number;
  /** 监狱意见 / 县（市、区）司法局意见 */
  opinion: string;
  /** YYYY-MM-DD, the 时间 under the opinion. */
  decidedOn: string;
}

/** 表一：罪犯申请 (R9.1). */
export interface Form1Data {
  inmateName: string;
  inmateAddress: string;
  prisonName: string;
  wardName: string;
  /** Where the relatives live: 在 __ 州（市） __ 县（市、区）的 __ */
  prefecture: string;
  county: string;
  /** YYYY-MM-DD */
  appliedOn: string;
  persons: PrintPerson[];
  arrangement: PrintArrangement | null;
  /** R23.1: the visit's language(s) in words, e.g. 彝语; absent or empty: Mandarin, printed as such. */
  languages?: string;
  /** R23.1: anything but Mandarin, so an interpreter must be present. */
  interpreterRequired?: boolean;
}

/** 表二：亲属、监护人申请 (R8.1). */
export interface Form2Data {
  prisonName: string;
  wardName: string;
  inmateName: string;
  inmateAddress: string;
  /** The county bureau (or office) that received it and arranges the visit (R6.1, R8.4). */
  bureauName: string;
  appliedOn: string;
  persons: PrintPerson[];
  arrangement: PrintArrangement | null;
  languages?: string;
  interpreterRequired?: boolean;
}

/** Both forms print six numbered rows, filled or empty, like the paper original. */
export const FORM_ROWS = 6;

export function paddedRows(persons: readonly PrintPerson[]): (PrintPerson | null)[] {
  if (persons.length > FORM_ROWS) throw new RangeError(`表一、表二最多 ${FORM_ROWS} 名申请人，收到 ${persons.length} 名`);
  return Array.from({ length: FORM_ROWS }, (_, i) => persons[i] ?? null);
}

// A type (not an interface) so that it passes as i18next interpolation values.
export type DateFields = { year: string; month: string; day: string };

/** Year, month and day without leading zeros, as the forms write them; blanks for no date. */
export function dateFields(value: string | null | undefined): DateFields {
  const parts = value ? parseIsoDate(value) : null;
  if (!parts) return { year: '', month: '', day: '' };
  return { year: String(parts.year), month: String(parts.month), day: String(parts.day) };
}

/** The forms print 监狱 / 监区 after the blank: "云南省第一监狱" fills it as "云南省第一". */
export function withoutSuffix(name: string, suffix: string): string {
  return name.endsWith(suffix) && name.length > suffix.length ? name.slice(0, -suffix.length) : name;
}
