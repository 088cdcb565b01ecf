// The store's check of a received recording manifest (format yn-visit-recording-manifest/1,
// written by the terminal's recorder): the Ed25519 signature over the canonical JSON of
// everything but `signature`, made with the key the terminal registered at enrolment,
// for this terminal and this visit. The key embedded in the manifest alone proves only
// that the file was not changed after signing; the binding comes from the enrolled key.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../../src-shared/audit/canonical-json';
import type { ManifestSignatureStatus } from '../db/schema';
import { keepNewest } from '../keep-newest';

export const MANIFEST_FORMAT = 'yn-visit-recording-manifest/1';
/** A real manifest is a few KB; anything far larger is not one. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

export interface ManifestSignatureCheck {
  readonly status: ManifestSignatureStatus;
  /** SHA-256 hex of the SPKI DER of the key in the manifest, when it could be read. */
  readonly keySha256: string | null;
  /** zh-CN, for the confirmation query and the log; null when valid. */
  readonly reason: string | null;
}

export const keySha256 = (key: KeyObject): string =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');

const result = (status: ManifestSignatureStatus, sha: string | null, reason: string | null): ManifestSignatureCheck => ({
  status,
  keySha256: sha,
  reason,
});

interface ReadKey {
  readonly key: KeyObject;
  readonly sha: string;
}

/**
 * Keys read once per text: a terminal signs every manifest with the same key, and a drained
 * backlog brings dozens of manifests at once (issue #22 item 3). Bounded; a key object is immutable.
 */
const readKeys = new Map<string, ReadKey | null>();
const MAX_READ_KEYS = 1_000;
/** An Ed25519 key is ~60 characters as base64 SPKI, ~113 as PEM: longer texts (a hostile manifest's) are not kept. */
const MAX_CACHED_TEXT = 512;

function readKey(cacheKey: string, make: () => KeyObject): ReadKey | null {
  const known = readKeys.get(cacheKey);
  if (known !== undefined) return known;
  let read: ReadKey | null;
  try {
    const key = make();
    read = { key, sha: keySha256(key) };
  } catch {
    read = null;
  }
  if (cacheKey.length <= MAX_CACHED_TEXT) keepNewest(readKeys, cacheKey, read, MAX_READ_KEYS);
  return read;
}

function embeddedKey(spki: string): ReadKey | null {
  const read = readKey(`spki:${spki}`, () => createPublicKey({ key: Buffer.from(spki, 'base64'), format: 'der', type: 'spki' }));
  return read?.key.asymmetricKeyType === 'ed25519' ? read : null;
}

const enrolledKey = (pem: string): ReadKey | null => readKey(`pem:${pem}`, () => createPublicKey(pem));

interface ManifestShape {
  format?: unknown;
  visitId?: unknown;
  terminalId?: unknown;
  publicKey?: { algorithm?: unknown; spki?: unknown } | null;
  signature?: { algorithm?: unknown; value?: unknown } | null;
}

function parse(bytes: Buffer): ManifestShape | null {
  if (bytes.length > MAX_MANIFEST_BYTES) return null;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as ManifestShape) : null;
  } catch {
    return null;
  }
}

function signatureValid(manifest: ManifestShape, key: KeyObject, signature: string): boolean {
  try {
    const { signature: _ignored, ...body } = manifest;
    return verify(null, Buffer.from(canonicalJson(body), 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    // Not canonicalisable (non-finite number, too deep): not what the recorder signs.
    return false;
  }
}

export function checkManifestSignature(
  bytes: Buffer,
  upload: { visitId: string; terminalId: string },
  enrolledKeyPem: string | null,
): ManifestSignatureCheck {
  const manifest = parse(bytes);
  if (manifest?.format !== MANIFEST_FORMAT)
    return result('malformed', null, `清单不是 ${MANIFEST_FORMAT} 格式的 JSON，无法核验签名，已拒收`);
  const { signature, publicKey } = manifest;
  if (
    signature?.algorithm !== 'Ed25519' ||
    typeof signature.value !== 'string' ||
    publicKey?.algorithm !== 'Ed25519' ||
    typeof publicKey.spki !== 'string'
  ) {
    return result('unsigned', null, '清单没有 Ed25519 签名或公钥，已拒收');
  }
  const embedded = embeddedKey(publicKey.spki);
  if (!embedded) return result('mismatch', null, '清单中的公钥不是有效的 Ed25519 公钥，已拒收');
  const sha = embedded.sha;
  if (!signatureValid(manifest, embedded.key, signature.value))
    return result('mismatch', sha, '清单签名无效：清单在签名后被改动过，已拒收');
  if (manifest.terminalId !== upload.terminalId) return result('mismatch', sha, '清单的 terminalId 与上传它的终端不符，已拒收');
  if (manifest.visitId !== upload.visitId) return result('mismatch', sha, '清单的 visitId 与上传所属的会见不符，已拒收');
  if (enrolledKeyPem === null) {
    return result(
      'unbound',
      sha,
      `终端注册时未登记签名公钥：签名（公钥指纹 SHA-256:${sha}）只证明清单未被改动，不能证明出自该终端（已接收并标记为“未绑定”）`,
    );
  }
  const enrolled = enrolledKey(enrolledKeyPem);
  if (!enrolled || enrolled.sha !== sha) {
    return result(
      'mismatch',
      sha,
      `清单的签名公钥（指纹 SHA-256:${sha}）不是该终端注册时登记的公钥（指纹 SHA-256:${enrolled ? enrolled.sha : '无法读取'}），已拒收`,
    );
  }
  return result('valid', sha, null);
}
