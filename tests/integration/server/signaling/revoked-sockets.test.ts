// probe 15.7: a token is checked once, when a socket opens. Revoking the terminal (or
// disabling the account) must close what it already has open, within a second, with a
// code the terminal treats as final (4410) and a zh-CN reason; a new attempt is refused.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { CLOSE } from '../../../../src-shared/signaling/protocol';
import { LiveSockets } from '../../../../src-server/live-sockets';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld, STAFF_PASSWORD } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import { connectPeer, startSignalingStore } from './signal-helpers';
import type { TestPeer } from './signal-helpers';

describe.each(ENGINES)('probe 15.7: withdrawn credentials lose their open sockets [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  const open: TestPeer[] = [];

  beforeAll(async () => {
    store = await startSignalingStore(engine, {});
    w = await buildWorld(store);
  });
  afterAll(async () => {
    for (const p of open) p.ws.terminate();
    await store?.stop();
  });

  it('revoking a terminal closes its signaling socket within 1 s (4410), the peer is told, the token is refused after', async () => {
    const prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    const bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
    const a = connectPeer(store.url, visitId, { token: prison.token });
    const b = connectPeer(store.url, visitId, { token: bureau.token });
    open.push(a, b);
    await a.next((m) => m.type === 'welcome');
    await b.next((m) => m.type === 'welcome');

    const started = Date.now();
    const revoked = await store.call('POST', `/api/terminals/${prison.terminalId}/revoke`, { token: w.tokens.prisonAAdmin });
    expect(revoked.status).toBe(200);
    const closed = await Promise.race([a.closed, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    const elapsed = Date.now() - started;
    expect(closed, "the revoked terminal's socket was still open after 1 s").not.toBeNull();
    expect(closed).toEqual({ code: CLOSE.REVOKED, reason: '终端已被注销，连接已关闭' });
    expect(elapsed).toBeLessThan(1000);
    expect(await b.next((m) => m.type === 'presence' && m.state === 'left')).toMatchObject({ side: 'inmate' });
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
    expect(store.app.ctx.sockets.count({ kind: 'terminal', id: prison.terminalId })).toBe(0);

    const again = connectPeer(store.url, visitId, { token: prison.token });
    open.push(again);
    expect((await again.closed).code).toBe(CLOSE.UNAUTHENTICATED);
  });

  it('disabling a staff account closes a socket registered for it within 1 s (4410)', async () => {
    // No area opens staff sockets yet; one registered for the account stands in for them.
    const created = await store.call('POST', '/api/staff', {
      token: w.tokens.prisonAAdmin,
      body: {
        organisationId: w.prisonA.id,
        username: 'socket-holder',
        displayName: '持有连接者',
        password: STAFF_PASSWORD,
        roles: ['reviewer'],
      },
    });
    expect(created.status).toBe(201);
    const staffId = (created.body as { id: string }).id;
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    try {
      const accepted = once(wss, 'connection');
      const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
      const [serverSide] = (await accepted) as [WebSocket];
      store.app.ctx.sockets.add({ kind: 'staff', id: staffId }, serverSide);
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        client.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );

      const started = Date.now();
      const res = await store.call('PATCH', `/api/staff/${staffId}`, { token: w.tokens.prisonAAdmin, body: { active: false } });
      expect(res.status).toBe(200);
      expect(await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 1000))])).toEqual({
        code: CLOSE.REVOKED,
        reason: '账号已停用，连接已关闭',
      });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      for (const c of wss.clients) c.terminate();
      wss.close();
    }
  });
});

describe('probe 15.7: a socket admitted just before its credential was withdrawn', () => {
  it('is closed (4410) as it registers; an account enabled again may connect', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const connect = async () => {
      const accepted = once(wss, 'connection');
      const client = new WebSocket(url);
      const closed = new Promise<number>((resolve) => client.on('close', (code) => resolve(code)));
      const [serverSide] = (await accepted) as [WebSocket];
      return { client, serverSide, closed };
    };
    try {
      const sockets = new LiveSockets();
      const terminal = { kind: 'terminal', id: 't-1' } as const;
      const staff = { kind: 'staff', id: 's-1' } as const;
      expect(sockets.withdraw(terminal)).toBe(0);
      const late = await connect();
      sockets.add(terminal, late.serverSide);
      expect(await late.closed).toBe(CLOSE.REVOKED);

      sockets.withdraw(staff);
      sockets.reinstate(staff);
      const back = await connect();
      sockets.add(staff, back.serverSide);
      await new Promise((r) => setTimeout(r, 100));
      expect(back.client.readyState).toBe(WebSocket.OPEN);
      expect(sockets.count(staff)).toBe(1);
      back.client.close();
    } finally {
      for (const c of wss.clients) c.terminate();
      wss.close();
    }
  });
});
