// An .xlsx is a zip: a few hundred kilobytes can inflate to gigabytes (a "zip bomb") and the
// workbook reader holds it all in memory. Before reading, the zip's central directory is read
// (the sizes it declares for each part) and a file that would inflate beyond the budget, has
// too many parts, or uses ZIP64 (no list of 20,000 rows needs it) is refused unread.
export const MAX_XLSX_INFLATED_BYTES = 100 * 1024 * 1024;
export const MAX_XLSX_PARTS = 2_000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

export function zipBudgetProblem(bytes: Uint8Array): string | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => view.getUint32(at, true);
  const u16 = (at: number) => view.getUint16(at, true);
  let eocd = -1;
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (u32(at) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return '不是有效的 .xlsx 文件（应为 Excel 工作簿）';
  const entries = u16(eocd + 10);
  const offset = u32(eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) return '工作簿过大（ZIP64），请拆分后再导入';
  if (entries > MAX_XLSX_PARTS) return '工作簿结构异常（部件过多）';
  let at = offset;
  let inflated = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || u32(at) !== CENTRAL) return '不是有效的 .xlsx 文件（目录损坏）';
    const size = u32(at + 24);
    if (size === 0xffffffff) return '工作簿过大（ZIP64），请拆分后再导入';
    inflated += size;
    if (inflated > MAX_XLSX_INFLATED_BYTES) return `工作簿解压后超过 ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB，请拆分后再导入`;
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
  }
  return null;
}
