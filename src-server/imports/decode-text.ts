// The text of a CSV file as offices save it (issue #25 item 7). Excel on Chinese Windows saves
// "CSV (逗号分隔)" in the ANSI code page 936 (GBK, which GB18030 extends), "CSV UTF-8" with a
// BOM, and "Unicode 文本" as UTF-16LE with a BOM; WPS and LibreOffice save UTF-8 without one.
//
// Detection is deterministic, not statistical: a BOM decides; otherwise a strict UTF-8 decode,
// and if it fails, GB18030. Why not chardet: GBK text is almost never valid UTF-8 (its lead bytes
// 0x81–0xFE are followed by bytes 0x40–0xFE that break UTF-8's continuation rules within a
// character or two), so the strict decode separates the two exactly, while a statistical guess
// on a short register (a few names and numbers) can come out as Big5, EUC-KR or a Latin code
// page and import mojibake without an error. GB18030 decodes every GBK and GB2312 file. Node's
// TextDecoder (full ICU, Node ≥ 20) reads GB18030 itself, so the store needs no iconv package.

export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le';

export type DecodedText = { ok: true; encoding: TextEncodingName; text: string } | { ok: false; message: string };

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return strict('utf-8', bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return strict('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: false, message: '不支持 UTF-16 大端编码的文件，请另存为“CSV UTF-8”' };
  const utf8 = strict('utf-8', bytes);
  if (utf8.ok) return utf8;
  return strict('gb18030', bytes);
}

function strict(encoding: TextEncodingName, bytes: Uint8Array): DecodedText {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, encoding, text };
  } catch {
    return { ok: false, message: '无法识别文件的文字编码（应为 UTF-8 或 GBK/GB18030），请在 Excel 中另存为“CSV UTF-8”后再导入' };
  }
}
