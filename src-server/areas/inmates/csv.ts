// A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF, a
// leading UTF-8 BOM (Excel's "CSV UTF-8"). Each record keeps the file line it
// starts on, so errors can name the row a clerk sees in a spreadsheet.

export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvResult = { ok: true; records: CsvRecord[] } | { ok: false; line: number; message: string };

export function parseCsv(input: string): CsvResult {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let inQuotes = false;
  let quotedField = false;

  const endField = () => {
    fields.push(field);
    field = '';
    quotedField = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is not a record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (inQuotes) {
      if (c === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i++;
        } else {
          inQuotes = false;
        }
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      if (field !== '' || quotedField) return { ok: false, line, message: `第 ${line} 行：引号只能出现在字段开头` };
      inQuotes = true;
      quotedField = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text.charAt(i + 1) === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (quotedField) return { ok: false, line, message: `第 ${line} 行：引号后面只能是逗号或换行` };
      field += c;
    }
  }
  if (inQuotes) return { ok: false, line: recordLine, message: `第 ${recordLine} 行：引号没有闭合` };
  if (field !== '' || fields.length > 0 || quotedField) endRecord();
  return { ok: true, records };
}
