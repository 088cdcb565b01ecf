// SW3, the reader's own status byte in every GA 467 response. Meanings from the
// vendor copies of the GA 467 SAM protocol (status table "SW1 SW2 SW3");
// 0x23 is from the sdtapi return-code list. Where sources word 0x40 differently
// ("错误的卡" / "无法识别的卡类型") we follow "the card is not one we can read".
// SW1 SW2 echo the card's APDU status and carry no meaning for the terminal.

export type StatusCategory =
  | 'ok' // the command did what was asked
  | 'no-card' // nothing on the reader: wait, do not alarm
  | 'card' // the card could not be read or authenticated: place it again
  | 'reader' // the reader itself is faulty or not authorised: call maintenance
  | 'protocol'; // the reader did not understand us: a bug or line noise

export interface StatusInfo {
  sw3: number;
  category: StatusCategory;
  /** zh-CN sentence for staff. */
  message: string;
}

export const SW3 = {
  success: 0x90,
  noContent: 0x91,
  findSuccess: 0x9f,
  checksumError: 0x10,
  lengthError: 0x11,
  commandError: 0x21,
  unauthorisedOperation: 0x23,
  unrecognisedError: 0x24,
  cardAuthenticatesReaderFailed: 0x31,
  readerAuthenticatesCardFailed: 0x32,
  informationCheckFailed: 0x33,
  wrongCard: 0x40,
  readFailed: 0x41,
  randomNumberFailed: 0x47,
  selfTestFailed: 0x60,
  notAuthorised: 0x66,
  findFailed: 0x80,
  selectFailed: 0x81,
} as const;

const TABLE: ReadonlyMap<number, Omit<StatusInfo, 'sw3'>> = new Map([
  [SW3.success, { category: 'ok', message: '操作成功' }],
  [SW3.noContent, { category: 'ok', message: '证件中没有该项内容' }],
  [SW3.findSuccess, { category: 'ok', message: '已找到证件' }],
  [SW3.checksumError, { category: 'protocol', message: '读卡器收到的命令校验和错误，请重试' }],
  [SW3.lengthError, { category: 'protocol', message: '读卡器收到的命令长度错误，请重试' }],
  [SW3.commandError, { category: 'protocol', message: '读卡器不接受该命令（命令或参数错误）' }],
  [SW3.unauthorisedOperation, { category: 'reader', message: '读卡器拒绝越权操作' }],
  [SW3.unrecognisedError, { category: 'reader', message: '读卡器发生无法识别的错误，请重新插拔读卡器' }],
  [SW3.cardAuthenticatesReaderFailed, { category: 'card', message: '证件对读卡器的认证失败，请重新放置证件' }],
  [SW3.readerAuthenticatesCardFailed, { category: 'card', message: '读卡器对证件的认证失败，证件可能无效，请人工核验' }],
  [SW3.informationCheckFailed, { category: 'card', message: '证件信息验证错误，请人工核验证件' }],
  [SW3.wrongCard, { category: 'card', message: '无法识别的卡片，请放置居民身份证、居住证或外国人永久居留身份证' }],
  [SW3.readFailed, { category: 'card', message: '读取证件失败，请将证件平放在读卡区，不要移动后重试' }],
  [SW3.randomNumberFailed, { category: 'card', message: '读卡器取随机数失败，请重新放置证件' }],
  [SW3.selfTestFailed, { category: 'reader', message: '读卡器安全模块自检失败，请联系维护人员' }],
  [SW3.notAuthorised, { category: 'reader', message: '读卡器安全模块未经授权，无法使用，请联系维护人员' }],
  [SW3.findFailed, { category: 'no-card', message: '未检测到证件，请将证件放在读卡区' }],
  [SW3.selectFailed, { category: 'card', message: '选取证件失败，请重新放置证件' }],
]);

/** Meaning of an SW3 byte; unknown codes are reported as reader faults with the code in hex. */
export function describeSw3(sw3: number): StatusInfo {
  const known = TABLE.get(sw3);
  if (known) return { sw3, ...known };
  return { sw3, category: 'reader', message: `读卡器返回未知状态码 0x${sw3.toString(16).padStart(2, '0').toUpperCase()}` };
}

export const KNOWN_SW3_CODES: readonly number[] = [...TABLE.keys()];
