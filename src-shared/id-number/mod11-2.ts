// ISO 7064 MOD 11-2, the check character of GB 11643-1999 (also used by the
// Hong Kong/Macao/Taiwan residence permits and the 2023 foreign permanent
// resident ID). Weight of position i (1-based, left to right) is 2^(18-i) mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The check character for 17 digits. */
export function mod11_2CheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}
