// A text message in UCS-2 (SMPP data_coding 8, CMPP Msg_Fmt 8): 140 octets a message, so 70
// characters alone or 67 per part when a long message is sent as concatenated parts (the
// 6-octet UDH takes the rest). Shared by every gateway protocol: both SMPP and CMPP split the same way.
export const SINGLE_UCS2_CHARS = 70;
export const PART_UCS2_CHARS = 67;
/** No message of ours needs more (templates are short; a longer one is a bug, refused). */
export const MAX_PARTS = 4;

/** The parts a text is sent as, each at most 70 (alone) or 67 UTF-16 code units, never splitting a surrogate pair. */
export function ucs2Parts(text: string): string[] {
  if (text.length <= SINGLE_UCS2_CHARS) return [text];
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + PART_UCS2_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(at, end));
    at = end;
  }
  return parts;
}

/** UTF-16 big-endian: what UCS-2 data_coding 8 carries. */
export function ucs2Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out[i * 2] = code >> 8;
    out[i * 2 + 1] = code & 0xff;
  }
  return out;
}

/** The concatenation header (IEI 0x00, 8-bit reference) of part `seq` (1-based) of `total`. */
export function concatenationHeader(reference: number, total: number, seq: number): Uint8Array {
  return Uint8Array.of(0x05, 0x00, 0x03, reference & 0xff, total, seq);
}
