import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inmateSchema } from '../../../src-shared/regulation';
import { toRegulationInmate } from '../../../src-server/areas/inmates/inmate-view';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, residentId } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';

describe.each(ENGINES)('inmate records, scoped to the prison [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let inmateA: string;
  let inmateB: string;

  const newInmate = (wardId: string, inmateNumber: string, extra: Record<string, unknown> = {}) => ({
    inmateNumber,
    name: '张三',
    wardId,
    birthDate: '1990-05-17',
    idNumber: residentId('1990-05-17'),
    admittedOn: '2024-01-10',
    ...extra,
  });
  const count = async (table: 'inmates' | 'inmate_status_periods' | 'inmate_penalties' | 'inmate_suspensions') =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    const a = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.wardId, 'A0001'),
    });
    expect(a.status).toBe(201);
    inmateA = a.body.id;
    const b = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonBAdmin,
      body: newInmate(w.prisonB.wardId, 'B0001', { name: '李四' }),
    });
    expect(b.status).toBe(201);
    inmateB = b.body.id;
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('a prison administrator registers an inmate; the record reads back in full', async () => {
    const res = await store.call('GET', `/api/inmates/${inmateA}`, { token: w.tokens.prisonAAdmin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      inmateNumber: 'A0001',
      name: '张三',
      prisonId: w.prisonA.id,
      wardId: w.prisonA.wardId,
      birthDate: '1990-05-17',
      citizenship: { kind: 'chinese' },
      limitedCivilCapacity: false,
      statusPeriods: [],
      penalties: [],
      suspensions: [],
    });
  });

  it("a prison cannot read another prison's inmates; the province reads all; a bureau sees none", async () => {
    expect((await store.call('GET', `/api/inmates/${inmateB}`, { token: w.tokens.prisonAAdmin })).status).toBe(404);
    const listA = (await store.call('GET', '/api/inmates', { token: w.tokens.prisonAAdmin })).body as { id: string }[];
    expect(listA.map((i) => i.id)).toEqual([inmateA]);
    const all = (await store.call('GET', '/api/inmates', { token: w.tokens.supervisor })).body as { id: string }[];
    expect(all.map((i) => i.id).sort()).toEqual([inmateA, inmateB].sort());
    expect((await store.call('GET', '/api/inmates', { token: w.tokens.bureauAAdmin })).body).toEqual([]);
    expect((await store.call('GET', `/api/inmates/${inmateA}`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
  });

  it('a ward sees only the inmates placed in it', async () => {
    const other = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.ward2Id, 'A0002'),
    });
    expect(other.status).toBe(201);
    const wardList = (await store.call('GET', '/api/inmates', { token: w.tokens.wardA1Admin })).body as { id: string }[];
    expect(wardList.map((i) => i.id)).toEqual([inmateA]);
    expect((await store.call('GET', `/api/inmates/${other.body.id}`, { token: w.tokens.wardA1Admin })).status).toBe(404);
  });

  it("registering into another prison's ward is 403; a reviewer may not register; nothing is written", async () => {
    const before = await count('inmates');
    expect(
      (await store.call('POST', '/api/inmates', { token: w.tokens.prisonAAdmin, body: newInmate(w.prisonB.wardId, 'X1') }))
        .status,
    ).toBe(403);
    expect(
      (await store.call('POST', '/api/inmates', { token: w.tokens.prisonAReviewer, body: newInmate(w.prisonA.wardId, 'X2') }))
        .status,
    ).toBe(403);
    expect(
      (await store.call('POST', '/api/inmates', { token: w.tokens.bureauAAdmin, body: newInmate(w.prisonA.wardId, 'X3') }))
        .status,
    ).toBe(403);
    expect(await count('inmates')).toBe(before);
  });

  it('bad inmate payloads are 400 naming each field, duplicates 409, nothing written', async () => {
    const before = await count('inmates');
    const bad = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.wardId, 'bad number!', { name: '', birthDate: '1990-02-30', idNumber: '53010219900517123X' }),
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.inmateNumber', 'body.name', 'body.birthDate', 'body.idNumber']));
    const idIssue = bad.body.error.issues.find((i: { path: string }) => i.path === 'body.idNumber');
    expect(idIssue.message).toContain('校验位');
    const mismatch = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.wardId, 'A0100', { birthDate: '1991-05-17' }),
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.issues[0].path).toBe('body.birthDate');
    const foreign = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.wardId, 'A0101', { citizenship: { kind: 'foreign' } }),
    });
    expect(foreign.body.error.issues[0].path).toBe('body.citizenship.country');
    const notAWard = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.id, 'A0102'),
    });
    expect(notAWard.status).toBe(400);
    expect(notAWard.body.error.issues[0].path).toBe('body.wardId');
    const dup = await store.call('POST', '/api/inmates', {
      token: w.tokens.prisonAAdmin,
      body: newInmate(w.prisonA.ward2Id, 'A0001'),
    });
    expect(dup.status).toBe(409);
    expect(await count('inmates')).toBe(before);
  });

  it('R15.1 status periods, R15.1(4) penalties and R17.2 suspensions are recorded and read back', async () => {
    const token = w.tokens.prisonAWarden;
    const period = await store.call('POST', `/api/inmates/${inmateA}/status-periods`, {
      token,
      body: { kind: 'confinement', start: '2026-02-01', end: null },
    });
    expect(period.status).toBe(201);
    const other = await store.call('POST', `/api/inmates/${inmateA}/status-periods`, {
      token,
      body: { kind: 'other-restriction', start: '2026-02-01', end: '2026-02-10', reason: '涉嫌参与打架' },
    });
    expect(other.status).toBe(201);
    const penalty = await store.call('POST', `/api/inmates/${inmateA}/penalties`, {
      token,
      body: { kind: 'demerit', date: '2026-02-15' },
    });
    expect(penalty.status).toBe(201);
    const suspension = await store.call('POST', `/api/inmates/${inmateA}/suspensions`, {
      token,
      body: { start: '2026-03-10', end: '2026-05-09', reason: 'R17.1(8)', decidedBy: '王监狱长' },
    });
    expect(suspension.status).toBe(201);
    const confinement = period.body.statusPeriods.find((p: { kind: string }) => p.kind === 'confinement');
    const ended = await store.call('POST', `/api/inmates/${inmateA}/status-periods/${confinement.id}/end`, {
      token,
      body: { end: '2026-02-20' },
    });
    expect(ended.status).toBe(200);

    const record = (await store.call('GET', `/api/inmates/${inmateA}`, { token: w.tokens.supervisor })).body;
    expect(record.statusPeriods).toHaveLength(2);
    expect(record.statusPeriods).toEqual(
      expect.arrayContaining([
        { id: confinement.id, kind: 'confinement', start: '2026-02-01', end: '2026-02-20' },
        { id: expect.any(String), kind: 'other-restriction', start: '2026-02-01', end: '2026-02-10', reason: '涉嫌参与打架' },
      ]),
    );
    expect(record.penalties).toEqual([{ id: expect.any(String), kind: 'demerit', date: '2026-02-15' }]);
    expect(record.suspensions).toEqual([
      { id: expect.any(String), start: '2026-03-10', end: '2026-05-09', reason: 'R17.1(8)', decidedBy: '王监狱长' },
    ]);

    // The record is exactly what the regulation module reads.
    expect(() => inmateSchema.parse(toRegulationInmate(record))).not.toThrow();
  });

  it('R17.2 a suspension over three months is refused and nothing is written', async () => {
    const before = await count('inmate_suspensions');
    const res = await store.call('POST', `/api/inmates/${inmateA}/suspensions`, {
      token: w.tokens.prisonAAdmin,
      body: { start: '2026-03-10', end: '2026-06-11', reason: 'R17.1(8)', decidedBy: '王监狱长' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'body.end', message: '暂停会见不得超过三个月（R17.2）' }]);
    const wrongReason = await store.call('POST', `/api/inmates/${inmateA}/suspensions`, {
      token: w.tokens.prisonAAdmin,
      body: { start: '2026-03-10', end: '2026-05-10', reason: 'R17.1(1)', decidedBy: '王监狱长' },
    });
    expect(wrongReason.status).toBe(400);
    expect(wrongReason.body.error.issues[0].path).toBe('body.reason');
    expect(await count('inmate_suspensions')).toBe(before);
  });

  it('bad status periods and penalties are refused and nothing is written', async () => {
    const periods = await count('inmate_status_periods');
    const penalties = await count('inmate_penalties');
    const token = w.tokens.prisonAAdmin;
    const backwards = await store.call('POST', `/api/inmates/${inmateA}/status-periods`, {
      token,
      body: { kind: 'confinement', start: '2026-02-10', end: '2026-02-01' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0].path).toBe('body.end');
    const noReason = await store.call('POST', `/api/inmates/${inmateA}/status-periods`, {
      token,
      body: { kind: 'other-restriction', start: '2026-02-10', end: null },
    });
    expect(noReason.body.error.issues[0].path).toBe('body.reason');
    const unknown = await store.call('POST', `/api/inmates/${inmateA}/penalties`, {
      token,
      body: { kind: 'scolding', date: '2026-13-01' },
    });
    expect(unknown.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.date', 'body.kind']);
    expect(await count('inmate_status_periods')).toBe(periods);
    expect(await count('inmate_penalties')).toBe(penalties);
  });

  it('another prison cannot add penalties to an inmate it cannot see (404)', async () => {
    const before = await count('inmate_penalties');
    const res = await store.call('POST', `/api/inmates/${inmateA}/penalties`, {
      token: w.tokens.prisonBAdmin,
      body: { kind: 'warning', date: '2026-02-15' },
    });
    expect(res.status).toBe(404);
    expect(await count('inmate_penalties')).toBe(before);
  });
});
