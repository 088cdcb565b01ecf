// Free-text input fields: a maximum length and no invisible characters that
// could hide or reorder what a reader sees. Refused everywhere: C0 and C1
// control characters (multi-line notes keep newline and tab), the bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which can
// make a name or file name read differently from what is stored, and the
// invisible direction marks U+200E, U+200F and U+061C: no field of this system
// holds right-to-left script (names, addresses, reasons are Chinese or Latin),
// so a mark there only disguises text. Also the line and paragraph separators
// U+2028/U+2029 (a line break a single-line field must not carry) and lone
// UTF-16 surrogates (not text). Pure zod: the store's routes and the desk share them.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
// eslint-disable-next-line no-control-regex -- as above, but newline, carriage return and tab are text in a note
const CONTROL_IN_NOTE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
/** With the u flag, [\ud800-\udfff] matches only unpaired surrogates. */
const INVISIBLE = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]|[\ud800-\udfff]/u;

const stringOf = (label: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? `请填写${label}` : `${label}须为文本`) });

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not plain text, naming the field and the character; null when it is. */
export function plainTextProblem(label: string, value: string, multiline = false): string | null {
  const control = (multiline ? CONTROL_IN_NOTE : CONTROL).exec(value);
  if (control) return `${label}不能含控制字符（${codePoint(control[0])}${multiline ? '' : '，如换行、制表符'}）`;
  const invisible = INVISIBLE.exec(value);
  if (invisible) return `${label}不能含文字方向控制字符或不可见的分隔字符（${codePoint(invisible[0])}）`;
  return null;
}

export interface PlainTextOptions {
  /** Newline and tab allowed (notes, reasons). */
  multiline?: boolean;
  /** At least this many characters (default 1). */
  min?: number;
  /** A stricter rule, checked only when the text is otherwise plain: one message per bad value. */
  pattern?: { regex: RegExp; message: string };
}

/** Trimmed, non-empty text of at most `max` characters, without control or bidi-override characters. */
export function plainText(label: string, max: number, options: PlainTextOptions = {}) {
  const min = options.min ?? 1;
  return stringOf(label)
    .trim()
    .min(min, { message: min === 1 ? `${label}不能为空` : `${label}至少 ${min} 个字符`, abort: true })
    .max(max, { message: `${label}不能超过 ${max} 个字符`, abort: true })
    .superRefine((value, ctx) => {
      const problem = plainTextProblem(label, value, options.multiline ?? false);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      else if (options.pattern && !options.pattern.regex.test(value))
        ctx.addIssue({ code: 'custom', message: options.pattern.message });
    });
}

/**
 * A person's name: letters of any script, combining marks, digits, spaces
 * and the punctuation names and recorded aliases use: 「·」 of minority and
 * transliterated names, . ' ’ - of Latin ones, commas, quotes and
 * parentheses of recorded aliases (「李四, 又名李小四」, 「Aung "Tony" Kyaw」).
 * No other symbols.
 */
export function personName(label: string, max = 50) {
  return plainText(label, max, {
    pattern: {
      regex: /^[\p{L}\p{M}\p{N} ·•・．.'’"“”,，()（）-]+$/u,
      message: `${label}只能含文字、数字、空格和 · . ' " - , ( ) 等姓名用字`,
    },
  });
}

/** An ID or document number: letters, digits, hyphen and parentheses (e.g. a Hong Kong 「A123456(7)」), at most `max`. */
export function documentNumber(label: string, max = 32) {
  return stringOf(label)
    .trim()
    .min(1, { message: `${label}不能为空`, abort: true })
    .max(max, { message: `${label}不能超过 ${max} 个字符`, abort: true })
    .regex(/^[A-Za-z0-9()-]+$/, `${label}只能含字母、数字、连字符和括号`);
}
