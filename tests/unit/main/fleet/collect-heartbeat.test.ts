// The heartbeat from its facts, capped and plain; the clock arithmetic; the recent error ring.
import { describe, expect, it } from 'vitest';
import { clockSample } from '../../../../src-shared/fleet/clock-sample';
import { heartbeatSchema, MAX_ERROR_LINES } from '../../../../src-shared/fleet/heartbeat';
import { collectHeartbeat, recordingMinutes, type HeartbeatFacts } from '../../../../src-main/fleet/collect-heartbeat';
import { createLogger } from '../../../../src-main/log/logger';
import { keepRecentErrors } from '../../../../src-main/log/recent-errors';
import { BYTES_PER_MINUTE } from '../../../../src-main/visit-day/equipment';

const facts = (over: Partial<HeartbeatFacts> = {}): HeartbeatFacts => ({
  id: '00000000-0000-4000-8000-000000000002',
  sentAt: new Date('2026-03-02T02:00:00.000Z'),
  reason: 'interval',
  version: '0.1.0',
  os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
  uptimeSeconds: 12.7,
  freeBytes: 10 * BYTES_PER_MINUTE * 2,
  equipment: [
    { name: 'camera', ok: true, detail: 'old', checkedAt: '2026-03-01T01:00:00.000Z' },
    { name: 'camera', ok: false, detail: 'NotAllowedError\n拒绝', checkedAt: '2026-03-02T01:00:00.000Z' },
    { name: 'network', ok: true, detail: '正常', checkedAt: '2026-03-02T01:00:00.000Z' },
  ],
  cardReader: null,
  clock: { offsetMs: -2500.4, rttMs: 11.6 },
  backlog: { events: 3, bytes: 1200, oldestAt: '2026-03-02T01:00:00.000Z' },
  visit: { state: 'in-progress', visitId: 'v-1' },
  errors: [],
  ...over,
});

describe('collectHeartbeat', () => {
  it('reports the newest check per device, the disk in minutes of recording, the clock rounded', () => {
    const hb = collectHeartbeat(facts());
    expect(heartbeatSchema.parse(hb)).toEqual(hb);
    expect(hb.devices.camera).toEqual({ ok: false, detail: 'NotAllowedError 拒绝', checkedAt: '2026-03-02T01:00:00.000Z' });
    expect(hb.devices.microphone).toBeNull();
    expect(hb.disk).toEqual({ freeBytes: 10 * BYTES_PER_MINUTE * 2, recordingMinutes: 10 });
    expect(hb.clock).toEqual({ offsetMs: -2500, rttMs: 12 });
    expect(hb.uptimeSeconds).toBe(12);
    expect(hb.visit).toEqual({ state: 'in-progress', visitId: 'v-1' });
  });

  it('caps the error lines to the newest and their length; an unknown visit state is idle', () => {
    const errors = Array.from({ length: 50 }, (_, i) => ({
      at: '2026-03-02T01:00:00.000Z',
      level: 'error' as const,
      message: `${i} ${'x'.repeat(1000)}`,
    }));
    const hb = collectHeartbeat(facts({ errors, visit: { state: 'weird', visitId: 'v' }, freeBytes: null }));
    expect(heartbeatSchema.safeParse(hb).success).toBe(true);
    expect(hb.errors).toHaveLength(MAX_ERROR_LINES);
    expect(hb.errors[0]?.message.startsWith('30 ')).toBe(true);
    expect(hb.visit).toEqual({ state: 'idle', visitId: null });
    expect(hb.disk).toEqual({ freeBytes: null, recordingMinutes: null });
    expect(recordingMinutes(-5)).toBe(0);
  });

  it('the NTP arithmetic: a store 5 s ahead over a 40 ms round trip with 10 ms in the store', () => {
    // t0 = 0 (terminal), arrives after 15 ms at store time 5015, answered at 5025, back at terminal 40.
    expect(clockSample(0, 5015, 5025, 40)).toEqual({ offsetMs: 5000, rttMs: 30 });
  });
});

describe('recent errors', () => {
  it('keeps the newest warn and error lines (children too), plain and capped, and still writes them', () => {
    const written: string[] = [];
    const { logger, recent } = keepRecentErrors(
      createLogger((_r, line) => written.push(line)),
      () => new Date('2026-03-02T00:00:00.000Z'),
      3,
    );
    logger.info('fine');
    logger.child({ area: 'call' }).error('信令断开', { error: new Error('socket\nclosed') });
    for (let i = 0; i < 3; i += 1) logger.warn(`w${i}`);
    expect(written).toHaveLength(5);
    expect(recent.lines().map((l) => l.message)).toEqual(['w0', 'w1', 'w2']);
    const { logger: l2, recent: r2 } = keepRecentErrors(
      createLogger(() => undefined),
      () => new Date(0),
    );
    l2.child({ area: 'call' }).error('信令断开', { error: new Error('socket\nclosed') });
    expect(r2.lines()).toEqual([{ at: '1970-01-01T00:00:00.000Z', level: 'error', message: '[call] 信令断开：socket closed' }]);
  });
});
