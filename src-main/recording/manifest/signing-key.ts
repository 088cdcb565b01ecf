// The terminal's Ed25519 key that signs recording manifests. Created on first use in the
// data folder with 0600 permissions (only the terminal's account can read it); the public
// half travels in every manifest so the central store can pin it per terminal.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { protectSecretFile } from '../../store/private-files';
import { dirname } from 'node:path';

export interface SigningKey {
  readonly privateKey: KeyObject;
  /** SubjectPublicKeyInfo DER, base64: what the manifest carries. */
  readonly publicKeySpki: string;
  /** First 16 hex digits of SHA-256(SPKI DER): a short name for the key. */
  readonly keyId: string;
}

/** The conventional place: `<dataDir>/recording-signing-key.pem`. */
export const SIGNING_KEY_FILE = 'recording-signing-key.pem';

export function describePublicKey(publicKey: KeyObject): { publicKeySpki: string; keyId: string } {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { publicKeySpki: der.toString('base64'), keyId: createHash('sha256').update(der).digest('hex').slice(0, 16) };
}

function createKeyFile(path: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  // 'wx': if two callers race, the second one reads the first one's key instead.
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function loadOrCreateSigningKey(path: string): SigningKey {
  try {
    createKeyFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  // A key left readable by others (copied by hand, restored from backup) is tightened; on Windows its ACL.
  protectSecretFile(path);
  const privateKey = createPrivateKey(readFileSync(path));
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`签名密钥 ${path} 不是 Ed25519 密钥`);
  return { privateKey, ...describePublicKey(createPublicKey(privateKey)) };
}
