// Issue #20 item 4: the monitoring centre's live list (/api/monitor/visits) when the two
// terminals of a visit and the observer sit on three different store nodes (one PostgreSQL
// database, the PostgreSQL signal bus). Every node lists the same visit the same way (both
// sides, started, the observer, warnings counted once), including a node holding none of its
// sockets; a side leaving, and a node stopping, show on every node; a node killed -9 drops
// out within its TTL.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../../../harness/sync/child-process';
import type { Child } from '../../../harness/sync/child-process';
import { NODE_BEAT_MS, NODE_TTL_MS } from '../../../src-server/signaling/live-registry';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../harness/store/sync-helpers';
import type { LiveVisit } from '../../../src-shared/store-api/endpoints/monitor';
import { connectPeer, startSignalingNode } from '../server/signaling/signal-helpers';
import type { TestPeer } from '../server/signaling/signal-helpers';

const warnControl = {
  kind: 'control',
  control: {
    type: 'warn',
    code: 'R17.1',
    text: '请注意言行',
    by: { name: '张三', site: '甲监狱' },
    at: '2026-03-02T01:00:00.000Z',
  },
};

describe('issue #20 item 4: the live list across store nodes', () => {
  let fresh: FreshDatabase;
  const nodes: TestStore[] = [];
  let w: World;
  let visitId: string;
  let prison: string;
  let bureau: string;
  const open: TestPeer[] = [];

  const listed = async (node: TestStore): Promise<LiveVisit | undefined> => {
    const res = await node.call<{ visits: LiveVisit[] }>('GET', '/api/monitor/visits', { token: w.tokens.supervisor });
    expect(res.status).toBe(200);
    return res.body.visits.find((v) => v.visitId === visitId);
  };
  /** Every node's entry, once they all agree on `check` (the bus and the tables take a few ms). */
  const everywhere = async (on: TestStore[], check: (v: LiveVisit | undefined) => boolean) => {
    const deadline = Date.now() + 3000;
    for (;;) {
      const all = await Promise.all(on.map(listed));
      if (all.every(check)) return all;
      if (Date.now() > deadline) throw new Error(`nodes disagree: ${JSON.stringify(all)}`);
      await new Promise((r) => setTimeout(r, 30));
    }
  };

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
    for (let i = 0; i < 3; i += 1) nodes.push(await startSignalingNode(fresh, { bus: 'postgres', heartbeatMs: 5000 }));
    const [n1] = nodes as [TestStore];
    w = await buildWorld(n1);
    prison = (await enrolTerminal(n1, w.tokens.prisonAAdmin, w.prisonA.roomId)).token;
    bureau = (await enrolTerminal(n1, w.tokens.bureauAAdmin, w.bureauA.roomId)).token;
    visitId = await insertVisit(n1.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:00',
    });
  }, 60_000);
  afterAll(async () => {
    for (const p of open) p.ws.terminate();
    for (const n of nodes) await n.stop().catch(() => undefined);
    await fresh?.drop();
  });

  it('terminals on nodes 1 and 2, the observer on node 3: all three nodes list the visit alike', async () => {
    const [n1, n2, n3] = nodes as [TestStore, TestStore, TestStore];
    const a = connectPeer(n1.url, visitId, { token: prison });
    open.push(a);
    await a.next((m) => m.type === 'welcome', 5000);
    // Node 2 and node 3 hold nothing of the visit yet, and list it from node 1's rows.
    const oneSide = await everywhere(nodes, (v) => v?.link === 'one-side');
    for (const v of oneSide) expect(v).toMatchObject({ sides: ['inmate'], startedAt: null, observers: 0 });

    const b = connectPeer(n2.url, visitId, { token: bureau });
    open.push(b);
    await b.next((m) => m.type === 'welcome', 5000);
    const both = await everywhere(nodes, (v) => v?.link === 'good' && v.startedAt !== null);
    for (const v of both) expect(v).toMatchObject({ sides: ['inmate', 'visitor'], warnings: 0, minutes: 30 });
    // One start time for the visit, whichever node saw the meeting first.
    expect(new Set(both.map((v) => v?.startedAt)).size).toBe(1);

    const o = connectPeer(n3.url, visitId, { token: w.tokens.supervisor, observe: true });
    open.push(o);
    await o.next((m) => m.type === ('welcome' as string), 5000);
    await everywhere(nodes, (v) => v?.observers === 1);

    // The observer's warning reaches both terminals (on the other nodes) and counts once.
    o.send({ type: 'act', act: { action: 'warn', code: 'R16.1(4)' } });
    await o.next((m) => m.type === ('acted' as string), 3000);
    await everywhere(nodes, (v) => v?.warnings === 1);
    // A terminal's own warning to the other side (relayed node 1 → node 2) counts once more.
    a.send({ type: 'signal', data: warnControl });
    await b.next((m) => m.type === 'signal', 3000);
    const warned = await everywhere(nodes, (v) => v?.warnings === 2);
    expect(warned.map((v) => v?.warnings)).toEqual([2, 2, 2]);

    o.ws.close();
    await everywhere(nodes, (v) => v?.observers === 0);
    b.ws.close();
    await everywhere(nodes, (v) => v?.link === 'one-side' && v.sides.length === 1);

    // The visitor side back on node 2, then node 2 stops: it drops out of every remaining node's list at once.
    const b2 = connectPeer(n2.url, visitId, { token: bureau });
    open.push(b2);
    await b2.next((m) => m.type === 'welcome', 5000);
    await everywhere(nodes, (v) => v?.link === 'good');
    await n2.stop();
    await everywhere([n1, n3], (v) => v?.link === 'one-side' && v.sides[0] === 'inmate');
    a.ws.close();
    await everywhere([n1, n3], (v) => v === undefined);
  }, 40_000);

  it('a node killed -9: its terminal drops out of the list within the node TTL', async () => {
    const [n1] = nodes as [TestStore];
    const child: Child<{ url: string; dataDir: string }> = await startChild(path.join(__dirname, 'signal-node-child.ts'), [
      fresh.url,
      'postgres',
    ]);
    try {
      const a = connectPeer(n1.url, visitId, { token: prison });
      open.push(a);
      await a.next((m) => m.type === 'welcome', 5000);
      const b = connectPeer(child.ready.url, visitId, { token: bureau });
      open.push(b);
      await b.next((m) => m.type === 'welcome', 5000);
      await everywhere([n1], (v) => v?.link === 'good');
      const killedAt = Date.now();
      await child.kill();
      const deadline = killedAt + NODE_TTL_MS + NODE_BEAT_MS + 3000;
      while ((await listed(n1))?.link !== 'one-side') {
        if (Date.now() > deadline) throw new Error('the killed node is still listed');
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(await listed(n1)).toMatchObject({ sides: ['inmate'] });
      expect(Date.now() - killedAt).toBeLessThan(NODE_TTL_MS + NODE_BEAT_MS + 3000);
      a.ws.close();
    } finally {
      await child.kill();
      fs.rmSync(child.ready.dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
