import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';

describe.each(ENGINES)('health, readiness and OpenAPI [%s]', (engine) => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startStore(engine);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('GET /health answers while the process is up', async () => {
    const res = await store.call('GET', '/health');
    expect(res).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('GET /ready: database reachable and migrations current', async () => {
    const res = await store.call('GET', '/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', engine, pendingMigrations: [] });
  });

  it('GET /ready is 503 when a migration has not run', async () => {
    const last = await store.app.ctx.db
      .selectFrom('kysely_migration' as never)
      .select(sql<string>`name`.as('name'))
      .orderBy(sql`name`, 'desc')
      .executeTakeFirstOrThrow();
    await sql`delete from kysely_migration where name = ${last.name}`.execute(store.app.ctx.db);
    try {
      const res = await store.call('GET', '/ready');
      expect(res.status).toBe(503);
      expect(res.body.pendingMigrations).toEqual([last.name]);
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${last.name}, ${new Date().toISOString()})`.execute(
        store.app.ctx.db,
      );
    }
  });

  it('OpenAPI document generated from the route schemas at /api/docs/json, UI at /api/docs', async () => {
    const doc = await store.call('GET', '/api/docs/json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.body.paths as object);
    for (const p of [
      '/health',
      '/api/auth/login',
      '/api/organisations',
      '/api/staff',
      '/api/terminals/enrol',
      '/api/inmates',
      '/api/inmates/import',
      '/api/visitors',
    ]) {
      expect(paths).toContain(p);
    }
    const login = doc.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const ui = await fetch(`${store.url}/api/docs/`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('an unknown route is a typed 404', async () => {
    const res = await store.call('GET', '/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });
});
