// "保存为 PDF" keeps what the desk window shows in the data folder. Bad
// output (not a PDF, a failing printer, no printer) is refused in Chinese and writes nothing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { savePdf } from '../../../src-main/desk/save-pdf';

const dirs: string[] = [];
const dataDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'desk-pdf-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const at = new Date('2026-10-20T01:02:03.456Z');

describe('desk savePdf', () => {
  test('a PDF is written whole under prints/, named with the time', async () => {
    const dir = dataDir();
    const bytes = new TextEncoder().encode('%PDF-1.7\n% test\n%%EOF\n');
    const r = await savePdf({ print: async () => bytes }, dir, 'form-abc', at);
    expect(r).toEqual({
      accepted: true,
      value: { path: join(dir, 'prints', 'form-abc-20261020T010203Z.pdf'), bytes: bytes.byteLength },
    });
    expect(readFileSync(join(dir, 'prints', 'form-abc-20261020T010203Z.pdf'))).toEqual(Buffer.from(bytes));
    expect(readdirSync(join(dir, 'prints'))).toEqual(['form-abc-20261020T010203Z.pdf']);
  });

  test('output that is not a PDF, a failing printer or no printer: refused, nothing written', async () => {
    const dir = dataDir();
    const notPdf = await savePdf({ print: async () => new TextEncoder().encode('<html>') }, dir, 'form', at);
    expect(notPdf).toMatchObject({
      accepted: false,
      refusal: { code: 'PRINT_FAILED', message: expect.stringContaining('不是 PDF') },
    });
    const failing = await savePdf({ print: async () => Promise.reject(new Error('窗口已关闭')) }, dir, 'form', at);
    expect(failing).toMatchObject({
      accepted: false,
      refusal: { code: 'PRINT_FAILED', message: expect.stringContaining('窗口已关闭') },
    });
    expect(await savePdf(null, dir, 'form', at)).toMatchObject({ accepted: false, refusal: { code: 'NO_PRINTER' } });
    expect(existsSync(join(dir, 'prints'))).toBe(false);
  });
});
