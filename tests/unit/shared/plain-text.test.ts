// Probe 15.9: the shared free-text builders refuse control and bidi-override
// characters (naming the field and the character) and cap the length; the
// upload file name and the first administrator's password get the same checks.
import { describe, expect, it } from 'vitest';
import { documentNumber, personName, plainText } from '../../../src-shared/text/plain-text';
import { parseUploadMetadata } from '../../../src-server/recordings/metadata';
import { ConfigError, loadConfig } from '../../../src-server/config';

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => i.message);

describe('probe 15.9: plain text fields', () => {
  const address = plainText('住址', 200);
  const reason = plainText('理由', 500, { multiline: true });

  it('probe 15.9: refuses every C0/C1 control character and DEL in a one-line field, naming the field and the code point', () => {
    const refused = [...Array.from({ length: 0x20 }, (_, i) => i), 0x7f, ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i)];
    for (const cp of refused) {
      const result = address.safeParse(`昆明${String.fromCodePoint(cp)}市`);
      expect(result.success, `U+${cp.toString(16)}`).toBe(false);
      expect(messages(result)[0]).toBe(
        `住址不能含控制字符（U+${cp.toString(16).toUpperCase().padStart(4, '0')}，如换行、制表符）`,
      );
    }
  });

  it('probe 15.9: refuses bidi embeddings, overrides, isolates, direction marks, line separators and lone surrogates', () => {
    for (const cp of [
      0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029,
    ]) {
      expect(messages(address.safeParse(`昆明${String.fromCodePoint(cp)}市`))).toEqual([
        `住址不能含文字方向控制字符或不可见的分隔字符（U+${cp.toString(16).toUpperCase().padStart(4, '0')}）`,
      ]);
      expect(reason.safeParse(`理由${String.fromCodePoint(cp)}说明`).success).toBe(false);
    }
    expect(address.safeParse('昆明\ud800市').success).toBe(false);
    expect(address.safeParse('昆明\udc00市').success).toBe(false);
    expect(address.safeParse('😀 昆明市').success).toBe(true); // a surrogate pair is text
  });

  it('probe 15.9: a note keeps newline, carriage return and tab but no other control character', () => {
    expect(reason.safeParse('第一行\r\n第二行\t完').success).toBe(true);
    expect(messages(reason.safeParse('第一行\u0007'))).toEqual(['理由不能含控制字符（U+0007）']);
  });

  it('probe 15.9: the length is capped (without running the character check on the oversized value) and the text trimmed', () => {
    expect(messages(address.safeParse('a'.repeat(201)))).toEqual(['住址不能超过 200 个字符']);
    expect(messages(address.safeParse('\u0000'.repeat(1_000_000)))).toEqual(['住址不能超过 200 个字符']);
    expect(address.parse('  昆明市  ')).toBe('昆明市');
    expect(messages(address.safeParse('   '))).toEqual(['住址不能为空']);
    expect(messages(address.safeParse(42))).toEqual(['住址须为文本']);
    expect(messages(address.safeParse(undefined))).toEqual(['请填写住址']);
  });

  it('probe 15.9: names take letters of any script, digits and name punctuation only; document numbers letters, digits, hyphen and parentheses', () => {
    const name = personName('姓名');
    for (const ok of ['张三', '阿依·木合买提', "SMITH-JONES O'NEIL", 'José Müller', '罪犯12'])
      expect(name.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['张三<script>', '王芳;DROP', '王\u0000芳', 'a'.repeat(51), '李\u202e四'])
      expect(name.safeParse(bad).success, bad).toBe(false);
    const number = documentNumber('证件号码');
    for (const ok of ['E12345678', 'A123456(7)', 'H1234567-01']) expect(number.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['E 1234', 'E1234\u0000', '１２３４', 'A'.repeat(33)])
      expect(number.safeParse(bad).success, bad).toBe(false);
  });

  it('probe 15.9: an upload file name with a bidi override, DEL or C1 control character is a 400 naming metadata.filename', () => {
    const meta = (filename: string) => ({
      visitId: '00000000-0000-4000-8000-000000000001',
      terminalId: 'T-1',
      kind: 'segment',
      filename,
      sha256: 'a'.repeat(64),
      size: '10',
    });
    expect(parseUploadMetadata(meta('visit.mkv'), 10).filename).toBe('visit.mkv');
    for (const bad of ['visit\u202e4pm.exe', 'visit\u007f.mkv', 'visit\u0085.mkv', 'visit\u2067.mkv', ' visit.mkv']) {
      try {
        parseUploadMetadata(meta(bad), 10);
        expect.unreachable(bad);
      } catch (err) {
        expect((err as { statusCode: number }).statusCode).toBe(400);
        expect((err as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['metadata.filename']);
      }
    }
  });

  it('probe 15.9: an easily guessed BOOTSTRAP_ADMIN_PASSWORD stops the store at start with a zh-CN reason', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'aaaaaaaaaa' })).toThrow(ConfigError);
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'aaaaaaaaaa' })).toThrow(/BOOTSTRAP_ADMIN_PASSWORD：密码太容易被猜到/);
    expect(loadConfig({ BOOTSTRAP_ADMIN_PASSWORD: 'Provincial-admin-1' }).bootstrap.password).toBe('Provincial-admin-1');
  });
});
