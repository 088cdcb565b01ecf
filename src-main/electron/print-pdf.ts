// Desk printing: Forms 1 and 2 and the notice become a PDF through Chromium's
// own printer, webContents.printToPDF, from the page the desk shows (its print view hides
// everything but the sheets with @media print). The page's CSS @page decides A4 and the
// margins (preferCSSPageSize), so the app and the e2e test (Chromium's page.pdf, same
// engine) print the same layout. Writing the file is left to the caller (main's desk
// service knows the data folder); this module only talks to Electron.
import type { PrintToPDFOptions, WebContents } from 'electron';

export const DESK_PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  landscape: false,
  displayHeaderFooter: false,
};

export interface PdfPrinter {
  /** The PDF bytes of what the desk window shows now; rejects when there is no window. */
  print(): Promise<Uint8Array>;
}

/** A printer for whichever window the desk runs in (looked up at each call: windows come and go). */
export function createWindowPdfPrinter(contentsOf: () => WebContents | null): PdfPrinter {
  return {
    async print() {
      const contents = contentsOf();
      if (!contents || contents.isDestroyed()) throw new Error('没有可打印的窗口，请先打开要打印的表格。');
      const pdf = await contents.printToPDF(DESK_PDF_OPTIONS);
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
  };
}
