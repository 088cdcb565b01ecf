import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, residentId } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';

describe.each(ENGINES)('visitors and relationships, scoped [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let inmateA: string;
  let inmateB: string;
  let visitorA: string;
  let visitorB: string;

  const visitor = (name: string, birth: string, extra: Record<string, unknown> = {}) => ({
    name,
    document: { kind: 'resident-id', number: residentId(birth) },
    phone: '13800000000',
    ...extra,
  });
  const count = async (table: 'visitors' | 'visitor_relationships') =>
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
    const inmate = (token: string, wardId: string, inmateNumber: string) =>
      store.call('POST', '/api/inmates', { token, body: { inmateNumber, name: '罪犯', wardId, birthDate: '1985-01-01' } });
    inmateA = (await inmate(w.tokens.prisonAAdmin, w.prisonA.wardId, 'A1')).body.id;
    inmateB = (await inmate(w.tokens.prisonBAdmin, w.prisonB.wardId, 'B1')).body.id;
    const a = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauAReviewer,
      body: visitor('王母亲', '1960-03-03'),
    });
    expect(a.status).toBe(201);
    visitorA = a.body.id;
    const b = await store.call('POST', '/api/visitors', { token: w.tokens.bureauBAdmin, body: visitor('赵父亲', '1958-08-08') });
    expect(b.status).toBe(201);
    visitorB = b.body.id;
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('a bureau registers a visitor at its own organisation by default', async () => {
    const res = await store.call('GET', `/api/visitors/${visitorA}`, { token: w.tokens.bureauAAdmin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      organisationId: w.bureauA.id,
      name: '王母亲',
      document: { kind: 'resident-id', number: residentId('1960-03-03') },
      relationships: [],
    });
  });

  it("bureau A cannot read bureau B's visitors; the province reads all", async () => {
    expect((await store.call('GET', `/api/visitors/${visitorB}`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
    const listA = (await store.call('GET', '/api/visitors', { token: w.tokens.bureauAAdmin })).body as { id: string }[];
    expect(listA.map((v) => v.id)).toEqual([visitorA]);
    const all = (await store.call('GET', '/api/visitors', { token: w.tokens.supervisor })).body as { id: string }[];
    expect(all.map((v) => v.id).sort()).toEqual([visitorA, visitorB].sort());
    // An office sees only its own registrations, not its bureau's.
    expect((await store.call('GET', '/api/visitors', { token: w.tokens.officeAReviewer })).body).toEqual([]);
  });

  it("R36.1 a relationship names a closed-list code and R35.1 proofs; the inmate's prison then sees the visitor", async () => {
    expect((await store.call('GET', `/api/visitors/${visitorA}`, { token: w.tokens.prisonAAdmin })).status).toBe(404);
    const res = await store.call('POST', `/api/visitors/${visitorA}/relationships`, {
      token: w.tokens.bureauAReviewer,
      body: { inmateId: inmateA, relationship: 'mother', proofs: ['household-register'] },
    });
    expect(res.status).toBe(201);
    expect(res.body.relationships).toEqual([
      {
        id: expect.any(String),
        inmateId: inmateA,
        relationship: 'mother',
        proofs: ['household-register'],
        createdAt: expect.any(String),
      },
    ]);
    expect((await store.call('GET', `/api/visitors/${visitorA}`, { token: w.tokens.prisonAAdmin })).status).toBe(200);
    expect((await store.call('GET', `/api/visitors/${visitorA}`, { token: w.tokens.prisonBAdmin })).status).toBe(404);
    const prisonList = (await store.call('GET', '/api/visitors', { token: w.tokens.prisonAAdmin })).body as { id: string }[];
    expect(prisonList.map((v) => v.id)).toEqual([visitorA]);
    const dup = await store.call('POST', `/api/visitors/${visitorA}/relationships`, {
      token: w.tokens.bureauAReviewer,
      body: { inmateId: inmateA, relationship: 'mother', proofs: [] },
    });
    expect(dup.status).toBe(409);
  });

  it('R36.1 free-text relationships and unknown proofs are refused; nothing is written', async () => {
    const before = await count('visitor_relationships');
    const res = await store.call('POST', `/api/visitors/${visitorA}/relationships`, {
      token: w.tokens.bureauAReviewer,
      body: { inmateId: inmateB, relationship: '表哥', proofs: ['a-letter'] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.proofs.0', 'body.relationship']);
    const missing = await store.call('POST', `/api/visitors/${visitorA}/relationships`, {
      token: w.tokens.bureauAReviewer,
      body: { inmateId: '00000000-0000-4000-8000-000000000000', relationship: 'mother', proofs: [] },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.issues[0].path).toBe('body.inmateId');
    // Bureau B cannot attach relationships to bureau A's visitor.
    const foreign = await store.call('POST', `/api/visitors/${visitorA}/relationships`, {
      token: w.tokens.bureauBAdmin,
      body: { inmateId: inmateB, relationship: 'mother', proofs: [] },
    });
    expect(foreign.status).toBe(404);
    expect(await count('visitor_relationships')).toBe(before);
  });

  it('an invalid ID number is a 400 naming body.document.number and nothing is written', async () => {
    const before = await count('visitors');
    const bad = residentId('1970-01-01').slice(0, 17) + (residentId('1970-01-01').endsWith('0') ? '1' : '0');
    const res = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauAReviewer,
      body: visitor('错号', '1970-01-01', { document: { kind: 'resident-id', number: bad } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: 'body.document.number', message: '证件号码校验位不符，可能输错了' }]);
    const shape = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauAReviewer,
      body: { name: '', document: { kind: 'ticket', number: '1' }, phone: 'call me' },
    });
    expect(shape.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.document.kind',
      'body.name',
      'body.phone',
    ]);
    expect(await count('visitors')).toBe(before);
  });

  it('the same document at the same organisation is a 409; another bureau may register the same person', async () => {
    const again = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauAAdmin,
      body: visitor('王母亲', '1960-03-03'),
    });
    expect(again.status).toBe(409);
    const elsewhere = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauBAdmin,
      body: visitor('王母亲', '1960-03-03'),
    });
    expect(elsewhere.status).toBe(201);
  });

  it('a bureau cannot register visitors at another bureau; wardens and terminals cannot register at all', async () => {
    const before = await count('visitors');
    expect(
      (
        await store.call('POST', '/api/visitors', {
          token: w.tokens.bureauAAdmin,
          body: visitor('越权', '1971-01-01', { organisationId: w.bureauB.id }),
        })
      ).status,
    ).toBe(403);
    expect(
      (await store.call('POST', '/api/visitors', { token: w.tokens.prisonAWarden, body: visitor('监狱长', '1971-01-01') }))
        .status,
    ).toBe(403);
    expect(await count('visitors')).toBe(before);
  });

  it("a prison may register a relative for its own inmate (R9.1), not for another prison's", async () => {
    const v = await store.call('POST', '/api/visitors', {
      token: w.tokens.prisonAAdmin,
      body: visitor('狱内登记', '1975-05-05'),
    });
    expect(v.status).toBe(201);
    expect(
      (
        await store.call('POST', `/api/visitors/${v.body.id}/relationships`, {
          token: w.tokens.prisonAAdmin,
          body: { inmateId: inmateB, relationship: 'spouse', proofs: [] },
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await store.call('POST', `/api/visitors/${v.body.id}/relationships`, {
          token: w.tokens.prisonAAdmin,
          body: { inmateId: inmateA, relationship: 'spouse', proofs: ['marriage-certificate'] },
        })
      ).status,
    ).toBe(201);
  });
});
