// Opaque random secrets (bearer tokens, terminal credentials, enrolment codes).
// They carry ≥ 60 bits of randomness, so a plain SHA-256 is enough to store
// them: only a hash is kept, a database leak yields no usable credential.
import { createHash, randomBytes, randomInt } from 'node:crypto';

export const newToken = (): string => randomBytes(32).toString('base64url');

export const sha256Hex = (value: string): string => createHash('sha256').update(value, 'utf8').digest('hex');

// Crockford base32: no I, L, O, U, easy to read out and type on a kiosk.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters (60 bits) shown as XXXX-XXXX-XXXX. */
export function newEnrolmentCode(): string {
  let raw = '';
  for (let i = 0; i < 12; i++) raw += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export const normaliseEnrolmentCode = (code: string): string => code.toUpperCase().replace(/[\s-]/g, '');
