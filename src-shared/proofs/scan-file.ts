// Proof scans (R8.1, R35.1; issue #25 item 2): what a scanned proof may be, checked the same
// way at the desk (before upload, for a quick answer) and at the store (the one that counts).
// The type is what the bytes say (magic numbers), never the file's name or the browser's
// guess; the name is kept only for display and download, so it is cut to safe characters.
import { RELATIONSHIP_PROOFS } from '../regulation/relationships';

/** Largest scan (bytes): a phone photo or a multi-page PDF scan at 300 dpi fits. */
export const MAX_PROOF_BYTES = 10 * 1024 * 1024;
/** Scans an application may carry. */
export const MAX_PROOFS_PER_APPLICATION = 20;
export const MAX_PROOF_NAME_CHARS = 80;

export const PROOF_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type ProofMediaType = (typeof PROOF_MEDIA_TYPES)[number];

/** What a scan shows: an identity document, one of R35.1's proofs, or a special visitor's letter. */
export const PROOF_SCAN_KINDS = {
  'identity-document': '身份证件',
  ...RELATIONSHIP_PROOFS,
  'official-letter': '介绍信、委托书等公函',
} as const;
export type ProofScanKind = keyof typeof PROOF_SCAN_KINDS;
export const PROOF_SCAN_KIND_CODES = Object.keys(PROOF_SCAN_KINDS) as [ProofScanKind, ...ProofScanKind[]];

const EXTENSIONS: Record<ProofMediaType, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/pdf': '.pdf',
};

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

/** The type the bytes are (JPEG SOI + marker, PNG signature, "%PDF-"), or null for anything else. */
export function sniffProofType(bytes: Uint8Array): ProofMediaType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

/**
 * A name safe to show and to offer as a download: no folders, control, bidi or shell/path
 * characters, at most MAX_PROOF_NAME_CHARS, ending in the extension of the type the bytes are.
 * Chinese and other letters stay ("户口簿 第1页.jpg").
 */
export function sanitizeProofName(name: string, type: ProofMediaType): string {
  const base = (name.split(/[\\/]/).pop() ?? '').normalize('NFC');
  const stem = base
    .replace(/\.[^.]*$/, '')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[<>:"|?*%$`'&;#{}[\]=!^~]/g, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s_-]+/, '')
    .trim();
  const ext = EXTENSIONS[type];
  const cut = Array.from(stem)
    .slice(0, MAX_PROOF_NAME_CHARS - ext.length)
    .join('')
    .trim();
  return `${cut === '' ? '扫描件' : cut}${ext}`;
}

export type ProofFileCheck = { ok: true; type: ProofMediaType; name: string } | { ok: false; message: string };

/** The whole check a scan passes before anything is stored; the message is the clerk's. */
export function checkProofFile(name: string, bytes: Uint8Array): ProofFileCheck {
  if (bytes.length === 0) return { ok: false, message: '文件为空，请重新选择' };
  if (bytes.length > MAX_PROOF_BYTES)
    return { ok: false, message: `文件不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB，请降低扫描分辨率后重试` };
  const type = sniffProofType(bytes);
  if (type === null) return { ok: false, message: '只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容识别）' };
  return { ok: true, type, name: sanitizeProofName(name, type) };
}
