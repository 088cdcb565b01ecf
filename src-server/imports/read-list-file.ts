// A list file as uploaded (issue #25 item 7) → its records: .xlsx through exceljs, .csv through
// the encoding detection (decode-text.ts) and the RFC 4180 reader. What each import then checks
// (columns, rows, all or nothing) is its own (e.g. areas/inmates/import-csv.ts).
import { parseCsv, type CsvRecord } from '../areas/inmates/csv';
import { decodeText } from './decode-text';
import { readXlsx } from './read-xlsx';
import type { ImportFileAnswer } from '../../src-shared/store-api/import-file';

export type ListFormat = ImportFileAnswer['format'];

export type ListFile = { ok: true; format: ListFormat; records: CsvRecord[] } | { ok: false; line: number; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];

export async function readListFile(fileName: string, bytes: Uint8Array): Promise<ListFile> {
  const isZip = ZIP.every((b, i) => bytes[i] === b);
  if (/\.xlsx$/i.test(fileName)) {
    if (!isZip) return { ok: false, line: 1, message: '文件扩展名为 .xlsx，但内容不是 Excel 工作簿' };
    const read = await readXlsx(bytes);
    return read.ok ? { ok: true, format: 'xlsx', records: read.records } : read;
  }
  if (isZip) return { ok: false, line: 1, message: '这是 Excel 工作簿，请把扩展名改回 .xlsx 或另存为 CSV' };
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, line: 1, message: decoded.message };
  const parsed = parseCsv(decoded.text);
  if (!parsed.ok) return parsed;
  return { ok: true, format: `csv-${decoded.encoding}`, records: parsed.records };
}
