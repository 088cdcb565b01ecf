// Over the store's signaling: the ICE configuration handed out with the welcome
// and the outcome a terminal reports at the end (R18.1: an interrupted visit
// is not a used one and is listed first for its priority reschedule).
import { afterAll, beforeAll, describe, expect, it, test } from 'vitest';
import { WebSocket } from 'ws';
import { iceConfigFromEnv, NO_ICE, parseIceConfig } from '../../../../src-server/signaling/ice-config';
import type { IceConfig } from '../../../../src-shared/signaling/protocol';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';
import { candidateSignal, connectPeer, offerSignal, startSignalingStore } from './signal-helpers';
import type { TestPeer } from './signal-helpers';

const ICE: IceConfig = {
  iceServers: [{ urls: 'turn:127.0.0.1:3478?transport=udp', username: 'kiosk', credential: 'secret' }],
  iceTransportPolicy: 'relay',
};

describe("the store's STUN/TURN configuration, handed out with the welcome", () => {
  test('from SIGNAL_ICE_SERVERS / SIGNAL_ICE_TRANSPORT_POLICY, none by default', () => {
    expect(iceConfigFromEnv({})).toEqual(NO_ICE);
    expect(
      iceConfigFromEnv({ SIGNAL_ICE_SERVERS: JSON.stringify(ICE.iceServers), SIGNAL_ICE_TRANSPORT_POLICY: 'relay' }),
    ).toEqual(ICE);
  });

  test('a bad configuration stops the store with a clear zh-CN sentence', () => {
    expect(() => iceConfigFromEnv({ SIGNAL_ICE_SERVERS: '[{' })).toThrow('SIGNAL_ICE_SERVERS 不是合法的 JSON');
    expect(() => parseIceConfig({ iceServers: [{ urls: 'http://x' }], iceTransportPolicy: 'all' })).toThrow(
      'stun:、stuns:、turn: 或 turns:',
    );
    expect(() => parseIceConfig({ iceServers: [{ urls: 'stun:x' }], iceTransportPolicy: 'relay' })).toThrow('至少配置一个 TURN');
    expect(() => parseIceConfig({ iceServers: [{ urls: 'stun:x', secret: 1 }], iceTransportPolicy: 'all' })).toThrow(
      '信令 ICE 配置无效',
    );
    expect(() => parseIceConfig({ iceServers: [], iceTransportPolicy: 'sometimes' })).toThrow('iceTransportPolicy');
  });
});

describe.each(ENGINES)('R18.1 visit outcome through signaling [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let prison: EnrolledTerminal;
  let bureau: EnrolledTerminal;
  const open: TestPeer[] = [];

  const joined = async (terminal: EnrolledTerminal, visitId: string) => {
    const peer = connectPeer(store.url, visitId, { token: terminal.token });
    open.push(peer);
    const welcome = await peer.next((m) => m.type === 'welcome');
    return { peer, welcome };
  };
  /** Both terminals' signals cross the relay (what a call's negotiation does before media flows). */
  const exchangeSignals = async (a: TestPeer, b: TestPeer) => {
    a.send({ type: 'signal', data: offerSignal(1) });
    await b.next((m) => m.type === 'signal');
    b.send({ type: 'signal', data: candidateSignal(2) });
    await a.next((m) => m.type === 'signal');
  };
  const status = async (visitId: string) =>
    (await store.app.ctx.db.selectFrom('visits').select('status').where('id', '=', visitId).executeTakeFirstOrThrow()).status;

  beforeAll(async () => {
    store = await startSignalingStore(engine, { heartbeatMs: 5_000, ice: ICE });
    w = await buildWorld(store);
    prison = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureau = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
  });
  afterAll(async () => {
    for (const p of open.splice(0)) if (p.ws.readyState === WebSocket.OPEN) p.ws.terminate();
    await store?.stop();
  });

  it("the welcome carries the ICE configuration and the visit's status at the store", async () => {
    const visitId = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
    const { welcome } = await joined(prison, visitId);
    expect(welcome).toEqual({ type: 'welcome', visitId, side: 'inmate', peerPresent: false, ice: ICE, visitStatus: 'scheduled' });
  });

  it('R18.1 an interrupted visit is recorded once, listed first for its priority reschedule, and a terminal coming back learns it', async () => {
    const earlier = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      startTime: '08:30',
    });
    // Today (the store's clock: 2026-03-02 09:00 China time), in progress.
    const visitId = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:00',
    });
    const { peer: a } = await joined(prison, visitId);
    const { peer: b } = await joined(bureau, visitId);
    await exchangeSignals(a, b);
    const heard = b.messages.length;
    a.send({ type: 'outcome', outcome: 'interrupted', code: 'R18.1', reason: '网络故障未能在宽限时间内恢复' });
    expect(await a.next((m) => m.type === 'outcome-recorded')).toEqual({ type: 'outcome-recorded', status: 'interrupted' });
    // Not relayed: the other terminal hears nothing of it.
    await new Promise((r) => setTimeout(r, 50));
    expect(b.messages.slice(heard).some((m) => m.type === 'signal' || m.type === 'outcome-recorded')).toBe(false);
    // The other side's report (say, completed) changes nothing: the first one stands.
    b.send({ type: 'outcome', outcome: 'completed', code: 'R14.2', reason: '' });
    expect(await b.next((m) => m.type === 'outcome-recorded')).toEqual({ type: 'outcome-recorded', status: 'interrupted' });
    expect(await status(visitId)).toBe('interrupted');
    const row = await store.app.ctx.db
      .selectFrom('visits')
      .select(['outcome_code', 'outcome_reason'])
      .where('id', '=', visitId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome_code: 'R18.1', outcome_reason: '网络故障未能在宽限时间内恢复' });

    // The prison's desk sees it first in the visit list, awaiting its priority reschedule.
    const list = await store.call<Array<{ id: string; status: string; awaitingReschedule: boolean }>>('GET', '/api/visits', {
      token: w.tokens.prisonAAdmin,
    });
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: visitId, status: 'interrupted', awaitingReschedule: true });
    expect(list.body.findIndex((v) => v.id === earlier)).toBeGreaterThan(0);

    // A terminal that comes back later is told the visit is over.
    const { welcome } = await joined(bureau, visitId);
    expect(welcome).toMatchObject({ visitStatus: 'interrupted' });
  });

  it('a bad outcome message is refused with a reason and changes nothing', async () => {
    const visitId = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      startTime: '16:00',
    });
    const { peer: a } = await joined(prison, visitId);
    a.send({ type: 'outcome', outcome: 'vanished', code: 'R18.1', reason: '' });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({
      code: 'BAD_MESSAGE',
      message: expect.stringContaining('outcome'),
    });
    a.send({ type: 'outcome', outcome: 'interrupted', code: '', reason: '' });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({
      code: 'BAD_MESSAGE',
      message: expect.stringContaining('code'),
    });
    expect(await status(visitId)).toBe('scheduled');
  });
  it('probe 15.6: completed or interrupted for a visit booked two days later is refused with its code, changes nothing, and the province sees an alarm', async () => {
    const visitId = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-04',
      startTime: '09:00',
    });
    const { peer: a } = await joined(prison, visitId);
    const { peer: b } = await joined(bureau, visitId);
    // Even with both terminals on the relay exchanging signals.
    await exchangeSignals(a, b);
    for (const outcome of ['interrupted', 'completed', 'terminated'] as const) {
      a.send({ type: 'outcome', outcome, code: outcome === 'terminated' ? 'R17.1(8)' : 'R18.1', reason: '' });
      expect(await a.next((m) => m.type === 'error')).toMatchObject({
        code: 'OUTCOME_FAILED',
        message: expect.stringContaining('OUTSIDE_VISIT_WINDOW'),
      });
    }
    expect(await status(visitId)).toBe('scheduled');
    const alarms = await store.call('GET', '/api/alarms', { token: w.tokens.provinceAdmin });
    expect(alarms.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'visit-outcome-refused',
          code: 'OUTSIDE_VISIT_WINDOW',
          visitId,
          terminalId: prison.terminalId,
        }),
      ]),
    );
    expect((await store.call('GET', '/api/alarms', { token: w.tokens.bureauBAdmin })).body).toEqual([]);
  });

  it('probe 15.6: inside the window, completed or interrupted before any signal crossed the relay (nor a call.started in the chain) is refused; terminated is recorded', async () => {
    const cut = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:05',
    });
    const stopped = await insertVisit(store.app.ctx.db, {
      roomId: w.prisonA.roomId,
      remoteRoomId: w.bureauA.roomId,
      date: '2026-03-02',
      startTime: '09:10',
    });
    const { peer: a } = await joined(prison, cut);
    a.send({ type: 'outcome', outcome: 'interrupted', code: 'R18.1', reason: '' });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({
      code: 'OUTCOME_FAILED',
      message: expect.stringContaining('CALL_NOT_STARTED'),
    });
    expect(await status(cut)).toBe('scheduled');
    // Only one side's signal crossed: still no call.
    const { peer: b } = await joined(bureau, cut);
    a.send({ type: 'signal', data: offerSignal(1) });
    await b.next((m) => m.type === 'signal');
    a.send({ type: 'outcome', outcome: 'completed', code: 'R14.2', reason: '' });
    expect(await a.next((m) => m.type === 'error')).toMatchObject({ message: expect.stringContaining('CALL_NOT_STARTED') });
    expect(await status(cut)).toBe('scheduled');
    // A termination needs no started call (it may end the visit while connecting).
    const { peer: c } = await joined(prison, stopped);
    c.send({ type: 'outcome', outcome: 'terminated', code: 'R17.1(8)', reason: '谈论案情' });
    expect(await c.next((m) => m.type === 'outcome-recorded')).toEqual({ type: 'outcome-recorded', status: 'terminated' });
  });
});
