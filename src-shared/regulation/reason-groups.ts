// The R16.1 / R17.1 reasons as the supervision console's button groups: an officer finds
// the reason by what happened (what was said, how someone behaves, papers and items, who
// is present), not by paragraph number, and hits it in one second. Every code appears in
// exactly one group (the unit test checks); the full regulation text stays in
// reason-codes.ts and goes to the audit and both screens unchanged.
import { OTHER_REASON, TERMINATION_REASONS, WARNING_REASONS, type TerminationReason, type WarningReason } from './reason-codes';

export type ReasonCode = WarningReason | TerminationReason;

export interface ReasonButton {
  readonly code: ReasonCode;
  /** A few characters on the button; the full text is its tooltip and goes into the confirmation. */
  readonly short: string;
  readonly text: string;
  /** R16.1 reasons allow a warning (and termination); R17.1 reasons only termination. */
  readonly warnable: boolean;
}

export interface ReasonGroup {
  readonly id: 'talk' | 'conduct' | 'items' | 'presence';
  readonly title: string;
  readonly reasons: readonly ReasonButton[];
}

const SHORT: Readonly<Record<ReasonCode, string>> = {
  'R16.1(1)': '不配合寄存/违禁品',
  'R16.1(2)': '隐语暗语手势',
  'R16.1(3)': '打听警察信息',
  'R16.1(4)': '不利改造',
  'R16.1(5)': '有碍监管安全',
  'R16.1(6)': '影响会见秩序',
  'R16.1(7)': '其他违纪',
  'R17.1(1)': '服刑人员拒绝会见',
  'R17.1(2)': '亲属未按时到达',
  'R17.1(3)': '证件材料不实',
  'R17.1(4)': '精神异常/醉酒',
  'R17.1(5)': '不听从安排',
  'R17.1(6)': '谈论警力设施',
  'R17.1(7)': '托关系走门路',
  'R17.1(8)': '谈论案情串供',
  'R17.1(9)': '诽谤辱骂',
  'R17.1(10)': '违背公德扰乱秩序',
};

const GROUPS: ReadonlyArray<{ id: ReasonGroup['id']; title: string; codes: readonly ReasonCode[] }> = [
  {
    id: 'talk',
    title: '谈话内容',
    codes: ['R16.1(2)', 'R16.1(3)', 'R16.1(4)', 'R16.1(5)', 'R17.1(6)', 'R17.1(7)', 'R17.1(8)', 'R17.1(9)'],
  },
  { id: 'conduct', title: '言行秩序', codes: ['R16.1(6)', 'R16.1(7)', 'R17.1(4)', 'R17.1(5)', 'R17.1(10)'] },
  { id: 'items', title: '物品与证件', codes: ['R16.1(1)', 'R17.1(3)'] },
  { id: 'presence', title: '到场情况', codes: ['R17.1(1)', 'R17.1(2)'] },
];

const textOf = (code: ReasonCode): string =>
  (WARNING_REASONS as Record<string, string>)[code] ?? (TERMINATION_REASONS as Record<string, string>)[code] ?? '';

export const REASON_GROUPS: readonly ReasonGroup[] = GROUPS.map((g) => ({
  id: g.id,
  title: g.title,
  reasons: g.codes.map((code) => ({ code, short: SHORT[code], text: textOf(code), warnable: code.startsWith('R16.1') })),
}));

/** What the console has chosen: a coded reason, or "其他" with the officer's note. */
export type ReasonChoice = { code: ReasonCode } | { code: typeof OTHER_REASON; note: string };

/** The reason as the confirmation names it: "R17.1(8) 谈论案情……" or "其他：<note>". */
export function reasonLabel(choice: ReasonChoice): string {
  return choice.code === OTHER_REASON
    ? `其他：${choice.note.trim() || '（未填写说明）'}`
    : `${choice.code} ${textOf(choice.code)}`;
}

/** R16.1 codes and "其他" can be warned; an R17.1 reason only ends the visit. */
export const canWarn = (choice: ReasonChoice): boolean => choice.code === OTHER_REASON || choice.code.startsWith('R16.1');
