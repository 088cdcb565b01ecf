// Checks a recording's manifest: the Ed25519 signature over its canonical JSON, then every
// file it lists (segments in order, the archive, the chapters) against size and SHA-256.
// Names the first bad segment. `trustedKeyIds` or `trustedKeySha256s` pin the terminal's
// key: without them a valid signature only proves the manifest was not changed after it
// was signed, not which terminal signed it.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { hashFile } from './hash-file';
import { MANIFEST_FORMAT, signedBytes, type ManifestFile, type SignedManifest } from './manifest';
import { describePublicKey } from './signing-key';

export interface VerifyProblem {
  readonly kind: 'format' | 'signature' | 'untrusted-key' | 'segment' | 'archive' | 'chapters';
  /** The file concerned, relative to the manifest. */
  readonly file?: string;
  readonly index?: number;
  readonly message: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly manifestPath: string;
  readonly recordingId: string | null;
  readonly keyId: string | null;
  /** SHA-256 (hex) of the SPKI DER of the key in the manifest: its full fingerprint. */
  readonly keySha256: string | null;
  readonly signatureValid: boolean;
  readonly segmentsChecked: number;
  /** The first segment whose file is missing or differs from the manifest. */
  readonly firstBadSegment: { readonly index: number; readonly file: string } | null;
  readonly problems: readonly VerifyProblem[];
}

const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isFileEntry = (v: unknown): v is ManifestFile => {
  const f = v as Partial<ManifestFile> | null;
  return typeof f?.file === 'string' && typeof f.bytes === 'number' && isHex64(f.sha256);
};

function shapeProblem(m: Partial<SignedManifest>): string | null {
  if (m.format !== MANIFEST_FORMAT) return `不支持的清单格式：${String(m.format)}`;
  if (typeof m.recordingId !== 'string' || !Array.isArray(m.segments)) return '清单缺少录像编号或分段列表';
  if (!m.segments.every(isFileEntry)) return '清单的分段列表格式错误';
  if (m.archive !== null && !isFileEntry(m.archive)) return '清单的归档文件项格式错误';
  if (m.chapters !== null && m.chapters !== undefined && !isFileEntry(m.chapters)) return '清单的章节文件项格式错误';
  if (m.publicKey?.algorithm !== 'Ed25519' || typeof m.publicKey.spki !== 'string') return '清单缺少 Ed25519 公钥';
  if (m.signature?.algorithm !== 'Ed25519' || typeof m.signature.value !== 'string') return '清单缺少 Ed25519 签名';
  return null;
}

function checkSignature(m: SignedManifest): { valid: boolean; keyId: string | null; keySha256: string | null } {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(m.publicKey.spki, 'base64'), format: 'der', type: 'spki' });
    const { keyId } = describePublicKey(publicKey);
    const keySha256 = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex');
    if (keyId !== m.publicKey.keyId) return { valid: false, keyId, keySha256 };
    return { valid: verify(null, signedBytes(m), publicKey, Buffer.from(m.signature.value, 'base64')), keyId, keySha256 };
  } catch {
    return { valid: false, keyId: null, keySha256: null };
  }
}

/** A manifest lists files by plain names next to it; anything else is refused. */
const safeName = (file: string): boolean =>
  !isAbsolute(file) && !normalize(file).startsWith('..') && !file.includes('/') && !file.includes('\\');

async function fileProblem(base: string, entry: ManifestFile): Promise<string | null> {
  if (!safeName(entry.file)) return `文件名不合法：${entry.file}`;
  const path = join(base, entry.file);
  if (!existsSync(path)) return `文件缺失：${entry.file}`;
  const digest = await hashFile(path);
  if (digest.bytes !== entry.bytes) return `文件大小不符：${entry.file}（清单 ${entry.bytes} 字节，实际 ${digest.bytes} 字节）`;
  if (digest.sha256 !== entry.sha256) return `SHA-256 不符：${entry.file}（文件被改动过）`;
  return null;
}

export interface VerifyOptions {
  /** Short key ids (first 16 hex digits of the fingerprint). */
  readonly trustedKeyIds?: readonly string[];
  /** Full fingerprints: SHA-256 hex of the SPKI DER. */
  readonly trustedKeySha256s?: readonly string[];
}

export async function verifyManifest(manifestPath: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const base = dirname(manifestPath);
  const fail = (message: string): VerifyResult => ({
    ok: false,
    manifestPath,
    recordingId: null,
    keyId: null,
    keySha256: null,
    signatureValid: false,
    segmentsChecked: 0,
    firstBadSegment: null,
    problems: [{ kind: 'format', message }],
  });
  let manifest: SignedManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SignedManifest;
  } catch (error) {
    return fail(`无法读取清单：${error instanceof Error ? error.message : String(error)}`);
  }
  const shape = shapeProblem(manifest);
  if (shape) return fail(shape);

  const problems: VerifyProblem[] = [];
  const signature = checkSignature(manifest);
  if (!signature.valid)
    problems.push({ kind: 'signature', message: '清单签名无效：清单在签名后被改动，或签名不属于清单中的公钥' });
  if (options.trustedKeyIds && (signature.keyId === null || !options.trustedKeyIds.includes(signature.keyId)))
    problems.push({ kind: 'untrusted-key', message: `签名公钥 ${signature.keyId ?? '（无法解析）'} 不在受信任的终端公钥之列` });
  if (options.trustedKeySha256s && (signature.keySha256 === null || !options.trustedKeySha256s.includes(signature.keySha256)))
    problems.push({
      kind: 'untrusted-key',
      message: `签名公钥（指纹 SHA-256:${signature.keySha256 ?? '无法解析'}）不是指定的受信任公钥`,
    });

  let firstBadSegment: VerifyResult['firstBadSegment'] = null;
  for (const segment of manifest.segments) {
    const problem = await fileProblem(base, segment);
    if (problem) {
      firstBadSegment ??= { index: segment.index, file: segment.file };
      problems.push({ kind: 'segment', file: segment.file, index: segment.index, message: `第 ${segment.index} 段：${problem}` });
    }
  }
  for (const [kind, entry] of [
    ['archive', manifest.archive],
    ['chapters', manifest.chapters],
  ] as const) {
    if (!entry) continue;
    const problem = await fileProblem(base, entry);
    if (problem)
      problems.push({ kind, file: entry.file, message: `${kind === 'archive' ? '归档文件' : '章节文件'}：${problem}` });
  }
  return {
    ok: problems.length === 0,
    manifestPath,
    recordingId: manifest.recordingId,
    keyId: signature.keyId,
    keySha256: signature.keySha256,
    signatureValid: signature.valid,
    segmentsChecked: manifest.segments.length,
    firstBadSegment,
    problems,
  };
}
