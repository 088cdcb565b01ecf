// WebSocket signaling: only the visit's two terminals,
// relayed in order, reconnects rejoin, limits and heartbeat, over real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE, SIGNAL_SUBPROTOCOL } from '../../../../src-shared/signaling/protocol';
import type { ServerMessage } from '../../../../src-shared/signaling/protocol';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';
import { candidateSignal, connectPeer, offerSignal, signalIndex, startSignalingStore } from './signal-helpers';
import { NO_ICE } from '../../../../src-server/signaling/ice-config';
import type { ConnectOptions, TestPeer } from './signal-helpers';

const HEARTBEAT_MS = 150;
const MAX_MESSAGE_BYTES = 16 * 1024;

describe.each(ENGINES)('signaling [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let prison: EnrolledTerminal;
  let bureau: EnrolledTerminal;
  let stranger: EnrolledTerminal;
  let visitId: string;
  const open: TestPeer[] = [];

  const join = async (terminal: EnrolledTerminal | null, options: ConnectOptions = {}, visit = visitId) => {
    const peer = connectPeer(store.url, visit, { ...(terminal !== null ? { token: terminal.token } : {}), ...options });
    open.push(peer);
    return peer;
  };
  /** Joins and waits for the welcome. */
  const joined = async (terminal: EnrolledTerminal, options: ConnectOptions = {}) => {
    const peer = await join(terminal, options);
    await peer.next((m) => m.type === 'welcome');
    return peer;
  };
  const leaveAll = async () => {
    for (const peer of open.splice(0)) {
      if (peer.ws.readyState === WebSocket.OPEN || peer.ws.readyState === WebSocket.CONNECTING) peer.ws.terminate();
    }
    await new Promise((r) => setTimeout(r, 30));
  };

  beforeAll(async () => {
    store = await startSignalingStore(engine, { heartbeatMs: HEARTBEAT_MS, maxMessageBytes: MAX_MESSAGE_BYTES });
    w = await buildWorld(store);
    prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    stranger = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
  });
  afterAll(async () => {
    await leaveAll();
    await store?.stop();
  });

  it('the two terminals of the visit join, see each other, and relay 1,000 messages each way in order', async () => {
    const a = await join(prison);
    expect(await a.next((m) => m.type === 'welcome')).toEqual({
      type: 'welcome',
      visitId,
      side: 'inmate',
      peerPresent: false,
      ice: NO_ICE,
      visitStatus: 'scheduled',
    });
    const b = await join(bureau);
    expect(await b.next((m) => m.type === 'welcome')).toEqual({
      type: 'welcome',
      visitId,
      side: 'visitor',
      peerPresent: true,
      ice: NO_ICE,
      visitStatus: 'scheduled',
    });
    expect(await a.next((m) => m.type === 'presence')).toEqual({ type: 'presence', side: 'visitor', state: 'joined' });
    expect(a.ws.protocol).toBe(SIGNAL_SUBPROTOCOL);

    const N = 1000;
    for (let i = 0; i < N; i++) {
      a.send({ type: 'signal', data: offerSignal(i) });
      b.send({ type: 'signal', data: candidateSignal(i) });
    }
    a.send({ type: 'ready' });
    b.send({ type: 'bye' });
    await b.next((m) => m.type === 'ready', 10_000);
    await a.next((m) => m.type === 'bye', 10_000);
    const signals = (peer: TestPeer) =>
      peer.messages.filter((m): m is Extract<ServerMessage, { type: 'signal' }> => m.type === 'signal');
    expect(signals(b).map((m) => signalIndex(m.data))).toEqual([...Array(N).keys()]);
    expect(signals(a).map((m) => signalIndex(m.data))).toEqual([...Array(N).keys()]);
    expect(signals(b).every((m) => m.from === 'inmate')).toBe(true);
    expect(signals(a)[0]).toEqual({ type: 'signal', from: 'visitor', data: candidateSignal(0) });
    // ready/bye arrive after every signal sent before them.
    const lastSignal = signals(b).at(-1);
    expect(lastSignal).toBeDefined();
    expect(b.messages.findIndex((m) => m.type === 'ready')).toBeGreaterThan(b.messages.lastIndexOf(lastSignal as ServerMessage));
    expect(await b.next((m) => m.type === 'ready', 100).catch(() => null)).toBeNull(); // only one
    await leaveAll();
  });

  it('a browser-style client authenticates with a bearer subprotocol; the token is never echoed', async () => {
    const a = await joined(prison, { via: 'protocol' });
    expect(a.ws.protocol).toBe(SIGNAL_SUBPROTOCOL);
    await leaveAll();
  });

  it('a terminal of another room, staff, strangers and unknown visits are closed with a clear code', async () => {
    const expectClosed = async (peer: TestPeer, code: number, reason: RegExp) => {
      const closed = await peer.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
    };
    await expectClosed(await join(stranger), CLOSE.FORBIDDEN, /不属于该会见/);
    await expectClosed(await join(stranger, { via: 'protocol' }), CLOSE.FORBIDDEN, /不属于该会见/);
    await expectClosed(await join({ ...prison, token: w.tokens.prisonAAdmin }), CLOSE.FORBIDDEN, /仅限会见室终端/);
    await expectClosed(await join(null), CLOSE.UNAUTHENTICATED, /缺少登录凭证/);
    await expectClosed(await join({ ...prison, token: 'not-a-token' }), CLOSE.UNAUTHENTICATED, /无效或已过期/);
    await expectClosed(await join(prison, {}, '00000000-0000-4000-8000-000000000000'), CLOSE.NOT_FOUND, /会见不存在/);
    await expectClosed(await join(prison, {}, 'not-a-visit'), CLOSE.BAD_REQUEST, /格式错误/);
    // A refused socket never entered the room.
    const b = await joined(bureau);
    expect(b.messages).toEqual([
      { type: 'welcome', visitId, side: 'visitor', peerPresent: false, ice: NO_ICE, visitStatus: 'scheduled' },
    ]);
    await leaveAll();
  });

  it('a reconnecting terminal replaces its old socket and rejoins; the peer sees presence', async () => {
    const a = await joined(prison);
    const b1 = await joined(bureau);
    await a.next((m) => m.type === 'presence' && m.state === 'joined');

    // The bureau reconnects while the server still holds its first socket (e.g. a cut cable).
    const b2 = await join(bureau);
    expect(await b2.next((m) => m.type === 'welcome')).toMatchObject({ side: 'visitor', peerPresent: true });
    expect(await b1.closed).toMatchObject({ code: CLOSE.REPLACED });
    expect(await a.next((m) => m.type === 'presence')).toEqual({
      type: 'presence',
      side: 'visitor',
      state: 'joined',
      rejoined: true,
    });
    a.send({ type: 'signal', data: candidateSignal(42) });
    expect(await b2.next((m) => m.type === 'signal')).toEqual({ type: 'signal', from: 'inmate', data: candidateSignal(42) });
    // The replaced socket leaving did not announce a departure.
    await new Promise((r) => setTimeout(r, 50));
    expect(a.messages.filter((m) => m.type === 'presence' && m.state === 'left')).toEqual([]);

    // A clean leave, then a fresh join.
    b2.ws.close(CLOSE.NORMAL);
    expect(await a.next((m) => m.type === 'presence')).toEqual({ type: 'presence', side: 'visitor', state: 'left' });
    const b3 = await join(bureau, { via: 'protocol' });
    expect(await b3.next((m) => m.type === 'welcome')).toMatchObject({ peerPresent: true });
    expect(await a.next((m) => m.type === 'presence')).toEqual({ type: 'presence', side: 'visitor', state: 'joined' });
    await leaveAll();
  });

  it('an oversized message closes the sender (1009) and frees its side', async () => {
    const a = await joined(prison);
    const b = await joined(bureau);
    a.send({ type: 'signal', data: 'x'.repeat(MAX_MESSAGE_BYTES) });
    expect((await a.closed).code).toBe(CLOSE.TOO_BIG);
    expect(await b.next((m) => m.type === 'presence' && m.state === 'left')).toEqual({
      type: 'presence',
      side: 'inmate',
      state: 'left',
    });
    expect(b.messages.some((m) => m.type === 'signal')).toBe(false);
    await leaveAll();
  });

  it('a dead socket (no pong) is dropped by the heartbeat and the peer is told', async () => {
    const a = await joined(prison);
    const dead = await joined(bureau, { autoPong: false });
    await a.next((m) => m.type === 'presence' && m.state === 'joined');
    const started = Date.now();
    expect(await a.next((m) => m.type === 'presence' && m.state === 'left', 5 * HEARTBEAT_MS + 1000)).toMatchObject({
      side: 'visitor',
    });
    expect(Date.now() - started).toBeLessThan(5 * HEARTBEAT_MS + 1000);
    expect((await dead.closed).code).toBe(1006);
    // A live socket answering pings stays through several intervals.
    await new Promise((r) => setTimeout(r, 3 * HEARTBEAT_MS));
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    await leaveAll();
  });

  it('bad messages get an error naming the problem and change nothing; app-level ping answers', async () => {
    const a = await joined(prison);
    a.send('{not json');
    expect(await a.next((m) => m.type === 'error')).toEqual({ type: 'error', code: 'BAD_MESSAGE', message: '消息不是合法 JSON' });
    a.send({ type: 'shout', data: 1 });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({
      code: 'BAD_MESSAGE',
      message: expect.stringContaining('type'),
    });
    a.send({ type: 'signal' });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({
      code: 'BAD_MESSAGE',
      message: expect.stringContaining('data'),
    });
    a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({ message: '只接受 JSON 文本消息' });
    // Alone in the room: the message is not delivered, and the sender is told.
    a.send({ type: 'signal', data: candidateSignal(1) });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({ code: 'PEER_ABSENT' });
    a.send({ type: 'ping', id: 7 });
    expect(await a.next((m) => m.type === 'pong')).toMatchObject({ type: 'pong', id: 7 });
    expect(a.ws.readyState).toBe(WebSocket.OPEN);
    await leaveAll();
  });

  it('a plain GET explains that the address needs a WebSocket (426)', async () => {
    const res = await store.call('GET', `/api/signal/${visitId}`, { token: prison.token });
    expect(res.status).toBe(426);
    expect(res.body.error.message).toContain('WebSocket');
  });

  it('other upgrade paths are refused', async () => {
    const ws = new WebSocket(`${store.url.replace(/^http/, 'ws')}/api/elsewhere`);
    const failure = await new Promise<string>((resolve) => ws.on('error', (err) => resolve(err.message)));
    expect(failure).toContain('404');
  });

  it('shutting the store down (a drain, #20) tells connected terminals to reconnect at once (4503)', async () => {
    const a = await joined(prison);
    const b = await joined(bureau);
    const app = store.app;
    await app.close();
    expect((await a.closed).code).toBe(CLOSE.NODE_DRAINING);
    expect((await b.closed).code).toBe(CLOSE.NODE_DRAINING);
  });
});
