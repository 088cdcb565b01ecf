// Issue #25 item 2 (R8.1, R35.1): what a proof scan may be — the type from the bytes' magic
// numbers (not the name), the size cap, and a display name cut to safe characters.
import { describe, expect, it } from 'vitest';
import {
  checkProofFile,
  MAX_PROOF_BYTES,
  MAX_PROOF_NAME_CHARS,
  sanitizeProofName,
  sniffProofType,
} from '../../../src-shared/proofs/scan-file';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const PDF = new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n');

describe('R8.1 R35.1 proof scans: type by magic bytes', () => {
  it('recognises JPEG, PNG and PDF by their first bytes', () => {
    expect(sniffProofType(JPEG)).toBe('image/jpeg');
    expect(sniffProofType(PNG)).toBe('image/png');
    expect(sniffProofType(PDF)).toBe('application/pdf');
  });

  it('refuses what only looks like one by name or by a truncated signature', () => {
    expect(sniffProofType(new TextEncoder().encode('<html><script>'))).toBeNull();
    expect(sniffProofType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(sniffProofType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffProofType(new TextEncoder().encode('GIF89a'))).toBeNull();
    expect(sniffProofType(new TextEncoder().encode(' %PDF-1.4'))).toBeNull();
    const check = checkProofFile('户口簿.jpg', new TextEncoder().encode('MZ\x90\x00 executable'));
    expect(check).toEqual({ ok: false, message: '只能上传 JPEG、PNG 图片或 PDF 文件（按文件内容识别）' });
  });

  it('refuses an empty file and one over the cap, with a Chinese message', () => {
    expect(checkProofFile('a.pdf', new Uint8Array())).toEqual({ ok: false, message: '文件为空，请重新选择' });
    const big = new Uint8Array(MAX_PROOF_BYTES + 1);
    big.set(PDF);
    const over = checkProofFile('a.pdf', big);
    expect(over.ok).toBe(false);
    expect(!over.ok && over.message).toMatch(/不能超过 10 MB/);
    const atCap = new Uint8Array(MAX_PROOF_BYTES);
    atCap.set(PDF);
    expect(checkProofFile('a.pdf', atCap)).toMatchObject({ ok: true, type: 'application/pdf' });
  });
});

describe('R8.1 R35.1 proof scans: file names', () => {
  it('keeps Chinese names and gives the extension of the real type', () => {
    expect(sanitizeProofName('户口簿 第1页.jpeg', 'image/jpeg')).toBe('户口簿 第1页.jpg');
    expect(sanitizeProofName('结婚证.pdf', 'image/png')).toBe('结婚证.png');
  });

  it('drops folders, control and bidi characters, and shell or path characters', () => {
    expect(sanitizeProofName('..\\..\\windows\\system32\\evil.exe', 'application/pdf')).toBe('evil.pdf');
    expect(sanitizeProofName('/etc/passwd', 'image/png')).toBe('passwd.png');
    expect(sanitizeProofName('a\u202Egpj.exe', 'image/jpeg')).toBe('agpj.jpg');
    expect(sanitizeProofName('x\u0000y\nz.pdf', 'application/pdf')).toBe('xyz.pdf');
    expect(sanitizeProofName('$(rm -rf ~);<b>.png', 'image/png')).toBe('(rm -rf _)__b_.png');
    expect(sanitizeProofName('...hidden', 'image/png')).toBe('扫描件.png');
    expect(sanitizeProofName('', 'application/pdf')).toBe('扫描件.pdf');
  });

  it('cuts long names to the limit, counting characters not bytes', () => {
    const name = sanitizeProofName(`${'证'.repeat(300)}.pdf`, 'application/pdf');
    expect(Array.from(name)).toHaveLength(MAX_PROOF_NAME_CHARS);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
