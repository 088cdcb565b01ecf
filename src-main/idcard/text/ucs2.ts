// Card text fields are UCS-2 little-endian, padded with spaces (0x20 0x00);
// some readers pad with NULs instead, so both are trimmed.

export function decodeUcs2(block: Uint8Array, offset: number, bytes: number): string {
  let out = '';
  for (let i = offset; i + 1 < offset + bytes && i + 1 < block.length; i += 2) {
    out += String.fromCharCode((block[i] ?? 0) | ((block[i + 1] ?? 0) << 8));
  }
  return out;
}

export function trimField(raw: string): string {
  return raw.replace(/^[\s\0]+|[\s\0]+$/g, '');
}

/**
 * Writes `text` into block[offset, offset+bytes) as UCS-2LE, padded with
 * spaces. Throws when it does not fit: a fixture must not be silently cut.
 */
export function encodeUcs2Into(block: Uint8Array, offset: number, bytes: number, text: string): void {
  if (text.length * 2 > bytes) throw new RangeError(`"${text}" needs ${text.length * 2} bytes, field has ${bytes}`);
  for (let i = 0; i < bytes / 2; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 0x20;
    block[offset + i * 2] = code & 0xff;
    block[offset + i * 2 + 1] = code >> 8;
  }
}
