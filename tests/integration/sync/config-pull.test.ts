// R13.1, R14.1: the terminal pulls the store's configuration by cursor
// (retention, limits, STUN/TURN servers, calendar overrides) from the REAL central store,
// keeps it offline, audits each change once, and applies it: retention into the deletion
// rule (never below 184 days), overrides into the working-day calendar, ICE for the call.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { setKv } from '../../../src-main/store/kv';
import { effectiveRetentionDays, pulledConfig, pulledIceConfig, terminalCalendar } from '../../../src-main/sync/config-pull';
import { SYNC_KV } from '../../../src-main/sync/kv-keys';
import { startStore } from '../../../harness/store/store';
import { buildWorld } from '../../../harness/store/world';
import { addSealedRecording } from '../../../harness/sync/recording-fixture';
import { drain, newVisit } from '../../../harness/sync/worlds';
import { enrolledTerminal, type CentralWorld } from '../../../harness/sync/sync-world';

let central: CentralWorld;
beforeAll(async () => {
  vi.stubEnv('SIGNAL_ICE_SERVERS', JSON.stringify([{ urls: 'turn:turn.yn.example:3478', username: 'u', credential: 'p' }]));
  const store = await startStore('sqlite', { retentionDays: 400 });
  central = { store, w: await buildWorld(store), stop: () => store.stop() };
}, 60_000);
afterAll(async () => {
  await central?.stop();
  vi.unstubAllEnvs();
});

const configAudits = (t: { db: Database }) =>
  (t.db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE kind = 'sync.configApplied'").get() as { n: number }).n;

describe('R13.1 R14.1 configuration pulled by cursor', { timeout: 60_000 }, () => {
  test('retention, limits, ICE servers and calendar overrides arrive, are applied, and a repeat pull changes nothing', async () => {
    const t = await enrolledTerminal(central);
    expect(pulledConfig(t.db)).toBeNull();
    expect(terminalCalendar(t.db).isWorkingDay('2026-03-07')).toBe(false); // a Saturday, before any override
    const worker = t.worker();
    expect((await worker.runOnce()).ok).toBe(true);
    const config = pulledConfig(t.db);
    expect(config).toMatchObject({ retentionDays: 400, limits: { maxMinutes: 30, maxVisitors: 3, visitsPerMonth: 1 } });
    expect(pulledIceConfig(t.db)).toEqual({
      iceServers: [{ urls: 'turn:turn.yn.example:3478', username: 'u', credential: 'p' }],
      iceTransportPolicy: 'all',
    });
    expect(effectiveRetentionDays(t.db, 184)).toBe(400);
    expect(configAudits(t)).toBe(1);

    // Nothing changed: the cursor answers "unchanged", nothing is audited again.
    await worker.runOnce();
    expect(configAudits(t)).toBe(1);

    // The province makes a Saturday a working day (调休): the next round applies it.
    const put = await central.store.call('PUT', '/api/calendar/days/2026-03-07', {
      token: central.w.tokens.provinceAdmin,
      body: { working: true, note: '调休上班' },
    });
    expect(put.status).toBe(200);
    await worker.runOnce();
    expect(configAudits(t)).toBe(2);
    expect(terminalCalendar(t.db).isWorkingDay('2026-03-07')).toBe(true);

    // Offline: the pulled configuration stays in force.
    t.reopen();
    await t.worker({ url: 'http://127.0.0.1:9' }).runOnce();
    expect(terminalCalendar(t.db).isWorkingDay('2026-03-07')).toBe(true);
    expect(effectiveRetentionDays(t.db, 184)).toBe(400);
    t.close();
  });

  test("the deletion rule keeps a confirmed recording for the store's 400 days, not the terminal's 184", async () => {
    const t = await enrolledTerminal(central);
    const visitId = await newVisit(central.store, central.w);
    const { recordingId } = addSealedRecording({
      db: t.db,
      recordingDir: t.config.recordingDir,
      terminalId: t.config.terminalId,
      visitId,
      at: t.clock.now(),
      segmentBytes: [1000],
      archiveBytes: 2000,
    });
    expect(await drain(t.worker())).toMatchObject({ ok: true });
    t.clock.advance(200 * 86_400_000);
    await t.worker().runOnce();
    expect(existsSync(join(t.config.recordingDir, recordingId))).toBe(true);
    t.clock.advance(201 * 86_400_000);
    await t.worker().runOnce();
    expect(existsSync(join(t.config.recordingDir, recordingId))).toBe(false);
    t.close();
  });

  test('never below the 184-day minimum, whatever arrives; a damaged stored row is ignored', async () => {
    const t = await enrolledTerminal(central, { enrol: false });
    const at = t.clock.now();
    const base = {
      limits: { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3, maxEventsPerBatch: 1000 },
      ice: { iceServers: [], iceTransportPolicy: 'all' },
      calendar: { years: [], days: [] },
    };
    setKv(t.db, SYNC_KV.config, JSON.stringify({ ...base, retentionDays: 30 }), at);
    expect(effectiveRetentionDays(t.db, 184)).toBe(184);
    expect(effectiveRetentionDays(t.db, 10)).toBe(184);
    expect(effectiveRetentionDays(t.db, 500)).toBe(500);
    setKv(t.db, SYNC_KV.config, '{"retentionDays": "很多"', at);
    expect(pulledConfig(t.db)).toBeNull();
    expect(effectiveRetentionDays(t.db, 184)).toBe(184);
    t.close();
  });
});
