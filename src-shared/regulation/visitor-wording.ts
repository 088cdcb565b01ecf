// Issue #21 item 3: what the visitors and the inmate read (and hear) when an administrator
// warns or ends the visit. The regulation's text with its paragraph id stays on the console and
// in the audit; the people in front of the screen get one plain sentence, in the glossary's
// visitor-facing words (服刑人员, not 罪犯), and never an id, a code or an English word.
import type { ReasonCode } from './reason-groups';

/** The plain sentence for each R16.1 / R17.1 reason, as said to the people in the room. */
export const VISITOR_REASONS: Readonly<Record<ReasonCode, string>> = {
  'R16.1(1)': '有人未按要求寄存手机、录音录像设备，或携带了违禁物品。',
  'R16.1(2)': '请不要使用隐语、暗语、未经许可的语种或手势交流（聋哑人除外）。',
  'R16.1(3)': '请不要谈论警察的住址、家庭和电话等个人信息。',
  'R16.1(4)': '请不要谈论不利于服刑人员改造的事情。',
  'R16.1(5)': '请不要谈论妨碍监管安全的内容。',
  'R16.1(6)': '请保持会见室的秩序。',
  'R16.1(7)': '请遵守会见纪律和规定。',
  'R17.1(1)': '服刑人员不愿意参加本次会见。',
  'R17.1(2)': '会见人没有在约定时间内到达。',
  'R17.1(3)': '身份证件或证明材料不符合要求。',
  'R17.1(4)': '会见人当前的状态不适合会见。',
  'R17.1(5)': '会见人没有听从工作人员的安排。',
  'R17.1(6)': '谈话涉及监狱的安全防范内容。',
  'R17.1(7)': '谈话涉及托关系、走门路办理减刑、假释等事项。',
  'R17.1(8)': '谈话涉及案情。',
  'R17.1(9)': '谈话中有诽谤、辱骂他人的内容。',
  'R17.1(10)': '会见中有违反会见规定、扰乱秩序的行为。',
};

const REQUIREMENT_ID = /[（(]?\s*R\d+(?:\.\d+)+(?:\s*[（(]\d+[）)])?\s*[）)]?/g;

/**
 * Text written by staff or by main (an "other" reason, a refusal's message) made fit for a
 * visitor's screen: requirement ids dropped, 罪犯 → 服刑人员. Never throws; empty stays empty.
 */
export function visitorText(text: string): string {
  return text
    .replace(REQUIREMENT_ID, '')
    .replace(/罪犯/g, '服刑人员')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** The sentence for a warning's or an ending's reason: the plain one for a known code, else the written text cleaned. */
export function visitorReason(code: string, text: string): string {
  const known = (VISITOR_REASONS as Readonly<Record<string, string>>)[code];
  return known ?? visitorText(text);
}
