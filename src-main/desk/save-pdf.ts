// Desk printing: the form the desk window shows, saved as an A4 PDF in the
// terminal's data folder. The bytes come from a printer the host supplies: Electron's
// webContents.printToPDF in the app (src-main/electron/print-pdf.ts), Chromium's page.pdf
// in the e2e harness: the same engine and the page's own @page CSS in both.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeskOutcome } from '../../src-shared/desk/outcome';

export interface PdfSource {
  /** The PDF bytes of what the desk window shows now. */
  print(): Promise<Uint8Array>;
}

export interface SavedPdf {
  path: string;
  bytes: number;
}

const stamp = (at: Date): string =>
  at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

export async function savePdf(
  source: PdfSource | null,
  dataDir: string,
  name: string,
  now: Date,
): Promise<DeskOutcome<SavedPdf>> {
  // No printer (a terminal opened without one): a clear refusal, the form stays on screen.
  if (source === null)
    return {
      accepted: false,
      refusal: { requirement: null, code: 'NO_PRINTER', message: '本终端没有可用的打印输出，请使用“打印”按钮' },
    };
  let bytes: Uint8Array;
  try {
    bytes = await source.print();
  } catch (error) {
    return {
      accepted: false,
      refusal: {
        requirement: null,
        code: 'PRINT_FAILED',
        message: `生成 PDF 失败：${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
  // A PDF starts with %PDF-; anything else is not saved under a .pdf name.
  if (bytes.byteLength < 5 || Buffer.from(bytes.subarray(0, 5)).toString('latin1') !== '%PDF-') {
    return {
      accepted: false,
      refusal: { requirement: null, code: 'PRINT_FAILED', message: '生成 PDF 失败：打印输出不是 PDF 文件' },
    };
  }
  const dir = join(dataDir, 'prints');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}-${stamp(now)}.pdf`);
  // Written whole, then renamed: a crash never leaves half a form under the final name.
  writeFileSync(`${path}.part`, bytes);
  renameSync(`${path}.part`, path);
  return { accepted: true, value: { path, bytes: bytes.byteLength } };
}
