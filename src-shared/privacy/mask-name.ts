// The idle screen faces the waiting room: it names a person serving a sentence only as
// far as a relative needs to find their slot (surname), not in full. Main masks the
// names before they leave for a screen anyone may see (visit.listForDay needs no login).

/** "张三丰" → "张＊＊"; a one-character or empty name is left as it is. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  return chars[0] + '＊'.repeat(chars.length - 1);
}
