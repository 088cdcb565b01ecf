// R22.1: a warning or termination carries exactly one of the regulation's codes
// (R16.1, R17.1) or "other" with a written reason; this turns a code into the text
// that is audited and shown on both terminals, or refuses it.
import {
  OTHER_REASON,
  SUSPENSION_REASON_CODES,
  TERMINATION_REASONS,
  WARNING_REASONS,
} from '../../src-shared/regulation/reason-codes';
import { refusal, type Refusal } from '../visit-day/refusal';

export type ReasonText = { ok: true; text: string } | { ok: false; refusal: Refusal };

const MIN_OTHER_TEXT = 2;

export function reasonText(code: string, written: string | undefined, allowTermination: boolean): ReasonText {
  if (code === OTHER_REASON) {
    const text = written?.trim() ?? '';
    if (text.length < MIN_OTHER_TEXT)
      return { ok: false, refusal: refusal('R22.1', 'other-needs-text', '选择“其他”时须写明理由（R22.1）') };
    return { ok: true, text };
  }
  if (Object.hasOwn(WARNING_REASONS, code)) return { ok: true, text: WARNING_REASONS[code as keyof typeof WARNING_REASONS] };
  if (allowTermination && Object.hasOwn(TERMINATION_REASONS, code))
    return { ok: true, text: TERMINATION_REASONS[code as keyof typeof TERMINATION_REASONS] };
  return { ok: false, refusal: refusal('R22.1', 'unknown-reason', `不是规定的理由代码：${code}（R22.1）`) };
}

/** R17.2: items 6 to 9 of R17.1 allow the prison to propose suspending the inmate's visits. */
export const allowsSuspension = (code: string): boolean => (SUSPENSION_REASON_CODES as readonly string[]).includes(code);

/** The requirement an action applies, for the audit entry. */
export const requirementOf = (code: string): string =>
  code === OTHER_REASON ? 'R22.1' : code.startsWith('R17.1') ? 'R17.1' : 'R16.1';
