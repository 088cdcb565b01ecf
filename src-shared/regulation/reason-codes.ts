// Reason codes for every warning, stop and termination (R22.1, R16.1, R17.1):
// the system offers exactly these, plus "other" with a written reason.

/** R16.1: warn, stop and correct, up to suspending or cancelling the visit. */
export const WARNING_REASONS = {
  'R16.1(1)': '罪犯的亲属、监护人不配合寄存手机、录音、摄影（像）设备或携带管制、违禁危险物品',
  'R16.1(2)': '使用隐语、暗语、非规定语种交谈或以手势（聋哑人除外）等方式交流',
  'R16.1(3)': '谈论监狱人民警察家庭住址、社会关系、家庭情况、电话号码等信息',
  'R16.1(4)': '谈论不利于罪犯改造事项',
  'R16.1(5)': '谈论有碍监管安全内容',
  'R16.1(6)': '影响会见场所正常秩序',
  'R16.1(7)': '其他违反会见纪律和规定的行为',
} as const;

/** R17.1: the visit must be suspended or cancelled. */
export const TERMINATION_REASONS = {
  'R17.1(1)': '罪犯拒绝会见',
  'R17.1(2)': '罪犯的亲属、监护人未在约定会见时间内到达',
  'R17.1(3)': '身份证件无效、与本人不符，或证明材料不真实、弄虚作假',
  'R17.1(4)': '罪犯的亲属、监护人有明显精神异常、醉酒或其他异常行为',
  'R17.1(5)': '不听从监狱警察或司法局、司法所工作人员安排',
  'R17.1(6)': '谈论监狱警力配备、监管警戒设施等监狱安全防范内容',
  'R17.1(7)': '谈论托关系、走门路以调整劳动岗位、办理减刑、假释、暂予监外执行等',
  'R17.1(8)': '谈论案情，涉嫌串供、通风报信',
  'R17.1(9)': '捏造事实诽谤、诬陷、诋毁、辱骂监狱和监狱人民警察、司法行政部门及其工作人员或他人',
  'R17.1(10)': '其他违背社会公德、扰乱会见场所秩序、违反会见管理规定的情形',
} as const;

export type WarningReason = keyof typeof WARNING_REASONS;
export type TerminationReason = keyof typeof TERMINATION_REASONS;
export const WARNING_REASON_CODES = Object.keys(WARNING_REASONS) as [WarningReason, ...WarningReason[]];
export const TERMINATION_REASON_CODES = Object.keys(TERMINATION_REASONS) as [TerminationReason, ...TerminationReason[]];

/** R17.2: only items 6 to 9 of R17.1 allow suspending the inmate's visits. */
export const SUSPENSION_REASON_CODES = ['R17.1(6)', 'R17.1(7)', 'R17.1(8)', 'R17.1(9)'] as const;
export type SuspensionReason = (typeof SUSPENSION_REASON_CODES)[number];

/** The "other" code, always with a written reason. */
export const OTHER_REASON = 'other' as const;
