// A terminal's heartbeat as the store receives it, for the fleet's tests and its bench:
// healthy by default, any part overridden.
import { randomUUID } from 'node:crypto';
import type { DeviceCheck, Heartbeat } from '../../src-shared/fleet/heartbeat';

const check = (ok: boolean, at: string): DeviceCheck => ({ ok, detail: ok ? '正常' : '读卡器未连接', checkedAt: at });

export function sampleHeartbeat(sentAt: Date, over: Partial<Heartbeat> = {}): Heartbeat {
  const at = new Date(sentAt.getTime() - 3_600_000).toISOString();
  return {
    id: randomUUID(),
    sentAt: sentAt.toISOString(),
    reason: 'interval',
    version: '0.1.0',
    os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
    uptimeSeconds: 3600,
    disk: { freeBytes: 200 * 1024 ** 3, recordingMinutes: 5120 },
    devices: {
      camera: check(true, at),
      microphone: check(true, at),
      speaker: check(true, at),
      cardReader: check(true, at),
      recorder: check(true, at),
    },
    clock: { offsetMs: 35, rttMs: 4 },
    backlog: { events: 2, bytes: 800, oldestAt: at },
    visit: { state: 'idle', visitId: null },
    errors: [{ at, level: 'warn', message: '与中心库的连接中断' }],
    ...over,
  };
}

export const failedDevice = (at: Date): DeviceCheck => check(false, at.toISOString());
