// Two real terminals (openTerminal) report heartbeats to the REAL central store through
// their enrolment credential: one with its card reader failing, its disk nearly full and its
// clock 40 s behind the store's shows the three alerts in the fleet list; the other none.
// A change of the visit state sends a heartbeat at once.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  manualTimers,
  enrolledTerminal,
  startCentral,
  type CentralWorld,
  type TestTerminal,
} from '../../../harness/sync/sync-world';
import type { FleetOptions } from '../../../src-main/fleet/fleet-reporter';
import type { HeartbeatTimers } from '../../../src-main/fleet/heartbeat-sender';
import { openTerminal } from '../../../src-main/terminal';
import type { Terminal } from '../../../src-main/terminal-types';
import type { FleetTerminal } from '../../../src-shared/store-api/endpoints/fleet';

const GB = 1024 ** 3;

/** Timers that never fire by themselves: the test runs what was scheduled. */
function heldTimers(): HeartbeatTimers & { pending: Array<() => void> } {
  const pending: Array<() => void> = [];
  return {
    pending,
    setInterval: () => 0,
    clearInterval: () => undefined,
    setTimeout: (fn) => pending.push(fn),
    clearTimeout: () => undefined,
  };
}

let central: CentralWorld;
let a: TestTerminal;
let b: TestTerminal;
const open: Terminal[] = [];

async function openWith(t: TestTerminal, fleet: FleetOptions): Promise<Terminal> {
  const { configPath, ...file } = t.config;
  writeFileSync(configPath, JSON.stringify(file));
  const terminal = await openTerminal({
    configPath,
    now: t.clock.now,
    sync: { timers: manualTimers(), autoStart: false },
    fleet: { autoStart: false, ...fleet },
  });
  open.push(terminal);
  return terminal;
}

const fleetList = async (): Promise<FleetTerminal[]> => {
  const res = await central.store.call<FleetTerminal[]>('GET', '/api/fleet/terminals', { token: central.w.tokens.prisonAAdmin });
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  central = await startCentral();
  a = await enrolledTerminal(central);
  b = await enrolledTerminal(central);
}, 60_000);
afterAll(async () => {
  for (const t of open) t.close();
  a?.close();
  b?.close();
  await central?.stop();
});

describe('two terminals report to the store', () => {
  it('the failing one shows its card reader, its disk and its clock as alerts; the healthy one none', async () => {
    // A's clock runs 40 s behind the store's.
    a.clock.advance(-40_000);
    const failing = await openWith(a, {
      freeBytes: () => Promise.resolve(GB),
      cardReader: () => ({
        ok: false,
        detail: '读卡器未连接，请检查连接线，或使用手工录入',
        checkedAt: a.clock.now().toISOString(),
      }),
    });
    const healthy = await openWith(b, { freeBytes: () => Promise.resolve(200 * GB) });

    // The first exchange measures the clock; the second reports it.
    for (const t of [failing, healthy]) {
      expect((await t.heartbeat.sendNow('start'))?.duplicate).toBe(false);
      expect(await t.heartbeat.sendNow()).not.toBeNull();
    }
    expect(failing.heartbeat.lastSample()).toEqual({ offsetMs: 40_000, rttMs: 0 });

    const list = await fleetList();
    const byId = new Map(list.map((t) => [t.id, t]));
    const bad = byId.get(a.config.terminalId);
    const good = byId.get(b.config.terminalId);
    expect(bad?.alerts.map((x) => x.kind)).toEqual(['disk', 'clock', 'device']);
    expect(bad?.alerts.find((x) => x.kind === 'device')?.message).toBe('设备故障：身份证读卡器');
    expect(good?.alerts).toEqual([]);

    const hb = bad?.heartbeat;
    expect(hb?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(hb?.os.platform).toBe(process.platform);
    expect(hb?.disk).toEqual({ freeBytes: GB, recordingMinutes: 25 });
    expect(hb?.clock.offsetMs).toBe(40_000);
    // The start of the terminal is on its audit chain and not yet pushed.
    expect(hb?.backlog.events).toBeGreaterThan(0);
    expect(hb?.visit).toEqual({ state: 'idle', visitId: null });
  });

  it('a visit starting sends a heartbeat with the new state at once', async () => {
    const timers = heldTimers();
    // The healthy terminal, reopened with timers the test runs.
    const terminal = await openWith(b, { freeBytes: () => Promise.resolve(200 * GB), timers });
    terminal.heartbeat.start();
    await terminal.heartbeat.sendNow();
    b.db
      .prepare(
        "INSERT INTO visits (visit_id, date, start_time, minutes, inmate_name, status, updated_at) VALUES ('v-fleet', '2026-03-02', '09:00', 30, '张三', 'in-progress', ?)",
      )
      .run(b.clock.now().toISOString());
    terminal.heartbeat.stateChanged();
    expect(timers.pending).toHaveLength(1);
    timers.pending.shift()?.();
    const latestBody = async () =>
      JSON.parse(
        (
          await central.store.app.ctx.db
            .selectFrom('terminal_heartbeats_latest')
            .select('body')
            .where('terminal_id', '=', b.config.terminalId)
            .executeTakeFirstOrThrow()
        ).body,
      ) as { reason: string };
    await expect.poll(async () => (await latestBody()).reason, { timeout: 5_000 }).toBe('state-change');
    const latest = (await fleetList()).find((t) => t.id === b.config.terminalId);
    expect(latest?.heartbeat?.visit).toEqual({ state: 'in-progress', visitId: 'v-fleet' });
    // The state is unchanged since: the settled event sends nothing, the next beat is the minute's.
    terminal.heartbeat.stateChanged();
    timers.pending.shift()?.();
    await terminal.heartbeat.sendNow();
    expect((await latestBody()).reason).toBe('interval');
  });
});
