// The fleet area on both engines: terminals report heartbeats (idempotent, bounded), staff
// list their own terminals with alerts, a terminal's history, the CSV; 30 days of history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { failedDevice, sampleHeartbeat } from '../../../harness/store/fleet';
import { startStore, type TestStore } from '../../../harness/store/store';
import { buildWorld, type World } from '../../../harness/store/world';
import { pruneHeartbeatHistory } from '../../../src-server/areas/fleet/prune-history';

interface Enrolled {
  terminalId: string;
  secret: string;
  token: string;
}

describe.each(ENGINES)('fleet heartbeats [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let prisonTerminal: Enrolled;
  let bureauTerminal: Enrolled;

  const session = async (t: Omit<Enrolled, 'token'>) =>
    (await store.call('POST', '/api/terminals/session', { body: t })).body.token as string;
  const enrol = async (adminToken: string, roomId: string): Promise<Enrolled> => {
    const code = await store.call('POST', '/api/terminals/enrolment-codes', { token: adminToken, body: { roomId } });
    const enrolled = await store.call('POST', '/api/terminals/enrol', {
      body: { code: code.body.code, name: `终端${roomId.slice(0, 4)}` },
    });
    const { terminalId, secret } = enrolled.body as { terminalId: string; secret: string };
    return { terminalId, secret, token: await session({ terminalId, secret }) };
  };
  const beat = (t: Enrolled, body: unknown) => store.call('POST', '/api/fleet/heartbeats', { token: t.token, body });
  const historyRows = async (terminalId: string) =>
    Number(
      (
        await store.app.ctx.db
          .selectFrom('terminal_heartbeat_history')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('terminal_id', '=', terminalId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    prisonTerminal = await enrol(w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureauTerminal = await enrol(w.tokens.bureauAAdmin, w.bureauA.roomId);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('stores a heartbeat once: the same id again is a no-op, an older one does not replace a newer', async () => {
    const hb = sampleHeartbeat(store.clock.now());
    const first = await beat(prisonTerminal, hb);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      receivedAt: store.clock.now().toISOString(),
      answeredAt: store.clock.now().toISOString(),
      duplicate: false,
    });
    expect((await beat(prisonTerminal, hb)).body.duplicate).toBe(true);
    const older = sampleHeartbeat(new Date(store.clock.now().getTime() - 60_000), { version: '0.0.1' });
    expect((await beat(prisonTerminal, older)).body.duplicate).toBe(true);
    const latest = await store.app.ctx.db
      .selectFrom('terminal_heartbeats_latest')
      .selectAll()
      .where('terminal_id', '=', prisonTerminal.terminalId)
      .executeTakeFirstOrThrow();
    expect(latest.heartbeat_id).toBe(hb.id);
    expect(await historyRows(prisonTerminal.terminalId)).toBe(1);
  });

  it('refuses what is too big or not plain, and staff', async () => {
    const now = store.clock.now();
    const tooMany = sampleHeartbeat(now, {
      errors: Array.from({ length: 21 }, () => ({ at: now.toISOString(), level: 'error' as const, message: 'x' })),
    });
    expect((await beat(prisonTerminal, tooMany)).status).toBe(400);
    const long = sampleHeartbeat(now, { version: 'v'.repeat(41) });
    expect((await beat(prisonTerminal, long)).status).toBe(400);
    const control = sampleHeartbeat(now, { errors: [{ at: now.toISOString(), level: 'warn', message: 'a\u202eb' }] });
    expect((await beat(prisonTerminal, control)).status).toBe(400);
    expect(
      (await store.call('POST', '/api/fleet/heartbeats', { token: w.tokens.provinceAdmin, body: sampleHeartbeat(now) })).status,
    ).toBe(403);
  });

  it('lists terminals in scope with their latest heartbeat and alerts; the CSV has the same', async () => {
    store.clock.advanceMinutes(1);
    const now = store.clock.now();
    const hb = sampleHeartbeat(now, {
      disk: { freeBytes: 1024 ** 3, recordingMinutes: 25 },
      devices: { ...sampleHeartbeat(now).devices, cardReader: failedDevice(now) },
    });
    expect((await beat(bureauTerminal, hb)).status).toBe(200);

    const province = await store.call('GET', '/api/fleet/terminals', { token: w.tokens.provinceAdmin });
    expect(province.status).toBe(200);
    const ids = province.body.map((t: { id: string }) => t.id);
    expect(ids).toEqual(expect.arrayContaining([prisonTerminal.terminalId, bureauTerminal.terminalId]));
    const bureau = province.body.find((t: { id: string }) => t.id === bureauTerminal.terminalId);
    expect(bureau.heartbeat.id).toBe(hb.id);
    expect(bureau.alerts.map((a: { kind: string }) => a.kind)).toEqual(['disk', 'device']);
    expect(province.body.find((t: { id: string }) => t.id === prisonTerminal.terminalId).alerts).toEqual([]);

    const prison = await store.call('GET', '/api/fleet/terminals', { token: w.tokens.prisonAAdmin });
    expect(prison.body.map((t: { id: string }) => t.id)).toEqual([prisonTerminal.terminalId]);
    const bureauB = await store.call('GET', '/api/fleet/terminals', { token: w.tokens.bureauBAdmin });
    expect(bureauB.body).toEqual([]);
    expect((await store.call('GET', '/api/fleet/terminals', { token: prisonTerminal.token })).status).toBe(403);

    const res = await fetch(`${store.url}/api/fleet/terminals.csv`, {
      headers: { authorization: `Bearer ${w.tokens.bureauAAdmin}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    expect(csv.startsWith('\uFEFF单位,')).toBe(true);
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(bureauTerminal.terminalId);
    expect(lines[1]).toContain('设备故障：身份证读卡器');
  });

  it('a silent terminal is offline in visiting hours', async () => {
    store.clock.advanceMinutes(11);
    const list = await store.call('GET', '/api/fleet/terminals', { token: w.tokens.prisonAAdmin });
    expect(list.body[0].alerts.map((a: { kind: string }) => a.kind)).toEqual(['offline']);
  });

  it("a terminal's history is in scope only, one point per 10 minutes, 30 days kept", async () => {
    for (let i = 0; i < 3; i += 1) {
      store.clock.advanceMinutes(5);
      expect((await beat(prisonTerminal, sampleHeartbeat(store.clock.now()))).status).toBe(200);
    }
    const history = await store.call('GET', `/api/fleet/terminals/${prisonTerminal.terminalId}/history`, {
      token: w.tokens.prisonAAdmin,
    });
    expect(history.status).toBe(200);
    const points = history.body.points as Array<{ at: string; version: string }>;
    expect(points.length).toBeGreaterThanOrEqual(2);
    expect(points.length).toBeLessThanOrEqual(3);
    expect(
      (await store.call('GET', `/api/fleet/terminals/${prisonTerminal.terminalId}/history`, { token: w.tokens.bureauAAdmin }))
        .status,
    ).toBe(404);

    // 31 days on: the next heartbeat opens a new bucket and prunes this terminal's old points.
    const before = await historyRows(prisonTerminal.terminalId);
    expect(before).toBeGreaterThan(0);
    store.clock.advanceMinutes(31 * 24 * 60);
    prisonTerminal.token = await session(prisonTerminal);
    expect((await beat(prisonTerminal, sampleHeartbeat(store.clock.now()))).status).toBe(200);
    expect(await historyRows(prisonTerminal.terminalId)).toBe(1);
    // The hourly pass clears what a silent terminal left behind.
    expect(await historyRows(bureauTerminal.terminalId)).toBe(1);
    expect(await pruneHeartbeatHistory(store.app.ctx.db, store.clock.now())).toBe(1);
    expect(await historyRows(bureauTerminal.terminalId)).toBe(0);
  });
});
