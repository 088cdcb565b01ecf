// Issue #23 item 1: the province's coturn (Debian's turnserver, started by the test) takes
// the credential the central store mints for a visit (coturn's shared-secret REST scheme),
// and refuses an expired one, one signed with another secret, and a made-up password.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startCoturn, type Coturn } from '../../../harness/net/coturn';
import { turnAllocate } from '../../../harness/net/stun-client';
import { iceForVisit, mintTurnCredential } from '../../../src-server/signaling/turn-credentials';

let coturn: Coturn;
const VISIT = '0b6f2d0e-4c1a-4f7e-9d59-2f1c9e7a1b20';

beforeAll(async () => {
  coturn = await startCoturn();
}, 20_000);
afterAll(async () => {
  await coturn?.stop();
});

describe('issue #23 item 1: coturn with credentials minted per visit', () => {
  test('a fresh credential for the visit gets a relay allocation', async () => {
    const ice = iceForVisit({ iceServers: [], iceTransportPolicy: 'relay' }, coturn.turnSecret(), VISIT, Date.now());
    const server = ice.iceServers[0];
    expect(server?.username).toMatch(new RegExp(`^\\d{10}:${VISIT}$`));
    const result = await turnAllocate(coturn.host, coturn.port, server?.username ?? '', server?.credential ?? '');
    expect(result).toEqual({ ok: true, relayPort: expect.any(Number) });
    if (result.ok) {
      expect(result.relayPort).toBeGreaterThanOrEqual(coturn.relayPorts.min);
      expect(result.relayPort).toBeLessThanOrEqual(coturn.relayPorts.max);
    }
  });

  test('an expired credential, another secret, or a wrong password is refused with 401', async () => {
    const secret = coturn.turnSecret(undefined, 300);
    const expired = mintTurnCredential(secret, VISIT, Date.now() - 301_000);
    const otherSecret = mintTurnCredential({ ...secret, secret: 'another-secret-of-the-province' }, VISIT, Date.now());
    const fresh = mintTurnCredential(secret, VISIT, Date.now());
    for (const [username, password] of [
      [expired.username, expired.credential],
      [otherSecret.username, otherSecret.credential],
      [fresh.username, 'guessed-password'],
    ]) {
      const result = await turnAllocate(coturn.host, coturn.port, username ?? '', password ?? '');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe(401);
    }
  });
});
