// Bulk import of inmates from CSV (POST /api/inmates/import). All or nothing:
// every row is checked first (fields, duplicates in the file, numbers the
// prison already uses, wards), and a single bad row means no row is written.
// The report names each bad row by its line in the file (the header is line 1).
import type { Issue } from '../../http/api-error';
import { parseCsv, type CsvRecord } from './csv';
import { inmateFieldsSchema } from '../../../src-shared/store-api/inmate-input';
import type { PlacedInmate } from './insert-inmates';

/** Column → accepted header names (English key or the zh-CN heading of the prison's register). */
export const CSV_COLUMNS = {
  inmate_number: ['inmate_number', '罪犯编号'],
  name: ['name', '姓名'],
  ward: ['ward', '监区'],
  birth_date: ['birth_date', '出生日期'],
  id_number: ['id_number', '身份证号码', '证件号码'],
  citizenship: ['citizenship', '国籍'],
  country: ['country', '国别'],
  limited_civil_capacity: ['limited_civil_capacity', '限制民事行为能力'],
  admitted_on: ['admitted_on', '入监日期'],
  // Printed on Forms 1 and 2 (R8.1, R9.1).
  home_address: ['home_address', '家庭住址', '住址'],
} as const;
type Column = keyof typeof CSV_COLUMNS;
const REQUIRED: Column[] = ['inmate_number', 'name', 'ward', 'birth_date'];

// Schema field → CSV column, to name the column in the report.
const FIELD_COLUMN: Record<string, Column> = {
  inmateNumber: 'inmate_number',
  name: 'name',
  birthDate: 'birth_date',
  idNumber: 'id_number',
  citizenship: 'citizenship',
  limitedCivilCapacity: 'limited_civil_capacity',
  admittedOn: 'admitted_on',
  homeAddress: 'home_address',
};

export const MAX_IMPORT_ROWS = 20_000;

export interface Ward {
  id: string;
  code: string;
  name: string;
}

export type ImportCheck = { ok: true; inmates: PlacedInmate[] } | { ok: false; message: string; issues: Issue[] };

const rowIssue = (row: number, field: string, message: string): Issue => ({ path: `rows.${row}.${field}`, message, row, field });

function citizenshipOf(
  value: string,
  country: string,
): { kind: 'chinese' } | { kind: 'foreign'; country: string } | { kind: 'stateless' } | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'chinese' || v === '中国' || v === '中国籍') return { kind: 'chinese' };
  if (v === 'stateless' || v === '无国籍') return { kind: 'stateless' };
  if (v === 'foreign' || v === '外国' || v === '外国籍') return { kind: 'foreign', country: country.trim() };
  return null;
}

function booleanOf(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '' || v === '否' || v === 'false' || v === '0' || v === 'no') return false;
  if (v === '是' || v === 'true' || v === '1' || v === 'yes') return true;
  return null;
}

function headerMap(header: string[]): { columns: Map<Column, number>; issues: Issue[] } {
  const columns = new Map<Column, number>();
  const issues: Issue[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    const column = (Object.keys(CSV_COLUMNS) as Column[]).find((c) => (CSV_COLUMNS[c] as readonly string[]).includes(name));
    if (column === undefined) issues.push(rowIssue(1, name || `#${index + 1}`, `无法识别的列名：${name || '（空）'}`));
    else if (columns.has(column)) issues.push(rowIssue(1, name, `列重复：${name}`));
    else columns.set(column, index);
  });
  for (const column of REQUIRED) {
    if (!columns.has(column)) issues.push(rowIssue(1, column, `缺少必需的列：${CSV_COLUMNS[column].join(' 或 ')}`));
  }
  return { columns, issues };
}

/** Checks a whole file against the prison's wards and existing numbers, without writing. */
export async function checkInmateCsv(
  csv: string,
  prisonId: string,
  wards: Ward[],
  existing: (numbers: string[]) => Promise<Set<string>>,
): Promise<ImportCheck> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) return { ok: false, message: parsed.message, issues: [rowIssue(parsed.line, 'csv', parsed.message)] };
  return checkInmateRecords(parsed.records, prisonId, wards, existing);
}

/** The same check over records already read (a CSV in any encoding, or an .xlsx sheet: issue #25 item 7). */
export async function checkInmateRecords(
  records: CsvRecord[],
  prisonId: string,
  wards: Ward[],
  existing: (numbers: string[]) => Promise<Set<string>>,
): Promise<ImportCheck> {
  const [header, ...rows] = records;
  if (!header) return { ok: false, message: '文件为空', issues: [rowIssue(1, 'csv', '文件为空')] };
  if (rows.length === 0) return { ok: false, message: '文件中没有数据行', issues: [rowIssue(2, 'csv', '文件中没有数据行')] };
  if (rows.length > MAX_IMPORT_ROWS) {
    return {
      ok: false,
      message: `一次最多导入 ${MAX_IMPORT_ROWS} 行`,
      issues: [rowIssue(1, 'csv', `一次最多导入 ${MAX_IMPORT_ROWS} 行`)],
    };
  }
  const { columns, issues: headerIssues } = headerMap(header.fields);
  if (headerIssues.length > 0) return { ok: false, message: '表头有误', issues: headerIssues };

  const issues: Issue[] = [];
  const inmates: PlacedInmate[] = [];
  const lineOfNumber = new Map<string, number>();
  const get = (fields: string[], column: Column) => {
    const index = columns.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };

  for (const { line, fields } of rows) {
    if (fields.length !== header.fields.length) {
      issues.push(rowIssue(line, 'csv', `列数为 ${fields.length}，表头为 ${header.fields.length} 列`));
      continue;
    }
    const before = issues.length;
    const wardText = get(fields, 'ward');
    const ward = wards.find((w) => w.code === wardText) ?? wards.find((w) => w.name === wardText);
    if (wardText === '') issues.push(rowIssue(line, 'ward', '监区不能为空'));
    else if (!ward) issues.push(rowIssue(line, 'ward', `本监狱没有监区“${wardText}”`));

    const citizenship = citizenshipOf(get(fields, 'citizenship'), get(fields, 'country'));
    if (citizenship === null) issues.push(rowIssue(line, 'citizenship', '国籍须为 中国、外国 或 无国籍'));
    const limited = booleanOf(get(fields, 'limited_civil_capacity'));
    if (limited === null) issues.push(rowIssue(line, 'limited_civil_capacity', '须为 是 或 否'));

    const idNumber = get(fields, 'id_number');
    const admittedOn = get(fields, 'admitted_on');
    const homeAddress = get(fields, 'home_address');
    const result = inmateFieldsSchema.safeParse({
      inmateNumber: get(fields, 'inmate_number'),
      name: get(fields, 'name'),
      birthDate: get(fields, 'birth_date'),
      ...(idNumber !== '' ? { idNumber } : {}),
      ...(admittedOn !== '' ? { admittedOn } : {}),
      ...(homeAddress !== '' ? { homeAddress } : {}),
      ...(citizenship !== null ? { citizenship } : {}),
      ...(limited !== null ? { limitedCivilCapacity: limited } : {}),
    });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '');
        const column = key === 'citizenship' && issue.path[1] === 'country' ? 'country' : (FIELD_COLUMN[key] ?? key);
        issues.push(rowIssue(line, column, issue.message));
      }
    } else {
      const number = result.data.inmateNumber;
      const first = lineOfNumber.get(number);
      if (first !== undefined) issues.push(rowIssue(line, 'inmate_number', `罪犯编号 ${number} 与第 ${first} 行重复`));
      else lineOfNumber.set(number, line);
      if (issues.length === before && ward) inmates.push({ ...result.data, prisonId, wardId: ward.id });
    }
  }

  const taken = await existing([...lineOfNumber.keys()]);
  for (const [number, line] of lineOfNumber) {
    if (taken.has(number)) issues.push(rowIssue(line, 'inmate_number', `罪犯编号 ${number} 已在本监狱登记`));
  }
  if (issues.length > 0) {
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const badRows = new Set(issues.map((i) => i.row)).size;
    return { ok: false, message: `有 ${badRows} 行数据有误，未导入任何记录`, issues };
  }
  return { ok: true, inmates };
}
