// The fleet's alert rules over a terminal's latest heartbeat and the time.
import { describe, expect, it } from 'vitest';
import { compareVersions, fleetAlerts, type AlertInput } from '../../../src-shared/fleet/alerts';
import type { Heartbeat } from '../../../src-shared/fleet/heartbeat';

const NOW = new Date('2026-03-02T03:00:00.000Z');
const check = (ok: boolean) => ({ ok, detail: ok ? '正常' : '未连接', checkedAt: '2026-03-02T02:00:00.000Z' });

const healthy = (): Heartbeat => ({
  id: '00000000-0000-4000-8000-000000000001',
  sentAt: '2026-03-02T02:59:00.000Z',
  reason: 'interval',
  version: '1.2.0',
  os: { platform: 'linux', release: '6.1', arch: 'x64' },
  uptimeSeconds: 3600,
  disk: { freeBytes: 100 * 1024 ** 3, recordingMinutes: 2560 },
  devices: { camera: check(true), microphone: check(true), speaker: check(true), cardReader: check(true), recorder: check(true) },
  clock: { offsetMs: 120, rttMs: 8 },
  backlog: { events: 0, bytes: 0, oldestAt: null },
  visit: { state: 'idle', visitId: null },
  errors: [],
});

const input = (hb: Heartbeat | null, over: Partial<AlertInput> = {}): AlertInput => ({
  latest: hb === null ? null : { heartbeat: hb, receivedAt: '2026-03-02T02:59:00.000Z' },
  now: NOW,
  visitingHours: true,
  targetVersion: null,
  ...over,
});
const kinds = (i: AlertInput) => fleetAlerts(i).map((a) => a.kind);

describe('fleet alerts', () => {
  it('a healthy terminal that reported a minute ago has none', () => {
    expect(fleetAlerts(input(healthy()))).toEqual([]);
  });

  it('offline: more than 10 minutes silent in visiting hours only; never reported counts', () => {
    const late = (minutes: number, visitingHours = true) =>
      input(healthy(), { now: new Date(Date.parse('2026-03-02T02:59:00.000Z') + minutes * 60_000), visitingHours });
    expect(kinds(late(10))).toEqual([]);
    expect(kinds(late(11))).toEqual(['offline']);
    expect(fleetAlerts(late(11))[0]?.message).toContain('11 分钟');
    expect(kinds(late(600, false))).toEqual([]);
    expect(kinds(input(null))).toEqual(['offline']);
    expect(kinds(input(null, { visitingHours: false }))).toEqual([]);
  });

  it('disk: room for fewer than two 30-minute visits, or unreadable', () => {
    const disk = (recordingMinutes: number | null) => ({
      ...healthy(),
      disk: { freeBytes: recordingMinutes === null ? null : 1, recordingMinutes },
    });
    expect(kinds(input(disk(60)))).toEqual([]);
    expect(kinds(input(disk(59)))).toEqual(['disk']);
    expect(kinds(input(disk(null)))).toEqual(['disk']);
  });

  it('clock: more than 2 s either way; unknown is no alert', () => {
    const clock = (offsetMs: number | null) => ({ ...healthy(), clock: { offsetMs, rttMs: 5 } });
    expect(kinds(input(clock(2000)))).toEqual([]);
    expect(kinds(input(clock(2001)))).toEqual(['clock']);
    expect(kinds(input(clock(-40_000)))).toEqual(['clock']);
    expect(fleetAlerts(input(clock(-40_000)))[0]?.message).toContain('40.0 秒');
    expect(kinds(input(clock(null)))).toEqual([]);
  });

  it('backlog: the oldest unsent item older than a day', () => {
    const backlog = (oldestAt: string) => ({ ...healthy(), backlog: { events: 5, bytes: 900, oldestAt } });
    expect(kinds(input(backlog('2026-03-01T03:00:00.000Z')))).toEqual([]);
    expect(kinds(input(backlog('2026-03-01T02:59:59.000Z')))).toEqual(['backlog']);
  });

  it('device: any failed device, named; never checked is no alert', () => {
    const hb = healthy();
    const failed = { ...hb, devices: { ...hb.devices, cardReader: check(false), recorder: null } };
    expect(fleetAlerts(input(failed))).toEqual([{ kind: 'device', message: '设备故障：身份证读卡器' }]);
  });

  it('version: behind the rollout target only; no rollout, no alert', () => {
    expect(kinds(input(healthy(), { targetVersion: '1.10.0' }))).toEqual(['version']);
    expect(kinds(input(healthy(), { targetVersion: '1.2.0' }))).toEqual([]);
    expect(kinds(input(healthy(), { targetVersion: '1.1.9' }))).toEqual([]);
    expect(compareVersions('1.2.0-beta.1', '1.2')).toBe(0);
    expect(compareVersions('2.0.0', '1.99.99')).toBe(1);
  });
});
