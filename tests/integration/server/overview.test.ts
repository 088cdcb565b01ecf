// GET /api/overview and /api/overview.csv (R29.1): visits per
// day and site, outcomes with reason codes (R16.1, R17.1, R18.1), overdue
// review steps (R14.1), each terminal's last contact; scoped (the province
// all, a prison or a bureau its own); CSV in UTF-8 with a BOM. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import type { TestStore } from '../../../harness/store/store';
import type { World } from '../../../harness/store/world';
import { action, atPrisonDecision, createInmate, relative, setToday, startOn, submit } from './applications/fixtures';

describe.each(ENGINES)('overview [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let terminalId: string;
  let terminalSecret: string;
  let staleApplication: string;
  const visitIds: string[] = [];
  const Q = '?from=2026-10-01&to=2026-10-31';

  beforeAll(async () => {
    ({ store, w } = await startOn(engine, '2026-10-12'));
    const c = { store, w };
    // Four visits of prison A with bureau A on two days, each with its own inmate (R14.2 allows one a month).
    for (const [i, [date, start]] of (
      [
        ['2026-10-20', '09:00'],
        ['2026-10-20', '10:00'],
        ['2026-10-21', '09:00'],
        ['2026-10-21', '10:00'],
      ] as const
    ).entries()) {
      const inmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, `概况${i}`);
      const id = await atPrisonDecision(c, inmate, [relative(`概况亲属${i}`, '1960-01-01', 'mother', String(300 + i))]);
      const app = await action(c, w.tokens.prisonAReviewer, id, 'approve', {
        date,
        start,
        minutes: 30,
        roomId: w.prisonA.roomId,
        remoteRoomId: w.bureauA.roomId,
      });
      visitIds.push(app.visits[0].id);
      await action(c, w.tokens.bureauAReviewer, id, 'notify', { how: 'phone' });
    }
    // One visit of prison B with bureau B, which prison A and bureau A must not see.
    const inmateB = await createInmate(store, w.tokens.prisonBAdmin, w.prisonB.wardId, '乙犯');
    const appB = await submit(c, w.tokens.bureauBAdmin, {
      inmateId: inmateB,
      applicants: [relative('乙母', '1961-01-01', 'mother', '400')],
    });
    await action(c, w.tokens.bureauBAdmin, appB.id, 'forward');
    await action(c, w.tokens.prisonBAdmin, appB.id, 'approve', {
      date: '2026-10-22',
      start: '09:00',
      minutes: 30,
      roomId: w.prisonB.roomId,
      remoteRoomId: w.bureauB.roomId,
    });
    await action(c, w.tokens.bureauBAdmin, appB.id, 'notify', { how: 'sms' });
    // An application left at bureau A's review since 10-12 (due 10-14, R8.2).
    const staleInmate = await createInmate(store, w.tokens.prisonAAdmin, w.prisonA.wardId, '逾期');
    staleApplication = (
      await submit(c, w.tokens.bureauAReviewer, {
        inmateId: staleInmate,
        applicants: [relative('逾期母', '1962-01-01', 'mother', '500')],
      })
    ).id;

    // Outcomes as the sites record them.
    const outcome = (id: string, body: Record<string, unknown>) =>
      store.call('POST', `/api/visits/${id}/status`, { token: w.tokens.prisonAReviewer, body });
    expect((await outcome(visitIds[0] ?? '', { status: 'completed' })).status).toBe(200);
    expect((await outcome(visitIds[1] ?? '', { status: 'terminated', reasonCode: 'R17.1(8)', reason: '谈论案情' })).status).toBe(
      200,
    );
    expect((await outcome(visitIds[2] ?? '', { status: 'interrupted', reason: '网络中断' })).status).toBe(200);
    expect((await outcome(visitIds[3] ?? '', { status: 'forfeited' })).status).toBe(200);

    // A terminal in prison A's room, enrolled through the API, with what it has sent.
    const code = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.prisonAAdmin,
      body: { roomId: w.prisonA.roomId },
    });
    const enrolled = await store.call('POST', '/api/terminals/enrol', { body: { code: code.body.code, name: '甲监狱一号终端' } });
    expect(enrolled.status).toBe(201);
    terminalId = enrolled.body.terminalId;
    terminalSecret = enrolled.body.secret;
    // And one in prison B's room, which has sent nothing: its 10-22 visit still awaits an outcome.
    const codeB = await store.call('POST', '/api/terminals/enrolment-codes', {
      token: w.tokens.prisonBAdmin,
      body: { roomId: w.prisonB.roomId },
    });
    expect(
      (await store.call('POST', '/api/terminals/enrol', { body: { code: codeB.body.code, name: '乙监狱终端' } })).status,
    ).toBe(201);
    const db = store.app.ctx.db;
    for (const seq of [1, 2]) {
      await db
        .insertInto('terminal_events')
        .values({
          terminal_id: terminalId,
          chain_id: 'main',
          seq,
          at: `2026-10-20T0${seq}:00:00.000Z`,
          kind: 'visit.started',
          actor: 'x',
          payload: '{}',
          prev_hash: '0'.repeat(64),
          hash: String(seq).repeat(64),
          received_at: `2026-10-20T0${seq}:00:05.000Z`,
        })
        .execute();
    }
    await db
      .insertInto('terminal_sync_state')
      .values({
        terminal_id: terminalId,
        visits_cursor: 3,
        pulled_at: '2026-10-20T03:00:00.000Z',
        pushed_at: '2026-10-20T02:00:05.000Z',
      })
      .execute();
    const upload = {
      visit_id: visitIds[0] ?? '',
      terminal_id: terminalId,
      kind: 'archive' as const,
      filename: 'a.mkv',
      size: 10,
      declared_sha256: 'a'.repeat(64),
      stored_sha256: null,
      reason: null,
      storage: 'file' as const,
      created_at: '2026-10-20T04:00:00.000Z',
    };
    await db
      .insertInto('recordings_received')
      .values({ ...upload, id: 'u1', status: 'confirmed', received_at: '2026-10-20T04:05:00.000Z' })
      .execute();
    await db
      .insertInto('recordings_received')
      .values({ ...upload, id: 'u2', status: 'pending', received_at: null })
      .execute();

    setToday(store, '2026-10-23');
    await (await import('./applications/fixtures')).relogin(store, w);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('R29.1 the province sees every site: visits per day and per site, outcomes with reason codes (R17.1, R18.1)', async () => {
    const res = await store.call('GET', `/api/overview${Q}`, { token: w.tokens.provinceAdmin });
    expect(res.status).toBe(200);
    const o = res.body;
    expect(o.totals).toEqual({ scheduled: 1, completed: 1, forfeited: 1, interrupted: 1, terminated: 1, cancelled: 0, total: 5 });
    expect(o.perDay).toEqual(
      expect.arrayContaining([
        { date: '2026-10-20', siteId: w.prisonA.id, siteName: '甲监狱', visits: 2 },
        { date: '2026-10-20', siteId: w.bureauA.id, siteName: '甲县司法局', visits: 2 },
        { date: '2026-10-22', siteId: w.prisonB.id, siteName: '乙监狱', visits: 1 },
      ]),
    );
    expect(o.reasons).toEqual([
      { status: 'interrupted', code: 'R18.1', label: '设备、网络故障中断（R18.1）', count: 1 },
      { status: 'terminated', code: 'R17.1(8)', label: '谈论案情，涉嫌串供、通风报信', count: 1 },
    ]);
    expect(o.perSite.find((s: { siteId: string }) => s.siteId === w.prisonA.id).counts).toMatchObject({
      total: 4,
      completed: 1,
      terminated: 1,
      interrupted: 1,
      forfeited: 1,
    });
    expect(
      o.terminals
        .map((t: { name: string; visitsAwaitingOutcome: number; lastEventAt: string | null }) => [
          t.name,
          t.visitsAwaitingOutcome,
          t.lastEventAt,
        ])
        .sort(),
    ).toEqual([
      ['乙监狱终端', 1, null],
      ['甲监狱一号终端', 0, '2026-10-20T02:00:00.000Z'],
    ]);
  });

  it("R29.1 scope: prison A sees its own visits only; bureau B none of A's; a terminal is refused", async () => {
    const prisonA = (await store.call('GET', `/api/overview${Q}`, { token: w.tokens.prisonAReviewer })).body;
    expect(prisonA.totals.total).toBe(4);
    expect(prisonA.perSite.map((s: { siteId: string }) => s.siteId)).toEqual([w.prisonA.id]);
    expect(prisonA.scope).toMatchObject({ organisationId: w.prisonA.id, name: '甲监狱', kind: 'prison' });
    const bureauB = (await store.call('GET', `/api/overview${Q}`, { token: w.tokens.bureauBAdmin })).body;
    expect(bureauB.totals.total).toBe(1);
    expect(bureauB.perSite.map((s: { siteId: string }) => s.siteId)).toEqual([w.bureauB.id]);
    expect(bureauB.overdueSteps).toEqual([]);
    expect(bureauB.terminals).toEqual([]);
    const session = await store.call('POST', '/api/terminals/session', { body: { terminalId, secret: terminalSecret } });
    expect(session.status).toBe(200);
    const asTerminal = await store.call('GET', `/api/overview${Q}`, { token: session.body.token });
    expect(asTerminal.status).toBe(403);
  });

  it('R14.1 overdue review steps are listed with their due dates, oldest first', async () => {
    const o = (await store.call('GET', `/api/overview${Q}`, { token: w.tokens.bureauAReviewer })).body;
    expect(o.overdueSteps).toEqual([
      expect.objectContaining({
        applicationId: staleApplication,
        stepKind: 'bureau-review',
        requirement: 'R8.2',
        organisationName: '甲县司法局',
        inmateName: '逾期',
        receivedOn: '2026-10-12',
        dueOn: '2026-10-14',
      }),
    ]);
  });

  it("each terminal's last sync and backlog as the store knows it", async () => {
    const o = (await store.call('GET', `/api/overview${Q}`, { token: w.tokens.prisonAAdmin })).body;
    expect(o.terminals).toEqual([
      {
        terminalId,
        name: '甲监狱一号终端',
        roomName: '一监区会见室',
        siteId: w.prisonA.id,
        siteName: '甲监狱',
        revoked: false,
        lastEventAt: '2026-10-20T02:00:00.000Z',
        lastEventReceivedAt: '2026-10-20T02:00:05.000Z',
        eventsReceived: 2,
        lastPullAt: '2026-10-20T03:00:00.000Z',
        lastPushAt: '2026-10-20T02:00:05.000Z',
        lastUploadAt: '2026-10-20T04:05:00.000Z',
        uploadsPending: 1,
        visitsAwaitingOutcome: 0,
      },
    ]);
  });

  it('the CSV is UTF-8 with a BOM, text/csv, and carries the same figures', async () => {
    const res = await fetch(`${store.url}/api/overview.csv${Q}`, {
      headers: { authorization: `Bearer ${w.tokens.provinceAdmin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('会见概况_2026-10-01_2026-10-31.csv'));
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8').decode(bytes);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('远程视频会见概况');
    expect(lines).toContain('5,1,1,1,1,1,0');
    expect(lines).toContain('中止,R17.1(8),谈论案情，涉嫌串供、通风报信,1');
    expect(text).toContain('逾期');
  });

  it('bad input: a reversed or malformed range is refused in zh-CN (400), nothing is computed', async () => {
    const reversed = await store.call('GET', '/api/overview?from=2026-10-31&to=2026-10-01', { token: w.tokens.provinceAdmin });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.issues).toEqual([{ path: 'querystring.to', message: '开始日期不能晚于结束日期' }]);
    const malformed = await store.call('GET', '/api/overview.csv?from=2026-13-01&to=2026-10-01', {
      token: w.tokens.provinceAdmin,
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    const anonymous = await store.call('GET', `/api/overview${Q}`);
    expect(anonymous.status).toBe(401);
  });
});
