// Issue #25 items 3 and 7 against a real store on both engines: a GBK CSV (as Excel on Chinese
// Windows saves it) and an .xlsx previewed and imported through POST /api/inmates/import-file,
// all or nothing; the inmate's home address and ward name held and answered (R8.1, R9.1: the
// forms print them), and the address editable (PATCH /api/inmates/:id).
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, residentId } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { MAX_IMPORT_FILE_BYTES } from '../../../src-shared/store-api/import-file';

const GBK_REGISTER =
  '罪犯编号,姓名,监区,出生日期,家庭住址\r\nGK-0001,张三,一监区,1990-05-17,云南省昆明市五华区翠湖南路1号\r\nGK-0002,欧阳娜娜,P-A-W2,1988-11-30,云南省大理州大理市下关镇洱河路2号\r\n';

async function workbook(rows: ExcelJS.CellValue[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(ENGINES)('imports from real offices, and the inmate record the forms print from [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  const upload = (fileName: string, bytes: Buffer, commit: boolean, token = w.tokens.prisonAAdmin) =>
    store.call('POST', '/api/inmates/import-file', {
      token,
      body: { fileName, contentBase64: bytes.toString('base64'), commit },
    });
  const inmateCount = async () =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom('inmates')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const byNumber = async (n: string) =>
    (await store.call('GET', `/api/inmates?inmateNumber=${n}`, { token: w.tokens.prisonAAdmin })).body as Record<
      string,
      unknown
    >[];

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });

  it('issue #25 item 7: a GBK CSV previews (encoding, first rows, no error) and writes nothing; commit imports every row', async () => {
    const bytes = iconv.encode(GBK_REGISTER, 'gbk');
    const preview = await upload('罪犯名单.csv', bytes, false);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      format: 'csv-gb18030',
      header: ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'],
      rows: [
        { line: 2, fields: ['GK-0001', '张三', '一监区', '1990-05-17', '云南省昆明市五华区翠湖南路1号'] },
        { line: 3, fields: ['GK-0002', '欧阳娜娜', 'P-A-W2', '1988-11-30', '云南省大理州大理市下关镇洱河路2号'] },
      ],
      total: 2,
      message: null,
      issues: [],
      imported: 0,
    });
    expect(await byNumber('GK-0001')).toEqual([]);

    const commit = await upload('罪犯名单.csv', bytes, true);
    expect(commit.status).toBe(200);
    expect(commit.body.imported).toBe(2);
    // R8.1 R9.1 (issue #25 item 3): the address and the ward's name are held and answered.
    expect((await byNumber('GK-0001'))[0]).toMatchObject({
      name: '张三',
      homeAddress: '云南省昆明市五华区翠湖南路1号',
      wardName: '一监区',
    });
    expect((await byNumber('GK-0002'))[0]).toMatchObject({ name: '欧阳娜娜', wardName: '二监区' });
    // Audited as the staff action it is.
    const audit = await store.app.ctx.db
      .selectFrom('staff_audit')
      .selectAll()
      .where('action', '=', 'inmates.import-file')
      .execute();
    expect(audit.map((a) => JSON.parse(a.detail))).toEqual([{ fileName: '罪犯名单.csv', format: 'csv-gb18030', imported: 2 }]);
  });

  it('issue #25 item 7: the CSV body endpoint (text/csv) reads GBK bytes too, and refuses undecodable ones in Chinese', async () => {
    const post = (bytes: Buffer) =>
      fetch(`${store.url}/api/inmates/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.tokens.prisonAAdmin}`, 'content-type': 'text/csv' },
        body: new Uint8Array(bytes),
      });
    const gbk = await post(iconv.encode('罪犯编号,姓名,监区,出生日期\r\nGT-0001,段明,一监区,1970-01-01\r\n', 'gbk'));
    expect(gbk.status).toBe(201);
    expect((await byNumber('GT-0001'))[0]).toMatchObject({ name: '段明' });
    const broken = await post(Buffer.from([0x41, 0x81, 0x20, 0x42, 0x0a]));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { message: string } }).error.message).toContain('无法识别文件的文字编码');
  });

  it('issue #25 item 7: an .xlsx imports; with one bad row the preview shows the rows and the errors, and commit imports NOTHING', async () => {
    const good = await workbook([
      ['罪犯编号', '姓名', '监区', '出生日期', '家庭住址'],
      ['GX-0001', '李四', '一监区', new Date(Date.UTC(1985, 0, 2)), '云南省曲靖市麒麟区'],
    ]);
    expect((await upload('名单.xlsx', good, true)).body).toMatchObject({ format: 'xlsx', imported: 1 });
    expect((await byNumber('GX-0001'))[0]).toMatchObject({ birthDate: '1985-01-02', homeAddress: '云南省曲靖市麒麟区' });

    const bad = await workbook([
      ['罪犯编号', '姓名', '监区', '出生日期'],
      ['GX-0010', '王五', '一监区', '1980-01-01'],
      ['GX-0011', '赵六', '九十九监区', '1980-01-01'],
      ['GX-0001', '重复', '一监区', '1980-01-01'],
    ]);
    const before = await inmateCount();
    const preview = await upload('名单.xlsx', bad, false);
    expect(preview.status).toBe(200);
    expect(preview.body.rows.map((r: { line: number }) => r.line)).toEqual([2, 3, 4]);
    expect(preview.body.message).toBe('有 2 行数据有误，未导入任何记录');
    expect(preview.body.issues.map((i: { row: number; field: string }) => `${i.row}:${i.field}`)).toEqual([
      '3:ward',
      '4:inmate_number',
    ]);
    const commit = await upload('名单.xlsx', bad, true);
    expect(commit.status).toBe(400);
    expect(commit.body.error.message).toBe('有 2 行数据有误，未导入任何记录');
    expect(commit.body.error.issues).toHaveLength(2);
    expect(await inmateCount()).toBe(before);
    expect(await byNumber('GX-0010')).toEqual([]);
  });

  it('issue #25 item 7: what crosses the boundary is checked: file type, size, base64, who may import', async () => {
    const before = await inmateCount();
    const wrongType = await store.call('POST', '/api/inmates/import-file', {
      token: w.tokens.prisonAAdmin,
      body: { fileName: '名单.xls', contentBase64: 'AAAA', commit: false },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.issues[0].message).toBe('只能导入 .csv 或 .xlsx 文件');
    const tooBig = await upload('名单.csv', Buffer.alloc(MAX_IMPORT_FILE_BYTES + 1, 0x41), false);
    expect(tooBig.status).toBe(400);
    expect(JSON.stringify(tooBig.body)).toContain('文件不能超过 5 MB');
    const renamed = await upload('名单.xlsx', iconv.encode(GBK_REGISTER, 'gbk'), false);
    expect(renamed.body.error.message).toBe('文件扩展名为 .xlsx，但内容不是 Excel 工作簿');
    const reviewer = await upload('名单.csv', iconv.encode(GBK_REGISTER, 'gbk'), true, w.tokens.prisonAReviewer);
    expect(reviewer.status).toBe(403);
    expect(await inmateCount()).toBe(before);
  });

  it('R8.1 R9.1 issue #25 item 3: the home address is editable (checked, cleared) and the application answers it with the ward name', async () => {
    const [inmate] = await byNumber('GK-0001');
    const id = String(inmate?.['id']);
    const set = await store.call('PATCH', `/api/inmates/${id}`, {
      token: w.tokens.prisonAAdmin,
      body: { homeAddress: '云南省昆明市盘龙区北京路3号' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ homeAddress: '云南省昆明市盘龙区北京路3号', wardName: '一监区' });
    const bad = await store.call('PATCH', `/api/inmates/${id}`, {
      token: w.tokens.prisonAAdmin,
      body: { homeAddress: 'x\u202Ey' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const otherPrison = await store.call('PATCH', `/api/inmates/${id}`, {
      token: w.tokens.prisonBAdmin,
      body: { homeAddress: '某地' },
    });
    expect(otherPrison.status).toBe(404);

    const app = await store.call('POST', '/api/applications', {
      token: w.tokens.bureauAReviewer,
      body: {
        form: 'form-2',
        inmateId: id,
        applicants: [
          {
            name: '张母',
            role: { kind: 'family', relationship: 'mother', proofs: ['household-register'] },
            document: { kind: 'resident-id', number: residentId('1960-01-01') },
            address: '云南省昆明市五华区某路1号',
            phone: '13800000000',
          },
        ],
      },
    });
    if (app.status !== 201) throw new Error(JSON.stringify(app.body));
    expect(app.body.inmate).toEqual({
      id,
      name: '张三',
      inmateNumber: 'GK-0001',
      wardName: '一监区',
      homeAddress: '云南省昆明市盘龙区北京路3号',
    });
    const cleared = await store.call('PATCH', `/api/inmates/${id}`, {
      token: w.tokens.prisonAAdmin,
      body: { homeAddress: null },
    });
    expect(cleared.body.homeAddress).toBeNull();
  });
});
