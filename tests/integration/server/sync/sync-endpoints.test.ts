// The sync endpoints are declared once (src-shared/store-api/endpoints/sync.ts; that the store
// registers them is tests/unit/server/declared-endpoints.test.ts): the terminal's client reaches
// each one through the same declaration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncEndpoints } from '../../../../src-shared/store-api/endpoints/sync';
import { createCentralClient, type CentralClient } from '../../../../src-main/central-store/terminal-client';
import { startStore, type TestStore } from '../../../../harness/store/store';
import { buildWorld, type World } from '../../../../harness/store/world';

describe('sync endpoints, one list for the store and the terminal', () => {
  let store: TestStore;
  let w: World;
  let client: CentralClient;
  beforeAll(async () => {
    store = await startStore('sqlite');
    w = await buildWorld(store);
    const code = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.prisonAAdmin,
      body: { roomId: w.prisonA.roomId },
    });
    const enrolled = await store.call('POST', '/api/terminals/enrol', { body: { code: code.body.code, name: '会见终端' } });
    expect(enrolled.status).toBe(201);
    const credential = {
      terminalId: enrolled.body.terminalId,
      secret: enrolled.body.secret,
      roomId: w.prisonA.roomId,
      organisationId: '',
      centralStoreUrl: store.url,
      enrolledAt: '',
    };
    client = createCentralClient({ credential, baseUrl: store.url, now: () => new Date(), timeoutMs: 10_000 });
  }, 60_000);
  afterAll(async () => {
    await store?.stop();
  });

  it("the terminal's client reaches each read endpoint and the answer passes the declared schema", async () => {
    const config = await client.call(syncEndpoints.config, { query: {} });
    expect(config.changed).toBe(true);
    const again = await client.call(syncEndpoints.config, { query: config.changed ? { cursor: config.cursor } : {} });
    expect(again.changed).toBe(false);
    await expect(client.call(syncEndpoints.visits, { query: { cursor: 0, limit: 5 } })).resolves.toMatchObject({
      visits: [],
      cursor: 0,
      hasMore: false,
    });
    const staff = await client.call(syncEndpoints.staff, {});
    expect(Array.isArray(staff.staff)).toBe(true);
    await expect(client.call(syncEndpoints.eventsHead, { query: { chainId: 'main' } })).resolves.toMatchObject({ seq: 0 });
  });

  it('a query the declaration refuses is refused by the store with the field named', async () => {
    await expect(client.call(syncEndpoints.visits, { query: { cursor: -1 } })).rejects.toMatchObject({ status: 400 });
  });
});
