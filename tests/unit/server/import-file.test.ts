// Issue #25 item 7 (R8.1, R9.1: the registers the forms print from): list files as offices
// save them. GBK/GB18030 bytes made by iconv-lite, an .xlsx written by exceljs here, the
// file-type checks and the zip budget, and the same row validation over both.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src-server/imports/decode-text';
import { readListFile } from '../../../src-server/imports/read-list-file';
import { readXlsx } from '../../../src-server/imports/read-xlsx';
import { MAX_XLSX_INFLATED_BYTES, zipBudgetProblem } from '../../../src-server/imports/zip-budget';
import { checkInmateRecords } from '../../../src-server/areas/inmates/import-csv';

const REGISTER =
  '罪犯编号,姓名,监区,出生日期,家庭住址\r\nGA-0001,张三,一监区,1990-05-17,云南省昆明市五华区翠湖南路1号\r\nGA-0002,欧阳娜娜,二监区,1988-11-30,"云南省大理州大理市下关镇, 洱河路2号"\r\n';
const WARDS = [
  { id: 'w1', code: 'W1', name: '一监区' },
  { id: 'w2', code: 'W2', name: '二监区' },
];
const none = async () => new Set<string>();

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('罪犯名单');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('issue #25 item 7: the encoding of a CSV file', () => {
  it('GBK bytes (Excel "CSV" on Chinese Windows, made by iconv-lite) are not UTF-8 and read as GB18030', () => {
    const gbk = iconv.encode(REGISTER, 'gbk');
    expect(new TextDecoder('utf-8').decode(gbk)).not.toContain('张三'); // the mojibake a UTF-8 reader would import
    expect(decodeText(gbk)).toEqual({ ok: true, encoding: 'gb18030', text: REGISTER });
  });

  it('GB18030 four-byte characters (a rare name character beyond GBK) read back', () => {
    const text = '姓名\r\n𠀾\r\n';
    const bytes = iconv.encode(text, 'gb18030');
    expect(bytes.length).toBeGreaterThan(iconv.encode('姓名\r\n\r\n', 'gb18030').length + 2);
    expect(decodeText(bytes)).toEqual({ ok: true, encoding: 'gb18030', text });
  });

  it('UTF-8 with and without BOM, and UTF-16LE with BOM ("Unicode 文本"), read as such', () => {
    expect(decodeText(Buffer.from(`\uFEFF${REGISTER}`, 'utf8'))).toEqual({ ok: true, encoding: 'utf-8', text: REGISTER });
    expect(decodeText(Buffer.from(REGISTER, 'utf8'))).toEqual({ ok: true, encoding: 'utf-8', text: REGISTER });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(REGISTER, 'utf16le')]))).toEqual({
      ok: true,
      encoding: 'utf-16le',
      text: REGISTER,
    });
  });

  it('bytes that are neither UTF-8 nor GB18030 are refused in Chinese, not imported as mojibake', () => {
    const broken = decodeText(Uint8Array.from([0x41, 0x81, 0x20, 0x42])); // 0x81 lead byte, bad trail
    expect(broken).toMatchObject({ ok: false, message: expect.stringContaining('无法识别文件的文字编码') });
  });
});

describe('issue #25 item 7: an .xlsx written by exceljs', () => {
  it('reads the first sheet as text rows: dates as YYYY-MM-DD, numbers, rich text, formulas, empty trailing cells', async () => {
    const bytes = await workbook([
      ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'],
      ['GA-0001', '张三', '一监区', new Date(Date.UTC(1990, 4, 17)), '云南省昆明市'],
      ['GA-0002', { richText: [{ text: '欧阳' }, { text: '娜娜' }] }, '二监区', '1988-11-30', null],
      [],
      ['GA-0003', { formula: '"李"&"四"', result: '李四' }, '一监区', 19850101],
    ]);
    const read = await readXlsx(bytes);
    expect(read).toEqual({
      ok: true,
      records: [
        { line: 1, fields: ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'] },
        { line: 2, fields: ['GA-0001', '张三', '一监区', '1990-05-17', '云南省昆明市'] },
        { line: 3, fields: ['GA-0002', '欧阳娜娜', '二监区', '1988-11-30', ''] },
        { line: 5, fields: ['GA-0003', '李四', '一监区', '19850101', ''] },
      ],
    });
  });

  it('an 18-digit ID number typed into a number cell (digits already lost) is refused with the fix', async () => {
    const bytes = await workbook([
      ['罪犯编号', '姓名', '监区', '出生日期', '身份证号码'],
      ['GA-0001', '张三', '一监区', '1990-05-17', Number('530102199005171232')],
    ]);
    expect(await readXlsx(bytes)).toMatchObject({ ok: false, line: 2, message: expect.stringContaining('“文本”格式') });
  });

  it('the file type must match its name; a zip that would inflate beyond the budget is refused unread', async () => {
    const xlsx = await workbook([['罪犯编号'], ['GA-1']]);
    expect(await readListFile('名单.csv', xlsx)).toMatchObject({ ok: false, message: expect.stringContaining('Excel 工作簿') });
    expect(await readListFile('名单.xlsx', Buffer.from(REGISTER))).toMatchObject({
      ok: false,
      message: expect.stringContaining('不是 Excel'),
    });
    expect(zipBudgetProblem(xlsx)).toBeNull();
    // The same workbook with one part's declared size raised past the budget (a "zip bomb" as the directory tells it).
    const bomb = Uint8Array.from(xlsx);
    const view = new DataView(bomb.buffer);
    for (let at = 0; at < bomb.length - 4; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, MAX_XLSX_INFLATED_BYTES + 1, true);
        break;
      }
    }
    expect(zipBudgetProblem(bomb)).toContain('解压后超过');
    expect(await readListFile('名单.xlsx', bomb)).toMatchObject({ ok: false, message: expect.stringContaining('解压后超过') });
  });
});

describe('issue #25 item 7: the same all-or-nothing row check for every format', () => {
  it('R8.1 R9.1 a GBK CSV and an .xlsx of the same register give the same inmates, home address included', async () => {
    const csv = await readListFile('名单.csv', iconv.encode(REGISTER, 'gbk'));
    const xlsx = await readListFile(
      '名单.xlsx',
      await workbook([
        ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'],
        ['GA-0001', '张三', '一监区', '1990-05-17', '云南省昆明市五华区翠湖南路1号'],
        ['GA-0002', '欧阳娜娜', '二监区', '1988-11-30', '云南省大理州大理市下关镇, 洱河路2号'],
      ]),
    );
    if (!csv.ok || !xlsx.ok) throw new Error('not read');
    expect(csv.format).toBe('csv-gb18030');
    expect(xlsx.format).toBe('xlsx');
    const a = await checkInmateRecords(csv.records, 'p1', WARDS, none);
    const b = await checkInmateRecords(xlsx.records, 'p1', WARDS, none);
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      ok: true,
      inmates: [
        { inmateNumber: 'GA-0001', wardId: 'w1', homeAddress: '云南省昆明市五华区翠湖南路1号' },
        { inmateNumber: 'GA-0002', wardId: 'w2', homeAddress: '云南省大理州大理市下关镇, 洱河路2号' },
      ],
    });
  });

  it('one bad row in an .xlsx makes the whole file fail, each error naming its row and column in Chinese', async () => {
    const xlsx = await readListFile(
      '名单.xlsx',
      await workbook([
        ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'],
        ['GA-0001', '张三', '一监区', '1990-05-17', '云南省'],
        ['GA-0002', '李四', '九监区', '1990-02-30', `云南省${'很'.repeat(200)}`],
      ]),
    );
    if (!xlsx.ok) throw new Error('not read');
    const check = await checkInmateRecords(xlsx.records, 'p1', WARDS, none);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.message).toBe('有 1 行数据有误，未导入任何记录');
    expect(check.issues.map((i) => `${i.row}:${i.field}`).sort()).toEqual(['3:birth_date', '3:home_address', '3:ward']);
    for (const i of check.issues) expect(i.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
