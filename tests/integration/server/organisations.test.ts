import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, STAFF_PASSWORD } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';

describe.each(ENGINES)('organisations, rooms and staff accounts, scoped [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  const count = async (table: 'organisations' | 'rooms' | 'staff') =>
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
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('the province sees every organisation; a prison itself and its wards; a bureau itself and its office; a ward only itself', async () => {
    const ids = async (token: string) =>
      ((await store.call('GET', '/api/organisations', { token })).body as { id: string }[]).map((o) => o.id).sort();
    expect(await ids(w.tokens.supervisor)).toHaveLength(9);
    expect(await ids(w.tokens.prisonAAdmin)).toEqual([w.prisonA.id, w.prisonA.wardId, w.prisonA.ward2Id].sort());
    expect(await ids(w.tokens.bureauAAdmin)).toEqual([w.bureauA.id, w.bureauA.officeId].sort());
    expect(await ids(w.tokens.wardA1Admin)).toEqual([w.prisonA.wardId]);
  });

  it("another site's organisation is 404, not 403 (its existence is not revealed)", async () => {
    const res = await store.call('GET', `/api/organisations/${w.bureauB.id}`, { token: w.tokens.bureauAAdmin });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await store.call('GET', `/api/organisations/${w.bureauB.id}`, { token: w.tokens.supervisor })).status).toBe(200);
  });

  it('a prison administrator creates a ward under its own prison, not under another', async () => {
    const ok = await store.call('POST', '/api/organisations', {
      token: w.tokens.prisonAAdmin,
      body: { kind: 'ward', parentId: w.prisonA.id, code: 'P-A-W9', name: '九监区' },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'ward', parentId: w.prisonA.id, code: 'P-A-W9' });
    const before = await count('organisations');
    const denied = await store.call('POST', '/api/organisations', {
      token: w.tokens.prisonAAdmin,
      body: { kind: 'ward', parentId: w.prisonB.id, code: 'P-B-W9', name: '九监区' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    expect(await count('organisations')).toBe(before);
  });

  it('the tree keeps its shape: no office under a prison, no ward under a bureau', async () => {
    const before = await count('organisations');
    const res = await store.call('POST', '/api/organisations', {
      token: w.tokens.provinceAdmin,
      body: { kind: 'office', parentId: w.prisonA.id, code: 'X1', name: '错' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe('body.kind');
    expect(await count('organisations')).toBe(before);
  });

  it('bad organisation payloads are 400 naming each field; a taken code is 409; nothing is written', async () => {
    const before = await count('organisations');
    const bad = await store.call('POST', '/api/organisations', {
      token: w.tokens.provinceAdmin,
      body: { kind: 'castle', parentId: 'x', code: 'has space', name: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'body.code',
      'body.kind',
      'body.name',
      'body.parentId',
    ]);
    const taken = await store.call('POST', '/api/organisations', {
      token: w.tokens.provinceAdmin,
      body: { kind: 'prison', parentId: w.provinceId, code: 'P-A', name: '重复' },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('CONFLICT');
    expect(await count('organisations')).toBe(before);
  });

  it('only administrators create organisations', async () => {
    const res = await store.call('POST', '/api/organisations', {
      token: w.tokens.prisonAWarden,
      body: { kind: 'ward', parentId: w.prisonA.id, code: 'P-A-W8', name: '八监区' },
    });
    expect(res.status).toBe(403);
  });

  it('rooms: created by the site administrator, listed by scope, duplicates refused', async () => {
    const room = await store.call('POST', '/api/rooms', {
      token: w.tokens.bureauAAdmin,
      body: { organisationId: w.bureauA.officeId, name: '司法所会见室' },
    });
    expect(room.status).toBe(201);
    const dup = await store.call('POST', '/api/rooms', {
      token: w.tokens.bureauAAdmin,
      body: { organisationId: w.bureauA.officeId, name: '司法所会见室' },
    });
    expect(dup.status).toBe(409);
    const before = await count('rooms');
    expect(
      (
        await store.call('POST', '/api/rooms', {
          token: w.tokens.bureauAAdmin,
          body: { organisationId: w.bureauB.id, name: '越权' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await store.call('POST', '/api/rooms', {
          token: w.tokens.provinceAdmin,
          body: { organisationId: w.provinceId, name: '省厅' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await store.call('POST', '/api/rooms', { token: w.tokens.bureauAAdmin, body: { organisationId: w.bureauA.id, name: '' } }))
        .status,
    ).toBe(400);
    expect(await count('rooms')).toBe(before);
    const listed = (await store.call('GET', '/api/rooms', { token: w.tokens.bureauAAdmin })).body as { id: string }[];
    expect(listed.map((r) => r.id).sort()).toEqual([w.bureauA.roomId, room.body.id].sort());
    expect((await store.call('GET', `/api/rooms/${w.bureauB.roomId}`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
  });

  it('staff: an administrator creates accounts in its scope only; roles must fit the organisation', async () => {
    const before = await count('staff');
    const body = {
      organisationId: w.bureauB.id,
      username: 'intruder',
      displayName: '越权',
      password: STAFF_PASSWORD,
      roles: ['reviewer'],
    };
    expect((await store.call('POST', '/api/staff', { token: w.tokens.bureauAAdmin, body })).status).toBe(403);
    const warden = await store.call('POST', '/api/staff', {
      token: w.tokens.bureauAAdmin,
      body: { ...body, organisationId: w.bureauA.id, roles: ['warden'] },
    });
    expect(warden.status).toBe(400);
    expect(warden.body.error.issues[0]).toEqual({ path: 'body.roles', message: '监狱长只能设在监狱' });
    const supervisor = await store.call('POST', '/api/staff', {
      token: w.tokens.prisonAAdmin,
      body: { ...body, organisationId: w.prisonA.id, roles: ['supervisor'] },
    });
    expect(supervisor.status).toBe(400);
    const noRoles = await store.call('POST', '/api/staff', {
      token: w.tokens.prisonAAdmin,
      body: { ...body, organisationId: w.prisonA.id, roles: [], password: 'short' },
    });
    expect(noRoles.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.password', 'body.roles']);
    const dup = await store.call('POST', '/api/staff', {
      token: w.tokens.prisonAAdmin,
      body: { ...body, organisationId: w.prisonA.id, username: 'prison-a-warden' },
    });
    expect(dup.status).toBe(409);
    expect(
      (
        await store.call('POST', '/api/staff', {
          token: w.tokens.prisonAReviewer,
          body: { ...body, organisationId: w.prisonA.id },
        })
      ).status,
    ).toBe(403);
    expect(await count('staff')).toBe(before);
  });

  it('staff lists are scoped; supervisors read all; reviewers may not list', async () => {
    const names = async (token: string) =>
      ((await store.call('GET', '/api/staff', { token })).body as { username: string }[]).map((s) => s.username).sort();
    expect(await names(w.tokens.bureauAAdmin)).toEqual(['bureau-a-admin', 'bureau-a-reviewer', 'office-a-reviewer']);
    expect(await names(w.tokens.supervisor)).toHaveLength(11); // the bootstrap admin and the ten of the world
    expect((await store.call('GET', '/api/staff', { token: w.tokens.bureauAReviewer })).status).toBe(403);
    const other = (
      await store.app.ctx.db.selectFrom('staff').select('id').where('username', '=', 'bureau-b-admin').executeTakeFirstOrThrow()
    ).id;
    expect((await store.call('GET', `/api/staff/${other}`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
    expect((await store.call('POST', `/api/staff/${other}/unlock`, { token: w.tokens.bureauAAdmin })).status).toBe(404);
  });

  it('an administrator cannot disable itself', async () => {
    const me = await store.call('GET', '/api/auth/me', { token: w.tokens.bureauBAdmin });
    const res = await store.call('PATCH', `/api/staff/${me.body.staff.id}`, {
      token: w.tokens.bureauBAdmin,
      body: { active: false },
    });
    expect(res.status).toBe(403);
    const empty = await store.call('PATCH', `/api/staff/${me.body.staff.id}`, { token: w.tokens.bureauBAdmin, body: {} });
    expect(empty.status).toBe(400);
  });
});
