// Staff passwords: argon2id (RFC 9106). Cost comes from the configuration so
// tests can use a cheap setting; production uses PRODUCTION_PASSWORD_HASHING.
import { argon2id, hash as argon2Hash, verify as argon2Verify } from 'argon2';
import type { HashOptions } from 'argon2';
import type { PasswordHashingConfig } from '../config';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Same cost as a real check, for unknown usernames: timing must not reveal which names exist. */
  verifyDummy(password: string): Promise<false>;
}

export function createPasswordHasher(cost: PasswordHashingConfig): PasswordHasher {
  const options: HashOptions = { type: argon2id, ...cost };
  let dummy: Promise<string> | undefined;
  const verify = async (hash: string, password: string) => {
    try {
      return await argon2Verify(hash, password);
    } catch {
      return false; // a malformed stored hash never logs anyone in
    }
  };
  return {
    hash: (password) => argon2Hash(password, options),
    verify,
    async verifyDummy(password) {
      dummy ??= argon2Hash('dummy-password-for-timing', options);
      await verify(await dummy, password);
      return false;
    },
  };
}
