// The first worksheet of an .xlsx as rows of text, the shape the CSV reader gives (issue #25
// item 7), so that one check serves both. Read with exceljs (the registry's `xlsx` package is an
// old unmaintained copy). Cells become the text a clerk sees: dates as YYYY-MM-DD, rich text
// joined, a formula's result, 是/否 for booleans. An 18-digit ID number typed into a number cell
// has already lost its last digits in Excel: it is refused with the fix rather than imported wrong.
import ExcelJS from 'exceljs';
import type { CsvRecord } from '../areas/inmates/csv';
import { zipBudgetProblem } from './zip-budget';

export type XlsxResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

const MAX_COLUMNS = 64;

function dateText(d: Date): string {
  // Excel stores a date without a zone; exceljs gives it as that day's UTC midnight.
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

function cellText(value: ExcelJS.CellValue, row: number, column: number): { text: string } | { error: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) && Number.isInteger(value)) {
      return { error: `第 ${row} 行第 ${column} 列：数字过长（身份证号码等请将单元格设为“文本”格式后重新输入）` };
    }
    return { text: String(value) };
  }
  if (value instanceof Date) return { text: dateText(value) };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('hyperlink' in value) return { text: String(value.text) };
  if ('error' in value) return { error: `第 ${row} 行第 ${column} 列：单元格有错误值 ${String(value.error)}` };
  if ('result' in value)
    return value.result === undefined ? { text: '' } : cellText(value.result as ExcelJS.CellValue, row, column);
  return { text: '' };
}

export async function readXlsx(bytes: Uint8Array): Promise<XlsxResult> {
  const budget = zipBudgetProblem(bytes);
  if (budget !== null) return { ok: false, line: 1, message: budget };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, line: 1, message: '无法读取 .xlsx 文件，请确认是 Excel 工作簿（不是 .xls 或改了扩展名的文件）' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, line: 1, message: '工作簿中没有工作表' };
  const records: CsvRecord[] = [];
  let width = 0;
  let problem: { line: number; message: string } | null = null;
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    if (problem) return;
    if (records.length === 0) width = Math.min(row.cellCount, MAX_COLUMNS);
    if (row.cellCount > MAX_COLUMNS && records.length === 0) {
      problem = { line, message: `表头超过 ${MAX_COLUMNS} 列` };
      return;
    }
    const fields: string[] = [];
    // Every row as wide as the header (trailing empty cells are not stored by Excel); a
    // value beyond it is kept, so the check reports the column count.
    for (let column = 1; column <= Math.max(width, row.cellCount); column++) {
      const text = cellText(row.getCell(column).value, line, column);
      if ('error' in text) {
        problem = { line, message: text.error };
        return;
      }
      fields.push(text.text);
    }
    while (fields.length > width && fields[fields.length - 1] === '') fields.pop();
    if (fields.every((f) => f.trim() === '')) return;
    records.push({ line, fields });
  });
  if (problem !== null) {
    const { line, message } = problem;
    return { ok: false, line, message };
  }
  return { ok: true, records };
}
