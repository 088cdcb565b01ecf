// Issue #20 item 3: nothing a request depends on lives in one node's memory. Two real stores
// on one PostgreSQL database: a token issued by one node is honoured, and its logout
// honoured, by the other; wrong passwords through both nodes count towards one lock-out; the
// relatives' status page limit counts queries through both; an audit batch and a heartbeat
// repeated through the other node are stored once; a terminal revoked through one node loses
// its signaling socket on the other (the credentials channel of the signal bus).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import { DEFAULT_LOCKOUT } from '../../../src-server/config';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, expectCreated, STAFF_PASSWORD } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { batch, chainEvents, enrolTerminal, insertVisit, storedEventCount } from '../../../harness/store/sync-helpers';
import { sampleHeartbeat } from '../../../harness/store/fleet';
import { PER_IP } from '../../../src-server/areas/public-status/rate-limit';
import { CLOSE } from '../../../src-shared/signaling/protocol';
import { connectPeer, startSignalingNode } from '../server/signaling/signal-helpers';

describe('issue #20 item 3: tokens, lock-out, rate limits and idempotency are shared by the nodes', () => {
  let fresh: FreshDatabase;
  let n1: TestStore;
  let n2: TestStore;
  let w: World;
  const both = () => [n1, n2] as const;

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
    n1 = await startSignalingNode(fresh, { bus: 'postgres', heartbeatMs: 5000 });
    n2 = await startSignalingNode(fresh, { bus: 'postgres', heartbeatMs: 5000 });
    w = await buildWorld(n1);
  }, 60_000);
  afterAll(async () => {
    await n1?.stop();
    await n2?.stop();
    await fresh?.drop();
  });

  it('a token issued by node 1 is accepted by node 2; its logout through node 2 ends it on node 1', async () => {
    const token = await n1.login('admin', 'Provincial-admin-1');
    expect((await n2.call('GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await n2.call('POST', '/api/auth/logout', { token })).status).toBe(204);
    for (const node of both()) expect((await node.call('GET', '/api/auth/me', { token })).status).toBe(401);
  });

  it('wrong passwords through both nodes count towards one lock-out', async () => {
    await expectCreated(
      n1.call('POST', '/api/staff', {
        token: w.tokens.provinceAdmin,
        body: {
          organisationId: w.bureauA.id,
          username: 'lock-me',
          displayName: '锁定测试',
          password: STAFF_PASSWORD,
          roles: ['reviewer'],
        },
      }),
    );
    const attempt = (node: TestStore, password: string) =>
      node.call('POST', '/api/auth/login', { body: { username: 'lock-me', password } });
    for (let i = 0; i < DEFAULT_LOCKOUT.maxFailures; i += 1)
      expect((await attempt(i % 2 === 0 ? n1 : n2, 'Wrong-password-1')).status).toBe(401);
    // Locked: the right password is refused through either node.
    for (const node of both()) expect((await attempt(node, STAFF_PASSWORD)).status).toBe(401);
    const row = await n1.app.ctx.db
      .selectFrom('staff')
      .select('locked_until')
      .where('username', '=', 'lock-me')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
  });

  it("the status page's per-IP limit counts the queries made through both nodes", async () => {
    const query = (node: TestStore, i: number) =>
      node.call('POST', '/api/public/status', { body: { applicationNumber: `SQ-${i}`, idNumber: '530102199001011234' } });
    for (let i = 0; i < PER_IP.max; i += 1) expect((await query(i % 2 === 0 ? n1 : n2, i)).status).toBe(200);
    for (const node of both()) expect((await query(node, 999)).status).toBe(429);
  });

  it('an audit batch and a heartbeat repeated through the other node are stored once', async () => {
    const terminal = await enrolTerminal(n1, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const events = chainEvents(terminal.terminalId, 1, 10);
    const push = (node: TestStore) =>
      node.call('POST', '/api/sync/events', { token: terminal.token, body: batch(terminal.terminalId, events) });
    const first = await push(n1);
    expect(first.status).toBe(200);
    const again = await push(n2);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await storedEventCount(n1.app.ctx.db, terminal.terminalId)).toBe(10);

    const beat = sampleHeartbeat(n1.clock.now());
    const sent = await n1.call('POST', '/api/fleet/heartbeats', { token: terminal.token, body: beat });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ duplicate: false });
    const repeated = await n2.call('POST', '/api/fleet/heartbeats', { token: terminal.token, body: beat });
    expect(repeated.body).toMatchObject({ duplicate: true });
    const stored = await n1.app.ctx.db
      .selectFrom('terminal_heartbeat_history')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('terminal_id', '=', terminal.terminalId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(1);
  });

  it('a terminal revoked through node 1 loses its signaling socket on node 2 (4410) and is refused after', async () => {
    const prison = await enrolTerminal(n1, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const visitId = await insertVisit(n1.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
    const a = connectPeer(n2.url, visitId, { token: prison.token });
    await a.next((m) => m.type === 'welcome', 5000);
    const revokedAt = Date.now();
    expect((await n1.call('POST', `/api/terminals/${prison.terminalId}/revoke`, { token: w.tokens.prisonAAdmin })).status).toBe(
      200,
    );
    const closed = await a.closed;
    expect(closed.code).toBe(CLOSE.REVOKED);
    expect(Date.now() - revokedAt).toBeLessThan(1000);
    const again = connectPeer(n2.url, visitId, { token: prison.token });
    expect((await again.closed).code).toBe(CLOSE.UNAUTHENTICATED);
  });
});
