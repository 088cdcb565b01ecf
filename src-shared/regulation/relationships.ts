// Who may visit as family: the closed lists of R36.1 (relatives) and R37.1
// (guardians). Stored as codes, never free text. The code says what the
// visitor is to the inmate (Form 1/2 column 与罪犯关系): 'mother' = the inmate's mother.

export const RELATIONSHIPS = {
  // 配偶 (R36.1)
  spouse: { group: 'spouse', label: '配偶' },
  // 血亲 (R36.1)
  father: { group: 'blood', label: '父亲' },
  mother: { group: 'blood', label: '母亲' },
  son: { group: 'blood', label: '儿子' },
  daughter: { group: 'blood', label: '女儿' },
  'elder-brother': { group: 'blood', label: '哥哥' },
  'younger-brother': { group: 'blood', label: '弟弟' },
  'elder-sister': { group: 'blood', label: '姐姐' },
  'younger-sister': { group: 'blood', label: '妹妹' },
  'paternal-grandfather': { group: 'blood', label: '祖父' },
  'paternal-grandmother': { group: 'blood', label: '祖母' },
  'maternal-grandfather': { group: 'blood', label: '外祖父' },
  'maternal-grandmother': { group: 'blood', label: '外祖母' },
  grandson: { group: 'blood', label: '孙子' },
  granddaughter: { group: 'blood', label: '孙女' },
  'daughters-son': { group: 'blood', label: '外孙' },
  'daughters-daughter': { group: 'blood', label: '外孙女' },
  stepfather: { group: 'blood', label: '继父' },
  stepmother: { group: 'blood', label: '继母' },
  stepson: { group: 'blood', label: '继子' },
  stepdaughter: { group: 'blood', label: '继女' },
  'adoptive-father': { group: 'blood', label: '养父' },
  'adoptive-mother': { group: 'blood', label: '养母' },
  'adopted-son': { group: 'blood', label: '养子' },
  'adopted-daughter': { group: 'blood', label: '养女' },
  // 姻亲 (R36.1): 岳父母，公婆，子女、兄弟姐妹、孙子女、外孙子女、继子女、养子女的配偶
  'wifes-father': { group: 'in-law', label: '岳父' },
  'wifes-mother': { group: 'in-law', label: '岳母' },
  'husbands-father': { group: 'in-law', label: '公公' },
  'husbands-mother': { group: 'in-law', label: '婆婆' },
  'daughter-in-law': { group: 'in-law', label: '儿媳' },
  'son-in-law': { group: 'in-law', label: '女婿' },
  'siblings-spouse': { group: 'in-law', label: '兄弟姐妹的配偶' },
  'grandchilds-spouse': { group: 'in-law', label: '孙子女的配偶' },
  'daughters-childs-spouse': { group: 'in-law', label: '外孙子女的配偶' },
  'stepchilds-spouse': { group: 'in-law', label: '继子女的配偶' },
  'adopted-childs-spouse': { group: 'in-law', label: '养子女的配偶' },
  // 监护人 (R37.1): a person or an organisation with guardianship duties
  'guardian-person': { group: 'guardian', label: '监护人（个人）' },
  'guardian-organisation': { group: 'guardian', label: '监护人（组织）' },
} as const satisfies Record<string, { group: 'spouse' | 'blood' | 'in-law' | 'guardian'; label: string }>;

export type RelationshipCode = keyof typeof RELATIONSHIPS;
export type RelationshipGroup = (typeof RELATIONSHIPS)[RelationshipCode]['group'];
export const RELATIONSHIP_CODES = Object.keys(RELATIONSHIPS) as [RelationshipCode, ...RelationshipCode[]];

/** The requirement a relationship code rests on. */
export function relationshipRequirement(code: RelationshipCode): 'R36.1' | 'R37.1' {
  return RELATIONSHIPS[code].group === 'guardian' ? 'R37.1' : 'R36.1';
}

// 有效关系证明 (R35.1), closed list. 'admission-register-match' is the
// prison's own check against the inmate's admission register (R35.1 ¶2).
export const RELATIONSHIP_PROOFS = {
  'household-register': '户口簿',
  'marriage-certificate': '结婚证',
  'birth-certificate': '出生医学证明',
  'notarial-certificate': '公证文书',
  'paternity-test': '亲子鉴定证书',
  'official-certificate': '公安机关、军队政工部门、司法机关、乡镇（街道）、村（居）委会等出具的证明',
  'court-judgment': '明确亲属关系的人民法院判决书',
  'former-employer-certificate': '罪犯原单位出具的证明',
  'work-file-record': '罪犯工作档案记载',
  'tombstone-inscription': '墓碑铭文',
  'guardianship-document': '监护关系证明（指定监护文书等）',
  'admission-register-match': '与罪犯入监登记表所列亲属、监护人核验一致',
} as const;

export type RelationshipProof = keyof typeof RELATIONSHIP_PROOFS;
export const RELATIONSHIP_PROOF_CODES = Object.keys(RELATIONSHIP_PROOFS) as [RelationshipProof, ...RelationshipProof[]];
