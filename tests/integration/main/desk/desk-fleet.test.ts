// Issue 18: the desk's fleet methods (src-main/desk/desk-fleet.ts) against the REAL central
// store: the list, history and CSV scoped by the clerk's organisation, a log bundle asked for,
// builds and rollouts for the province only; refusals keep the store's code and change nothing;
// bad arguments stop at the contract.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deskContract } from '../../../../src-shared/ipc/desk-contract';
import { sampleHeartbeat, failedDevice } from '../../../../harness/store/fleet';
import { enrolTerminal, type EnrolledTerminal } from '../../../../harness/store/sync-helpers';
import { refusal, startDeskWorld, value } from './desk-world';
import type { Desk, DeskWorld } from './desk-world';

describe('desk: the fleet (issue 18)', () => {
  let world: DeskWorld;
  let province: Desk;
  let bureau: Desk;
  let prisonT: EnrolledTerminal;
  let bureauT: EnrolledTerminal;

  beforeAll(async () => {
    world = await startDeskWorld('2026-10-12');
    const { store, w } = world;
    prisonT = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
    bureauT = await enrolTerminal(store, w.tokens.bureauAAdmin, w.bureauA.roomId);
    const now = store.clock.now();
    for (const [t, hb] of [
      [prisonT, sampleHeartbeat(now)],
      [
        bureauT,
        sampleHeartbeat(now, {
          clock: { offsetMs: -5_000, rttMs: 3 },
          devices: { ...sampleHeartbeat(now).devices, cardReader: failedDevice(now) },
        }),
      ],
    ] as const) {
      const res = await store.call('POST', '/api/fleet/heartbeats', { token: t.token, body: hb });
      expect(res.status).toBe(200);
    }
    [province, bureau] = await Promise.all([world.deskAs('admin'), world.deskAs('bureau-a-admin')]);
  });
  afterAll(async () => {
    await world?.store.stop();
  });

  it('not logged in: refused before the store is asked', async () => {
    expect((await refusal(world.desk().fleetTerminals({}))).code).toBe('NOT_LOGGED_IN');
    expect((await refusal(world.desk().fleetCsv({}))).code).toBe('NOT_LOGGED_IN');
  });

  it('the province sees both terminals with their alerts, a history and the CSV', async () => {
    const list = await value(province.fleetTerminals({}));
    expect(list.map((t) => t.id).sort()).toEqual([prisonT.terminalId, bureauT.terminalId].sort());
    expect(list.find((t) => t.id === bureauT.terminalId)?.alerts.map((a) => a.kind)).toEqual(['clock', 'device']);
    const history = await value(province.fleetHistory({ terminalId: bureauT.terminalId, days: 1 }));
    expect(history.points).toHaveLength(1);
    expect(history.points[0]?.clockOffsetMs).toBe(-5_000);
    const csv = await value(province.fleetCsv({}));
    expect(csv.filename).toBe('终端状态_2026-10-12.csv');
    expect(csv.csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.csv).toContain(bureauT.terminalId);
  });

  it('a bureau sees its own terminal only; another’s history is not found; builds and rollouts are refused', async () => {
    const list = await value(bureau.fleetTerminals({}));
    expect(list.map((t) => t.id)).toEqual([bureauT.terminalId]);
    expect((await refusal(bureau.fleetHistory({ terminalId: prisonT.terminalId }))).code).toBe('NOT_FOUND');
    expect((await value(bureau.fleetCsv({}))).csv).not.toContain(prisonT.terminalId);
    expect((await refusal(bureau.updateBuilds({}))).code).toBe('FORBIDDEN');
    const rollout = await refusal(
      bureau.createRollout({ buildId: '00000000-0000-4000-8000-000000000000', target: { kind: 'all' } }),
    );
    expect(rollout.code).toBe('FORBIDDEN');
    expect((await refusal(bureau.requestLogBundle({ terminalId: prisonT.terminalId }))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect(await value(province.logBundles({ terminalId: prisonT.terminalId }))).toEqual([]);
  });

  it('a log bundle asked for is listed as requested; before it arrives there is nothing to download', async () => {
    const asked = await value(bureau.requestLogBundle({ terminalId: bureauT.terminalId }));
    expect(asked).toMatchObject({ terminalId: bureauT.terminalId, status: 'requested', size: null });
    expect((await value(province.logBundles({ terminalId: bureauT.terminalId }))).map((r) => r.id)).toEqual([asked.id]);
    const early = await refusal(bureau.downloadLogBundle({ requestId: asked.id }));
    expect(early.code).toMatch(/NOT_FOUND|CONFLICT/);
  });

  it('builds and rollouts for the province: none yet; a rollout of an unknown build is not found', async () => {
    expect(await value(province.updateBuilds({}))).toEqual([]);
    expect(await value(province.updateRollouts({ limit: 10 }))).toEqual([]);
    const unknown = await refusal(
      province.createRollout({
        buildId: '00000000-0000-4000-8000-000000000000',
        target: { kind: 'terminals', terminalIds: [prisonT.terminalId] },
      }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    expect(await value(province.updateRollouts({}))).toEqual([]);
  });

  it('bad arguments stop at the contract, in Chinese', () => {
    const bad = deskContract.fleetHistory.args.safeParse({ terminalId: '../etc', days: 31 });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain('终端编号只能由字母');
    expect(deskContract.createRollout.args.safeParse({ buildId: 'x', target: { kind: 'percentage', percent: 0 } }).success).toBe(
      false,
    );
    expect(deskContract.fleetTerminals.args.safeParse({ roomId: 'not-a-uuid' }).success).toBe(false);
  });
});
