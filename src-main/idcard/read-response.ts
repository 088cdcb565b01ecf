// Data of a successful "read text and photo" (0x30 0x01) answer:
//   TEXT_LEN (2, big-endian) | PHOTO_LEN (2) | text (256) | photo (1024, WLT)
// e.g. AA AA AA 96 69 05 08 00 00 90 | 01 00 04 00 | …  (LEN 0x0508 = 1288).

export interface ReadTextData {
  text: Uint8Array;
  photo: Uint8Array;
}

/** Null when the lengths announced do not fit the data received. */
export function splitReadTextData(data: Uint8Array): ReadTextData | null {
  if (data.length < 4) return null;
  const textLength = ((data[0] ?? 0) << 8) | (data[1] ?? 0);
  const photoLength = ((data[2] ?? 0) << 8) | (data[3] ?? 0);
  if (4 + textLength + photoLength > data.length) return null;
  return {
    text: data.subarray(4, 4 + textLength),
    photo: data.subarray(4 + textLength, 4 + textLength + photoLength),
  };
}

export function joinReadTextData(text: Uint8Array, photo: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + text.length + photo.length);
  out[0] = text.length >> 8;
  out[1] = text.length & 0xff;
  out[2] = photo.length >> 8;
  out[3] = photo.length & 0xff;
  out.set(text, 4);
  out.set(photo, 4 + text.length);
  return out;
}
