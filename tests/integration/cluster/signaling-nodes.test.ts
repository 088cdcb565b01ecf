// Issue #20 item 2: the two terminals of a visit on different store nodes (two real stores,
// one PostgreSQL database), signaling through PostgreSQL LISTEN/NOTIFY and through Redis
// pub/sub. Runs of messages each way arrive in order and once; presence and observers cross
// nodes; an envelope over NOTIFY's 8000-byte limit arrives whole; a node killed mid-call
// (R18.1): its terminal reconnects through the other node and the pair goes on.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import pg from 'pg';
import { createFreshDatabase } from '../../../harness/store/databases';
import type { FreshDatabase } from '../../../harness/store/databases';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, expectCreated, STAFF_PASSWORD } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../harness/store/sync-helpers';
import { startChild } from '../../../harness/sync/child-process';
import type { Child } from '../../../harness/sync/child-process';
import type { ServerMessage } from '../../../src-shared/signaling/protocol';
import { candidateSignal, connectPeer, offerSignal, signalIndex, startSignalingNode } from '../server/signaling/signal-helpers';
import type { TestPeer } from '../server/signaling/signal-helpers';

const RUN = 200;
const BUSES = ['postgres', 'redis'] as const;

const signalsFrom = (peer: TestPeer, from: string) =>
  peer.messages.filter((m): m is Extract<ServerMessage, { type: 'signal' }> => m.type === 'signal' && m.from === from);

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.each(BUSES)('issue #20 signaling across store nodes [%s]', (bus) => {
  let fresh: FreshDatabase;
  let node1: TestStore;
  let node2: TestStore;
  let w: World;
  let prison: string;
  let bureau: string;
  let visitId: string;
  let observerToken: string;
  const open: TestPeer[] = [];
  const connect = (url: string, token: string, observe = false) => {
    const peer = connectPeer(url, visitId, { token, observe });
    open.push(peer);
    return peer;
  };

  beforeAll(async () => {
    fresh = await createFreshDatabase('postgres');
    node1 = await startSignalingNode(fresh, { bus, heartbeatMs: 5000 });
    node2 = await startSignalingNode(fresh, { bus, heartbeatMs: 5000 });
    w = await buildWorld(node1);
    prison = (await enrolTerminal(node1, w.tokens.prisonAAdmin, w.prisonA.roomId)).token;
    bureau = (await enrolTerminal(node2, w.tokens.bureauAAdmin, w.bureauA.roomId)).token;
    // Today on the store's clock (2026-03-02 09:00 China time), in progress: an outcome may be reported.
    visitId = await insertVisit(node1.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:00',
    });
    await expectCreated(
      node1.call('POST', '/api/staff', {
        token: w.tokens.provinceAdmin,
        body: {
          organisationId: w.bureauA.id,
          username: 'bureau-a-chief',
          displayName: '甲局张科长',
          password: STAFF_PASSWORD,
          roles: ['administrator'],
        },
      }),
    );
    observerToken = await node2.login('bureau-a-chief', STAFF_PASSWORD);
  }, 60_000);
  afterAll(async () => {
    for (const p of open) p.ws.terminate();
    await node1?.stop();
    await node2?.stop();
    await fresh?.drop();
  });

  it(`presence crosses nodes; ${RUN} messages each way arrive in order exactly once; an observer on the other node`, async () => {
    const a = connect(node1.url, prison);
    expect(await a.next((m) => m.type === 'welcome', 5000)).toMatchObject({ side: 'inmate', peerPresent: false });
    const b = connect(node2.url, bureau);
    const welcome = await b.next((m) => m.type === 'welcome', 5000);
    // The inmate side is on node 1: node 2 learns it from node 1's answer, in the welcome or just after.
    if (welcome.type === 'welcome' && !welcome.peerPresent)
      await b.next((m) => m.type === 'presence' && m.side === 'inmate' && m.state === 'joined', 3000);
    expect(await a.next((m) => m.type === 'presence', 3000)).toEqual({ type: 'presence', side: 'visitor', state: 'joined' });

    for (let i = 0; i < RUN; i += 1) {
      a.send({ type: 'signal', data: candidateSignal(i) });
      b.send({ type: 'signal', data: candidateSignal(10_000 + i) });
    }
    await until(() => signalsFrom(b, 'inmate').length >= RUN && signalsFrom(a, 'visitor').length >= RUN, 10_000, 'both runs');
    await new Promise((r) => setTimeout(r, 300)); // a duplicate would come by now
    expect(signalsFrom(b, 'inmate').map((m) => signalIndex(m.data))).toEqual([...Array(RUN).keys()]);
    expect(signalsFrom(a, 'visitor').map((m) => signalIndex(m.data))).toEqual([...Array(RUN).keys()].map((i) => 10_000 + i));
    expect([...a.messages, ...b.messages].filter((m) => m.type === 'error')).toEqual([]);

    // Over NOTIFY's 8000-byte payload limit (chunked on PostgreSQL), whole and in place.
    const bigSdp = offerSignal(77);
    bigSdp.data.sdp += `a=x-pad:${'填'.repeat(10_000)}\r\n`;
    a.send({ type: 'signal', data: bigSdp });
    a.send({ type: 'signal', data: candidateSignal(RUN) });
    await until(() => signalsFrom(b, 'inmate').length >= RUN + 2, 5000, 'the large offer');
    expect(signalsFrom(b, 'inmate').slice(RUN)).toEqual([
      { type: 'signal', from: 'inmate', data: bigSdp },
      { type: 'signal', from: 'inmate', data: candidateSignal(RUN) },
    ]);

    // R13.1 across nodes: an observer on node 2 is announced to the inmate terminal on node 1 and reaches it.
    const o = connect(node2.url, observerToken, true);
    const ow = (await o.next((m) => m.type === ('welcome' as string), 5000)) as unknown as {
      observerId: string;
      sides: string[];
    };
    expect(ow.sides.sort()).toEqual(['inmate', 'visitor']);
    expect(await a.next((m) => m.type === 'observer', 3000)).toMatchObject({ observerId: ow.observerId, state: 'joined' });
    const offer = { type: 'offer', sdp: 'v=0\r\no=- 9 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
    a.send({ type: 'observer-signal', observerId: ow.observerId, data: offer });
    expect(await o.next((m) => m.type === 'signal', 3000)).toEqual({ type: 'signal', from: 'inmate', data: offer });
    o.ws.close();
    expect(await a.next((m) => m.type === 'observer' && m.state === 'left', 3000)).toMatchObject({ observerId: ow.observerId });

    // Leaving crosses nodes too.
    b.ws.close();
    expect(await a.next((m) => m.type === 'presence', 3000)).toEqual({ type: 'presence', side: 'visitor', state: 'left' });
    a.ws.close();
    await a.closed;
  }, 30_000);

  it('R18.1: node 1 killed mid-call: its terminal reconnects through node 2 and the pair goes on', async () => {
    const child: Child<{ url: string; dataDir: string }> = await startChild(path.join(__dirname, 'signal-node-child.ts'), [
      fresh.url,
      bus,
    ]);
    try {
      const a = connect(child.ready.url, prison);
      await a.next((m) => m.type === 'welcome', 5000);
      const b = connect(node2.url, bureau);
      const bWelcome = await b.next((m) => m.type === 'welcome', 5000);
      if (bWelcome.type === 'welcome' && !bWelcome.peerPresent) await b.next((m) => m.type === 'presence', 8000);
      await a.next((m) => m.type === 'presence' && m.state === 'joined', 3000);
      a.send({ type: 'signal', data: candidateSignal(1) });
      await b.next((m) => m.type === 'signal', 3000);

      const killedAt = Date.now();
      child.process.kill('SIGKILL');
      await a.closed;
      const again = connect(node2.url, prison);
      expect(await again.next((m) => m.type === 'welcome', 5000)).toMatchObject({ side: 'inmate', peerPresent: true });
      expect(await b.next((m) => m.type === 'presence' && m.state === 'joined', 3000)).toEqual({
        type: 'presence',
        side: 'inmate',
        state: 'joined',
        rejoined: true,
      });
      again.send({ type: 'signal', data: candidateSignal(2) });
      b.send({ type: 'signal', data: candidateSignal(3) });
      expect(await b.next((m) => m.type === 'signal', 3000)).toMatchObject({ from: 'inmate', data: candidateSignal(2) });
      expect(await again.next((m) => m.type === 'signal', 3000)).toMatchObject({ from: 'visitor', data: candidateSignal(3) });
      expect(Date.now() - killedAt, 'signaling back within 5 s').toBeLessThan(5000);
      expect(b.ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      await child.kill();
      fs.rmSync(child.ready.dataDir, { recursive: true, force: true });
    }
  }, 30_000);
  it.runIf(bus === 'postgres')(
    'the bus connections cut (as by a PostgreSQL restart): the nodes reconnect and signaling flows again',
    async () => {
      const a = connect(node1.url, prison);
      await a.next((m) => m.type === 'welcome', 5000);
      const b = connect(node2.url, bureau);
      await b.next((m) => m.type === 'welcome', 5000);
      await a.next((m) => m.type === 'presence' && m.side === 'visitor' && m.state === 'joined', 3000);
      const admin = new pg.Client({ connectionString: fresh.url });
      await admin.connect();
      try {
        const cut = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'signal-bus-%'",
        );
        expect(cut.rowCount).toBeGreaterThanOrEqual(4); // two connections per node
      } finally {
        await admin.end();
      }
      // NOTIFY keeps nothing: what is sent while a node reconnects is lost, so probe until one arrives.
      const cutAt = Date.now();
      let i = 1000;
      while (signalsFrom(b, 'inmate').length === 0) {
        if (Date.now() - cutAt > 8000) throw new Error('signaling did not come back');
        a.send({ type: 'signal', data: candidateSignal((i += 1)) });
        await new Promise((r) => setTimeout(r, 100));
      }
      const seen = signalsFrom(b, 'inmate').length;
      for (let k = 0; k < 20; k += 1) a.send({ type: 'signal', data: candidateSignal(5000 + k) });
      await until(
        () => signalsFrom(b, 'inmate').filter((m) => signalIndex(m.data) >= 5000).length >= 20,
        5000,
        'the run after reconnecting',
      );
      expect(seen).toBeGreaterThan(0);
      expect(
        signalsFrom(b, 'inmate')
          .filter((m) => signalIndex(m.data) >= 5000)
          .map((m) => signalIndex(m.data)),
      ).toEqual([...Array(20).keys()].map((k) => 5000 + k));
    },
    30_000,
  );
  it('R18.1: an outcome reported through either node is believed: each node saw the signals cross both ways', async () => {
    const a = connect(node1.url, prison);
    await a.next((m) => m.type === 'welcome', 5000);
    const b = connect(node2.url, bureau);
    const bWelcome = await b.next((m) => m.type === 'welcome', 5000);
    if (bWelcome.type === 'welcome' && !bWelcome.peerPresent) await b.next((m) => m.type === 'presence', 8000);
    await a.next((m) => m.type === 'presence' && m.side === 'visitor' && m.state === 'joined', 3000);
    a.send({ type: 'signal', data: candidateSignal(1) });
    await b.next((m) => m.type === 'signal', 3000);
    b.send({ type: 'signal', data: candidateSignal(2) });
    await a.next((m) => m.type === 'signal', 3000);
    a.send({ type: 'outcome', outcome: 'interrupted', code: 'R18.1', reason: '网络故障未能在宽限时间内恢复' });
    expect(await a.next((m) => m.type === 'outcome-recorded' || m.type === 'error', 5000)).toEqual({
      type: 'outcome-recorded',
      status: 'interrupted',
    });
  }, 30_000);
});
