// Byte layouts of the 256-byte text block, per card type. The type letter sits
// at byte 248 in every layout (a resident card has a space there).
//
// Sources (they agree on offsets; names vary):
// - resident ID: GA 467 / 公安部 居民身份证 机读信息 (name 30, sex 2, nation 4,
//   birth 16, address 70, number 36, authority 30, from 16, to 16, reserved 36),
//   the same in every vendor SDK header (e.g. sdtapi demos);
// - 'J': 《港澳台居民居住证机读信息规范（试行版）》 as implemented in vendor SDK
//   headers (struct with passID[18], issuesNum[4], typeFlag[2] at 248);
// - 'I': 外国人永久居留身份证（2017版）芯片机读数据项表 (English name 120, sex 2,
//   number 30, nationality 6, Chinese name 30, from/to/birth 16 each,
//   version 4, authority code 8, type 2, reserved 6);
// - 'Y': 新版外国人永久居留身份证机读信息规则（2023版）, offsets as read by the
//   vendor sample programs (Chinese name 0, sex 30, renewal count 32, birth 36,
//   English name 52 (first 35 letters), number 122, reserved 158, from 188,
//   to 204, English name continued 220 (letters 36-46), nationality 242, type
//   248, link to the 2017 number 250). The brief listed 'version' and
//   'authority' for 'Y' as well: the 2023 layout has neither (158 is reserved);
//   we follow the layout.

export interface FieldSpec {
  offset: number;
  bytes: number;
}

export const TEXT_BLOCK_LENGTH = 256;
export const TYPE_FLAG: FieldSpec = { offset: 248, bytes: 2 };

export const RESIDENT_LAYOUT = {
  name: { offset: 0, bytes: 30 },
  sex: { offset: 30, bytes: 2 },
  nation: { offset: 32, bytes: 4 },
  birthDate: { offset: 36, bytes: 16 },
  address: { offset: 52, bytes: 70 },
  idNumber: { offset: 122, bytes: 36 },
  issuingAuthority: { offset: 158, bytes: 30 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
} as const satisfies Record<string, FieldSpec>;

export const PERMIT_LAYOUT = {
  name: { offset: 0, bytes: 30 },
  sex: { offset: 30, bytes: 2 },
  birthDate: { offset: 36, bytes: 16 },
  address: { offset: 52, bytes: 70 },
  idNumber: { offset: 122, bytes: 36 },
  issuingAuthority: { offset: 158, bytes: 30 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
  passNumber: { offset: 220, bytes: 18 },
  issueCount: { offset: 238, bytes: 4 },
  typeFlag: TYPE_FLAG,
} as const satisfies Record<string, FieldSpec>;

export const FOREIGN_2017_LAYOUT = {
  englishName: { offset: 0, bytes: 120 },
  sex: { offset: 120, bytes: 2 },
  idNumber: { offset: 122, bytes: 30 },
  nationalityCode: { offset: 152, bytes: 6 },
  name: { offset: 158, bytes: 30 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
  birthDate: { offset: 220, bytes: 16 },
  cardVersion: { offset: 236, bytes: 4 },
  authorityCode: { offset: 240, bytes: 8 },
  typeFlag: TYPE_FLAG,
} as const satisfies Record<string, FieldSpec>;

export const FOREIGN_2023_LAYOUT = {
  name: { offset: 0, bytes: 30 },
  sex: { offset: 30, bytes: 2 },
  renewalCount: { offset: 32, bytes: 4 },
  birthDate: { offset: 36, bytes: 16 },
  englishName: { offset: 52, bytes: 70 },
  idNumber: { offset: 122, bytes: 36 },
  validFrom: { offset: 188, bytes: 16 },
  validTo: { offset: 204, bytes: 16 },
  englishNameContinued: { offset: 220, bytes: 22 },
  nationalityCode: { offset: 242, bytes: 6 },
  typeFlag: TYPE_FLAG,
  previousNumberLink: { offset: 250, bytes: 6 },
} as const satisfies Record<string, FieldSpec>;

/** Type letters at byte 248. */
export const CARD_TYPE_LETTERS = { permit: 'J', foreign2017: 'I', foreign2023: 'Y' } as const;
