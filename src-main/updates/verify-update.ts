// The terminal's own checks of a downloaded update, beyond electron-updater's: the installer's
// SHA-512 recomputed from the file, and the province's Ed25519 signature over the feed's version,
// target and files (src-shared/updates/build-signature.ts), with the key in the configuration.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import {
  buildSignatureText,
  ED25519_SIGNATURE_BASE64,
  UPDATE_TARGETS,
  type UpdateTarget,
} from '../../src-shared/updates/build-signature';
import type { Check } from './install-policy';

/** The province's key from PEM text or base64 SPKI DER; throws when it is not Ed25519. */
export function provinceKey(text: string): KeyObject {
  const trimmed = text.trim();
  const key = trimmed.startsWith('-----BEGIN')
    ? createPublicKey(trimmed)
    : createPublicKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('省厅更新公钥须为 Ed25519 公钥');
  return key;
}

interface FeedFile {
  readonly sha512: string;
  readonly size: number;
}

const isFeedFile = (f: unknown): f is FeedFile =>
  typeof f === 'object' && f !== null && typeof (f as FeedFile).sha512 === 'string' && typeof (f as FeedFile).size === 'number';

/** The signature check over the update info electron-updater parsed from the feed (the `update-downloaded` event). */
export function checkFeedSignature(info: Record<string, unknown>, key: KeyObject): Check {
  const { version, files } = info;
  const signature = info['x-province-signature'];
  const target = info['x-build-target'];
  if (typeof version !== 'string') return { ok: false, reason: '更新信息缺少版本号' };
  if (typeof signature !== 'string' || !ED25519_SIGNATURE_BASE64.test(signature))
    return { ok: false, reason: '更新信息缺少省厅签名' };
  if (typeof target !== 'string' || !(UPDATE_TARGETS as readonly string[]).includes(target))
    return { ok: false, reason: '更新信息缺少目标平台' };
  if (!Array.isArray(files) || files.length === 0 || !files.every(isFeedFile)) return { ok: false, reason: '更新信息缺少文件' };
  const text = buildSignatureText(version, target as UpdateTarget, files);
  return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(signature, 'base64'))
    ? { ok: true }
    : { ok: false, reason: '签名与省厅公钥不符' };
}

/** The file's SHA-512 (base64, electron-builder's form) against the expected one. */
export async function checkFileSha512(file: string, expected: string): Promise<Check> {
  const hash = createHash('sha512');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    return { ok: false, reason: `无法读取安装文件：${error instanceof Error ? error.message : String(error)}` };
  }
  return hash.digest('base64') === expected ? { ok: true } : { ok: false, reason: 'SHA-512 与更新信息不符' };
}
