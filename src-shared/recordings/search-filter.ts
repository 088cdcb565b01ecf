// The store's recording search (issue #19 item 3, R26.1, R29.1): what a desk form's text
// fields become as a query, checked here once so the desk shows the problem in Chinese
// before asking and the store refuses the same input with the same words.
// Pure: no Node, no DOM.

/** What a visit may have ended as (the store's visits.status, past the schedule). */
export const RECORDING_OUTCOMES = ['completed', 'interrupted', 'terminated', 'forfeited', 'scheduled', 'cancelled'] as const;
export type RecordingOutcome = (typeof RECORDING_OUTCOMES)[number];

/** A search may span at most a year: wider is a bulk export, not a search. */
export const MAX_SEARCH_DAYS = 366;

/** The desk form as typed: every field text (empty = not given). */
export interface RecordingSearchForm {
  readonly from: string;
  readonly to: string;
  readonly siteId: string;
  readonly roomId: string;
  readonly inmate: string;
  readonly visitor: string;
  readonly outcome: string;
  readonly hasWarnings: boolean;
}

/** The query the store's search endpoint takes. */
export interface RecordingSearchQuery {
  from: string;
  to: string;
  siteId?: string;
  roomId?: string;
  inmate?: string;
  visitorName?: string;
  visitorIdNumber?: string;
  outcome?: RecordingOutcome;
  hasWarnings?: boolean;
}

export interface SearchIssue {
  readonly field: keyof RecordingSearchForm;
  readonly message: string;
}

export type SearchFilterResult = { ok: true; query: RecordingSearchQuery } | { ok: false; issues: SearchIssue[] };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A mainland resident ID (18, or the old 15 digits), or a passport / permit number. */
const ID_NUMBER = /^(?:\d{17}[\dXx]|\d{15}|[A-Za-z]{1,2}\d{6,10})$/;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
export const MAX_NAME_CHARS = 30;

/** Days since 1970-01-01 of a valid YYYY-MM-DD, or null. */
export function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / 86_400_000;
}

/** Whether the visitor field names an ID number (searched exactly) rather than a name (searched as a part). */
export const looksLikeIdNumber = (text: string): boolean => ID_NUMBER.test(text.trim());

function nameProblem(label: string, value: string): string | null {
  if (value.length > MAX_NAME_CHARS) return `${label}不能超过 ${MAX_NAME_CHARS} 个字`;
  if (CONTROL.test(value)) return `${label}含有不可见的控制字符`;
  if (/[%_\\]/.test(value)) return `${label}不能含 % _ \\ 等通配符`;
  return null;
}

/** The form's fields as a store query, or every problem at once (zh-CN). */
export function buildSearchQuery(form: RecordingSearchForm): SearchFilterResult {
  const issues: SearchIssue[] = [];
  const from = form.from.trim();
  const to = form.to.trim();
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  if (fromDay === null) issues.push({ field: 'from', message: '开始日期须为有效日期，格式 YYYY-MM-DD（如 2026-10-01）' });
  if (toDay === null) issues.push({ field: 'to', message: '结束日期须为有效日期，格式 YYYY-MM-DD（如 2026-10-31）' });
  if (fromDay !== null && toDay !== null) {
    if (fromDay > toDay) issues.push({ field: 'to', message: '结束日期不能早于开始日期' });
    else if (toDay - fromDay + 1 > MAX_SEARCH_DAYS)
      issues.push({ field: 'to', message: `一次最多查询 ${MAX_SEARCH_DAYS} 天，请缩小日期范围` });
  }
  const query: RecordingSearchQuery = { from, to };
  for (const field of ['siteId', 'roomId'] as const) {
    const value = form[field].trim();
    if (value === '') continue;
    if (!UUID.test(value)) issues.push({ field, message: field === 'siteId' ? '场所选择无效' : '会见室选择无效' });
    else query[field] = value.toLowerCase();
  }
  const inmate = form.inmate.trim();
  if (inmate !== '') {
    const problem = nameProblem('服刑人员', inmate);
    if (problem) issues.push({ field: 'inmate', message: problem });
    else query.inmate = inmate;
  }
  const visitor = form.visitor.trim();
  if (visitor !== '') {
    if (looksLikeIdNumber(visitor)) query.visitorIdNumber = visitor.toUpperCase();
    else if (/^\d+$/.test(visitor)) issues.push({ field: 'visitor', message: '身份证号须为 18 位（末位可为 X）或 15 位数字' });
    else {
      const problem = nameProblem('会见人', visitor);
      if (problem) issues.push({ field: 'visitor', message: problem });
      else query.visitorName = visitor;
    }
  }
  const outcome = form.outcome.trim();
  if (outcome !== '') {
    if ((RECORDING_OUTCOMES as readonly string[]).includes(outcome)) query.outcome = outcome as RecordingOutcome;
    else issues.push({ field: 'outcome', message: '会见结果选择无效' });
  }
  if (form.hasWarnings) query.hasWarnings = true;
  return issues.length > 0 ? { ok: false, issues } : { ok: true, query };
}

/** An ID number as a list shows it: the region and the last four, the birth date hidden. */
export const maskIdNumber = (value: string): string =>
  value.length <= 10
    ? value.replace(/.(?=.{2})/g, '*')
    : `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
