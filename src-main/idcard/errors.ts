// Typed failures of any ID card reader driver. The message is zh-CN and safe to
// show at the kiosk; `code` is what check-in and the audit log branch on.
import { describeSw3 } from './status-codes';
import type { StatusCategory } from './status-codes';

export type IdCardErrorCode =
  | 'not-open' // readCard before open(), or after close()
  | 'disconnected' // the reader is unplugged or its port went away
  | 'port-unavailable' // opening the port failed (absent, busy, no permission)
  | 'timeout' // no (complete) answer in time
  | 'no-card' // nothing on the reader
  | 'reader-status' // the reader answered with a failure SW3
  | 'corrupt-response' // a frame with a bad checksum or impossible length
  | 'unexpected-response' // a well-formed answer that makes no sense here
  | 'unreadable-card' // the text block could not be decoded
  | 'invalid-id-number' // the number on the card fails GB 11643 (or permit) checks
  | 'unknown-driver'; // no driver registered under that name

const DEFAULT_MESSAGES: Record<IdCardErrorCode, string> = {
  'not-open': '读卡器尚未打开',
  disconnected: '读卡器已断开，请检查连接线；重新插好后会自动恢复',
  'port-unavailable': '无法打开读卡器端口，请检查读卡器是否已连接',
  timeout: '读卡器无响应（超时），请重试；若反复出现请重新插拔读卡器',
  'no-card': '未检测到证件，请将证件放在读卡区',
  'reader-status': '读卡器报告错误',
  'corrupt-response': '读卡器返回的数据已损坏（校验错误），请重试',
  'unexpected-response': '读卡器返回了无法理解的数据，请重试',
  'unreadable-card': '无法解析证件信息，请人工核验证件',
  'invalid-id-number': '证件号码未通过校验，请人工核验证件',
  'unknown-driver': '未知的读卡器驱动',
};

export class IdCardError extends Error {
  override readonly name = 'IdCardError';
  readonly code: IdCardErrorCode;
  /** SW3 when the reader itself reported the failure. */
  readonly sw3?: number;
  readonly category?: StatusCategory;

  constructor(code: IdCardErrorCode, message?: string, options: { sw3?: number; cause?: unknown } = {}) {
    super(message ?? DEFAULT_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.sw3 !== undefined) {
      this.sw3 = options.sw3;
      this.category = describeSw3(options.sw3).category;
    }
  }

  /** The error for a failure SW3 (0x80 "find failed" becomes 'no-card'). */
  static fromSw3(sw3: number): IdCardError {
    const info = describeSw3(sw3);
    return new IdCardError(info.category === 'no-card' ? 'no-card' : 'reader-status', info.message, { sw3 });
  }
}

export function isIdCardError(value: unknown): value is IdCardError {
  return value instanceof IdCardError;
}
