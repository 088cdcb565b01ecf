import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, residentId } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';

const FIXTURES = path.resolve(__dirname, '../../fixtures/server');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe.each(ENGINES)('bulk import of inmates from CSV [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  const inmateCount = async () =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom('inmates')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const importCsv = (token: string, csv: string, query = '') => store.call('POST', `/api/inmates/import${query}`, { token, csv });

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('a good file (zh-CN headers, BOM, quoted fields, CRLF) imports every row', async () => {
    const res = await importCsv(w.tokens.prisonAAdmin, fixture('inmates-good.csv'));
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ imported: 4 });
    const list = (await store.call('GET', '/api/inmates', { token: w.tokens.prisonAAdmin })).body as {
      inmateNumber: string;
      name: string;
      wardId: string;
      citizenship: unknown;
      limitedCivilCapacity: boolean;
    }[];
    expect(list.map((i) => i.inmateNumber)).toEqual(['GA-0001', 'GA-0002', 'GA-0003', 'GA-0004']);
    expect(list[1]).toMatchObject({ name: '李四, 又名李小四', wardId: w.prisonA.ward2Id });
    expect(list[2]).toMatchObject({ citizenship: { kind: 'foreign', country: '缅甸' }, limitedCivilCapacity: true });
    expect(list[3]).toMatchObject({ citizenship: { kind: 'stateless' } });
  });

  it('a file with bad rows imports NOTHING and the report names every bad row, field and reason', async () => {
    const before = await inmateCount();
    const res = await importCsv(w.tokens.prisonAAdmin, fixture('inmates-bad-rows.csv'));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain('未导入任何记录');
    const issues = res.body.error.issues as { row: number; field: string; path: string; message: string }[];
    const byRow = issues.map((i) => `${i.row}:${i.field}`);
    expect(byRow).toEqual([
      '3:birth_date', // 1990-02-30 does not exist
      '4:ward', // no such ward in this prison
      '5:id_number', // bad check character
      '6:inmate_number', // same number as line 2
      '7:inmate_number', // already registered (GA-0001 from the good file)
      '8:country', // foreign without a country
      '9:limited_civil_capacity',
      '10:csv', // wrong number of fields
    ]);
    for (const issue of issues) {
      expect(issue.path).toBe(`rows.${issue.row}.${issue.field}`);
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await inmateCount()).toBe(before);
    // Line 2 was valid but was not imported either.
    expect((await store.call('GET', '/api/inmates?inmateNumber=GB-0100', { token: w.tokens.prisonAAdmin })).body).toEqual([]);
  });

  it('a bad header is reported as row 1', async () => {
    const res = await importCsv(w.tokens.prisonAAdmin, '罪犯编号,姓名,牢房\nX1,某,一监区\n');
    expect(res.status).toBe(400);
    const fields = res.body.error.issues.map((i: { row: number; field: string }) => `${i.row}:${i.field}`);
    expect(fields).toEqual(expect.arrayContaining(['1:牢房', '1:ward', '1:birth_date']));
  });

  it('an unterminated quote, an empty file and a header-only file are refused', async () => {
    const before = await inmateCount();
    const quote = await importCsv(w.tokens.prisonAAdmin, 'inmate_number,name,ward,birth_date\nQ1,"open,P-A-W1,1990-01-01\n');
    expect(quote.status).toBe(400);
    expect(quote.body.error.issues[0]).toMatchObject({ row: 2, field: 'csv' });
    expect((await importCsv(w.tokens.prisonAAdmin, '')).status).toBe(400);
    expect((await importCsv(w.tokens.prisonAAdmin, 'inmate_number,name,ward,birth_date\n')).status).toBe(400);
    expect(await inmateCount()).toBe(before);
  });

  it('English headers and ward codes work; a ward importer fills only its own ward', async () => {
    const id = residentId('1992-07-07');
    const csv = `inmate_number,name,ward,birth_date,id_number\nE1,某甲,P-A-W1,1992-07-07,${id}\n`;
    expect((await importCsv(w.tokens.wardA1Admin, csv)).status).toBe(201);
    const other = await importCsv(w.tokens.wardA1Admin, 'inmate_number,name,ward,birth_date\nE2,某乙,P-A-W2,1992-07-07\n');
    expect(other.status).toBe(400);
    expect(other.body.error.issues[0]).toMatchObject({ row: 2, field: 'ward' });
  });

  it("RBAC: another prison's wards are unknown, a bureau cannot import, a reviewer cannot import", async () => {
    const before = await inmateCount();
    const csv = 'inmate_number,name,ward,birth_date\nR1,某,一监区,1990-01-01\n';
    const intoB = await importCsv(w.tokens.prisonAAdmin, csv, `?prisonId=${w.prisonB.id}`);
    expect(intoB.status).toBe(403);
    expect((await importCsv(w.tokens.bureauAAdmin, csv)).status).toBe(400); // no prison to import into
    expect((await importCsv(w.tokens.bureauAAdmin, csv, `?prisonId=${w.prisonA.id}`)).status).toBe(403);
    expect((await importCsv(w.tokens.prisonAReviewer, csv)).status).toBe(403);
    // The province imports into any prison, naming it.
    expect((await importCsv(w.tokens.provinceAdmin, csv, `?prisonId=${w.prisonB.id}`)).status).toBe(201);
    expect(
      (await importCsv(w.tokens.provinceAdmin, 'inmate_number,name,ward,birth_date\nR2,某,一监区,1990-01-01\n')).status,
    ).toBe(400);
    expect(await inmateCount()).toBe(before + 1);
  });

  it('JSON sent to the import is a 415', async () => {
    const res = await store.call('POST', '/api/inmates/import', { token: w.tokens.prisonAAdmin, body: { rows: [] } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
