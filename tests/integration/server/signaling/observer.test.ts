// Issue #19 item 2, the monitoring centre at the store (R13.1 real-time monitoring, R29.1 the
// province oversees all sites, R24.1 supervision, R16.1/R17.1 coded reasons): the live list is
// scoped like everything else, an observer joins only a visit in its scope, its WebRTC signals
// reach one side's terminal and back, and its warning reaches BOTH terminals with the officer's
// identity, while the two terminals' own relay goes on undisturbed. Real store, real sockets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CLOSE } from '../../../../src-shared/signaling/protocol';
import type { ObserverServerMessage } from '../../../../src-shared/signaling/observer-protocol';
import type { LiveVisit } from '../../../../src-shared/store-api/endpoints/monitor';
import { ENGINES } from '../../../../harness/store/databases';
import type { TestStore } from '../../../../harness/store/store';
import { STAFF_PASSWORD, buildWorld, expectCreated } from '../../../../harness/store/world';
import type { World } from '../../../../harness/store/world';
import { enrolTerminal, insertVisit } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';
import { candidateSignal, connectPeer, startSignalingStore } from './signal-helpers';
import type { ConnectOptions, TestPeer } from './signal-helpers';

const answer = { type: 'answer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' } as const;

describe.each(ENGINES)('issue #19 monitoring centre at the store [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  const t: Record<'prisonA' | 'bureauA' | 'prisonB' | 'bureauB', EnrolledTerminal> = {} as never;
  let visit1: string;
  let visit2: string;
  let bureauASupervisor: string;
  const open: TestPeer[] = [];

  const connect = (visitId: string, token: string, options: ConnectOptions = {}) => {
    const peer = connectPeer(store.url, visitId, { token, via: 'protocol', ...options });
    open.push(peer);
    return peer;
  };
  const observe = (visitId: string, token: string) => connect(visitId, token, { observe: true });
  const live = (token: string) => store.call<{ visits: LiveVisit[] }>('GET', '/api/monitor/visits', { token });

  beforeAll(async () => {
    store = await startSignalingStore(engine, { heartbeatMs: 5000 });
    w = await buildWorld(store);
    t.prisonA = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    t.bureauA = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    t.prisonB = await enrolTerminal(store, w.tokens.prisonBAdmin, w.prisonB.roomId);
    t.bureauB = await enrolTerminal(store, w.tokens.bureauBAdmin, w.bureauB.roomId);
    visit1 = await insertVisit(store.app.ctx.db, { roomId: w.prisonA.roomId, remoteRoomId: w.bureauA.roomId });
    visit2 = await insertVisit(store.app.ctx.db, { roomId: w.prisonB.roomId, remoteRoomId: w.bureauB.roomId });
    await expectCreated(
      store.call('POST', '/api/staff', {
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
    bureauASupervisor = await store.login('bureau-a-chief', STAFF_PASSWORD);
  });
  afterAll(async () => {
    for (const p of open) if (p.ws.readyState === WebSocket.OPEN || p.ws.readyState === WebSocket.CONNECTING) p.ws.terminate();
    await store?.stop();
  });

  it('R29.1/R13.1: two visits live at once; the province lists both, a prison and a bureau only their own, a reviewer nothing', async () => {
    const a1 = connect(visit1, t.prisonA.token);
    const b1 = connect(visit1, t.bureauA.token);
    const a2 = connect(visit2, t.prisonB.token);
    for (const p of [a1, b1, a2]) await p.next((m) => m.type === 'welcome');

    const province = await live(w.tokens.supervisor);
    expect(province.status).toBe(200);
    expect(province.body.visits.map((v) => v.visitId).sort()).toEqual([visit1, visit2].sort());
    const one = province.body.visits.find((v) => v.visitId === visit1);
    expect(one).toMatchObject({
      room: { name: '一监区会见室', organisation: '一监区' },
      remoteRoom: { name: '会见室', organisation: '甲县司法局' },
      inmateName: '测试罪犯',
      sides: ['inmate', 'visitor'],
      link: 'good',
      minutes: 30,
      warnings: 0,
      observers: 0,
    });
    expect(one?.startedAt).not.toBeNull();
    expect(one?.remainingMs).toBeGreaterThan(29 * 60_000);
    expect(province.body.visits.find((v) => v.visitId === visit2)).toMatchObject({
      sides: ['inmate'],
      link: 'one-side',
      startedAt: null,
    });

    expect((await live(w.tokens.prisonAWarden)).body.visits.map((v) => v.visitId)).toEqual([visit1]);
    expect((await live(bureauASupervisor)).body.visits.map((v) => v.visitId)).toEqual([visit1]);
    // The other bureau's supervising administrator sees only its own visit, never prison A's.
    expect((await live(w.tokens.bureauBAdmin)).body.visits.map((v) => v.visitId)).toEqual([visit2]);
    const reviewer = await live(w.tokens.bureauAReviewer);
    expect(reviewer.status).toBe(403);
    expect(JSON.stringify(reviewer.body)).toMatch(/仅限/);
    expect((await store.call('GET', '/api/monitor/visits')).status).toBe(401);
  });

  it('R29.1: a bureau outside the visit, a reviewer, a terminal and a bad id cannot observe (clear close codes)', async () => {
    const refused = async (peer: TestPeer, code: number, reason: RegExp) => {
      const closed = await peer.closed;
      expect(closed.code).toBe(code);
      expect(closed.reason).toMatch(reason);
    };
    await refused(observe(visit1, w.tokens.bureauBAdmin), CLOSE.FORBIDDEN, /管辖范围/);
    await refused(observe(visit1, w.tokens.prisonBAdmin), CLOSE.FORBIDDEN, /管辖范围/);
    await refused(observe(visit1, w.tokens.bureauAReviewer), CLOSE.FORBIDDEN, /仅限/);
    await refused(observe(visit1, t.bureauB.token), CLOSE.FORBIDDEN, /仅限/);
    await refused(observe('not-a-visit', w.tokens.supervisor), CLOSE.BAD_REQUEST, /格式/);
    await refused(connect(visit1, 'nonsense', { observe: true }), CLOSE.UNAUTHENTICATED, /凭证/);
  });

  it('R13.1/R24.1/R16.1: an observer is announced to both terminals, exchanges WebRTC signals with each, and its warning reaches both with the officer', async () => {
    const [a1, b1] = open.filter((p) => p.ws.readyState === WebSocket.OPEN).slice(0, 2) as [TestPeer, TestPeer];
    const o = observe(visit1, bureauASupervisor);
    const welcome = (await o.next((m) => m.type === 'welcome')) as unknown as Extract<ObserverServerMessage, { type: 'welcome' }>;
    expect(welcome.sides.sort()).toEqual(['inmate', 'visitor']);
    const officer = { staffId: expect.any(String), name: '甲局张科长', organisation: '甲县司法局' };
    for (const terminal of [a1, b1])
      expect(await terminal.next((m) => m.type === 'observer')).toEqual({
        type: 'observer',
        observerId: welcome.observerId,
        state: 'joined',
        by: officer,
      });

    // The terminal offers its low-bitrate stream; the observer answers that side only.
    const offer = { type: 'offer', sdp: 'v=0\r\no=- 9 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n' };
    a1.send({ type: 'observer-signal', observerId: welcome.observerId, data: offer });
    expect(await o.next((m) => m.type === 'signal')).toEqual({ type: 'signal', from: 'inmate', data: offer });
    o.send({ type: 'signal', to: 'inmate', data: answer });
    expect(await a1.next((m) => m.type === 'observer-signal')).toEqual({
      type: 'observer-signal',
      observerId: welcome.observerId,
      data: answer,
    });
    expect(b1.messages.some((m) => m.type === 'observer-signal')).toBe(false);

    // The visit itself is not disturbed: the terminals still relay to each other.
    a1.send({ type: 'signal', data: candidateSignal(3) });
    expect(await b1.next((m) => m.type === 'signal')).toEqual({ type: 'signal', from: 'inmate', data: candidateSignal(3) });

    // R22.1: "other" needs a written reason; nothing reaches the terminals.
    o.send({ type: 'act', act: { action: 'warn', code: 'other' } });
    expect(await o.next((m) => m.type === 'error')).toMatchObject({
      code: 'BAD_MESSAGE',
      message: expect.stringMatching(/R22\.1/),
    });
    o.send({ type: 'act', act: { action: 'warn', code: 'R16.1(9)' } });
    expect(await o.next((m) => m.type === 'error')).toMatchObject({ code: 'BAD_MESSAGE' });

    o.send({ type: 'act', act: { action: 'warn', code: 'R16.1(4)' } });
    expect(await o.next((m) => (m as { type: string }).type === 'acted')).toEqual({
      type: 'acted',
      action: 'warn',
      code: 'R16.1(4)',
      delivered: ['inmate', 'visitor'],
    });
    for (const terminal of [a1, b1])
      expect(await terminal.next((m) => m.type === 'observer-act')).toEqual({
        type: 'observer-act',
        observerId: welcome.observerId,
        act: { action: 'warn', code: 'R16.1(4)' },
        by: officer,
        at: expect.any(String),
      });
    const listed = (await live(w.tokens.supervisor)).body.visits.find((v) => v.visitId === visit1);
    expect(listed).toMatchObject({ warnings: 1, observers: 1 });

    // The store's own audit (R26.1): who watched, who warned.
    const audit = await store.app.ctx.db
      .selectFrom('staff_audit')
      .select(['action', 'subject_id'])
      .where('subject_id', '=', visit1)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['monitor.observe', 'monitor.warn']));

    // A terminal that reconnects hears of the observer again (its stream is rebuilt).
    const b1again = connect(visit1, t.bureauA.token);
    expect(await b1again.next((m) => m.type === 'observer')).toMatchObject({ observerId: welcome.observerId, state: 'joined' });
    expect(await o.next((m) => m.type === 'presence')).toEqual({ type: 'presence', side: 'visitor', state: 'joined' });

    o.ws.close();
    expect(await a1.next((m) => m.type === 'observer' && (m as { state: string }).state === 'left')).toMatchObject({
      state: 'left',
    });
    expect(await b1again.next((m) => m.type === 'observer' && (m as { state: string }).state === 'left')).toMatchObject({
      state: 'left',
    });
    await new Promise((r) => setTimeout(r, 50));
    expect((await live(w.tokens.supervisor)).body.visits.find((v) => v.visitId === visit1)).toMatchObject({ observers: 0 });
  });
});
