import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src-server/areas/inmates/csv';

const records = (text: string) => {
  const result = parseCsv(text);
  if (!result.ok) throw new Error(result.message);
  return result.records;
};

describe('CSV reader (RFC 4180)', () => {
  it("splits fields and records, LF or CRLF, and keeps each record's line", () => {
    expect(records('a,b\r\n1,2\n3,4')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(records('"x, y","say ""hi""","two\nlines"\nnext,row,here')).toEqual([
      { line: 1, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { line: 3, fields: ['next', 'row', 'here'] },
    ]);
  });

  it('drops a BOM and skips blank lines, keeping line numbers true', () => {
    expect(records('\uFEFFh\n\n1\n')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 3, fields: ['1'] },
    ]);
  });

  it('keeps empty fields', () => {
    expect(records('a,,c,\n')).toEqual([{ line: 1, fields: ['a', '', 'c', ''] }]);
  });

  it('reports an unterminated quote and stray quotes with their line', () => {
    expect(parseCsv('a\n"open')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('a\nb"c')).toMatchObject({ ok: false, line: 2 });
    expect(parseCsv('"a"b')).toMatchObject({ ok: false, line: 1 });
  });
});
