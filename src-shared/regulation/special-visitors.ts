// R34.1 special visitors: they use the same procedure with an official letter
// and credentials, and their visits are a separate category outside the
// family quota of R14.2.

export const SPECIAL_VISITORS = {
  'discipline-supervision-commission': { label: '纪委监委', purpose: '视频询（讯）问' },
  court: { label: '人民法院', purpose: '视频询（讯）问、提讯' },
  procuratorate: { label: '人民检察院', purpose: '视频询（讯）问、提讯' },
  police: { label: '公安机关', purpose: '视频询（讯）问、提讯' },
  lawyer: { label: '律师', purpose: '视频会见' },
  notary: { label: '公证机构', purpose: '办理公证事项' },
} as const;

export type SpecialVisitorKind = keyof typeof SPECIAL_VISITORS;
export const SPECIAL_VISITOR_KINDS = Object.keys(SPECIAL_VISITORS) as [SpecialVisitorKind, ...SpecialVisitorKind[]];

/** 行政介绍信 / 公函 / 委托书 (R34.1). */
export const OFFICIAL_LETTER_KINDS = {
  'administrative-letter': '行政介绍信',
  'official-letter': '公函',
  'power-of-attorney': '委托书',
} as const;

export type OfficialLetterKind = keyof typeof OFFICIAL_LETTER_KINDS;
export const OFFICIAL_LETTER_KIND_CODES = Object.keys(OFFICIAL_LETTER_KINDS) as [OfficialLetterKind, ...OfficialLetterKind[]];
