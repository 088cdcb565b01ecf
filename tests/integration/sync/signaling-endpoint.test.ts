// The call's signaling socket uses the terminal's own enrolment credential:
// the sync worker hands out the store's URL and a bearer token from it (the same token cache),
// and nothing before enrolment. openTerminal makes this the call's default provider.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { enrolledTerminal, startCentral, type CentralWorld } from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  central = await startCentral();
}, 60_000);
afterAll(async () => {
  await central?.stop();
});

describe('signaling endpoint from the enrolment credential', { timeout: 30_000 }, () => {
  test('null before enrolment; after it, a token the store accepts as this terminal', async () => {
    const bare = await enrolledTerminal(central, { enrol: false });
    expect(await bare.worker().signalingEndpoint()).toBeNull();
    bare.close();

    const t = await enrolledTerminal(central);
    const endpoint = await t.worker().signalingEndpoint();
    expect(endpoint?.url).toBe(central.store.url);
    const res = await central.store.call('GET', '/api/sync/config', { token: endpoint?.token ?? '' });
    expect(res.status).toBe(200);
    // A staff token is not a terminal's: the same route refuses it.
    expect((await central.store.call('GET', '/api/sync/config', { token: central.w.tokens.prisonAAdmin })).status).toBe(403);
    t.close();
  });
});
