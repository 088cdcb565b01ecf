// Issue #20 item 3: the relay's evidence that a call crossed it (both sides' signals reached
// the other) is the cluster's, not one node's. Terminals on nodes 1 and 2 exchange signals;
// node 1 stops; its terminal comes back through node 3, which relayed nothing of the visit,
// and reports the visit completed at once: node 3 believes it from the shared tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../harness/store/sync-helpers';
import { candidateSignal, connectPeer, startSignalingNode } from '../server/signaling/signal-helpers';
import type { TestPeer } from '../server/signaling/signal-helpers';

describe('issue #20 item 3: an outcome reported through another node finds the relay evidence', () => {
  let fresh: FreshDatabase;
  const nodes: TestStore[] = [];
  let w: World;
  let prison: string;
  let bureau: string;
  const open: TestPeer[] = [];
  const connect = (node: TestStore, visitId: string, token: string) => {
    const peer = connectPeer(node.url, visitId, { token });
    open.push(peer);
    return peer;
  };

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
    for (let i = 0; i < 3; i += 1) nodes.push(await startSignalingNode(fresh, { bus: 'postgres', heartbeatMs: 5000 }));
    const [n1] = nodes as [TestStore];
    w = await buildWorld(n1);
    prison = (await enrolTerminal(n1, w.tokens.prisonAAdmin, w.prisonA.roomId)).token;
    bureau = (await enrolTerminal(n1, w.tokens.bureauAAdmin, w.bureauA.roomId)).token;
  }, 60_000);
  afterAll(async () => {
    for (const p of open) p.ws.terminate();
    for (const n of nodes) await n.stop().catch(() => undefined);
    await fresh?.drop();
  });

  it('node 3 records "completed" from a terminal that never signalled through it', async () => {
    const [n1, n2, n3] = nodes as [TestStore, TestStore, TestStore];
    // Today on the store's clock (2026-03-02 09:00 China time), in progress.
    const visitId = await insertVisit(n1.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:00',
    });
    const a = connect(n1, visitId, prison);
    await a.next((m) => m.type === 'welcome', 5000);
    const b = connect(n2, visitId, bureau);
    await b.next((m) => m.type === 'welcome', 5000);
    await a.next((m) => m.type === 'presence' && m.state === 'joined', 3000);
    a.send({ type: 'signal', data: candidateSignal(1) });
    await b.next((m) => m.type === 'signal', 3000);
    b.send({ type: 'signal', data: candidateSignal(2) });
    await a.next((m) => m.type === 'signal', 3000);

    await n1.stop();
    const again = connect(n3, visitId, prison);
    await again.next((m) => m.type === 'welcome', 5000);
    again.send({ type: 'outcome', outcome: 'completed', code: 'R14.2', reason: '' });
    expect(await again.next((m) => m.type === 'outcome-recorded' || m.type === 'error', 5000)).toEqual({
      type: 'outcome-recorded',
      status: 'completed',
    });
    const row = await n3.app.ctx.db.selectFrom('visits').select('status').where('id', '=', visitId).executeTakeFirstOrThrow();
    expect(row.status).toBe('completed');
  }, 40_000);
});
