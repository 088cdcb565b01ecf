// The install policy: an update installs only away from visits (never during one, nor within
// 30 minutes of one's start), and never when its SHA-512 or the province's signature failed.
import { describe, expect, it } from 'vitest';
import {
  decideInstall,
  INSTALL_CLEARANCE_MINUTES,
  type DownloadedUpdate,
  type InstallSituation,
  type VisitSlot,
} from '../../../../src-main/updates/install-policy';

const NOW = new Date('2026-12-07T06:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const verified: DownloadedUpdate = { version: '2.0.0', sha512: { ok: true }, signature: { ok: true } };
const quiet: InstallSituation = { now: NOW, visits: [], liveCall: false, recording: false };
const visit = (status: string, startsInMinutes: number, length = 30): VisitSlot => ({
  visitId: `v-${status}-${startsInMinutes}`,
  status,
  startsAt: minutes(startsInMinutes),
  minutes: length,
});

describe('when a downloaded update may install', () => {
  it('installs a verified update when no visit is near', () => {
    expect(decideInstall(verified, quiet)).toEqual({ action: 'install' });
    expect(
      decideInstall(verified, {
        ...quiet,
        visits: [visit('scheduled', INSTALL_CLEARANCE_MINUTES + 1), visit('completed', -40), visit('forfeited', 5)],
      }),
    ).toEqual({ action: 'install' });
  });

  it('refuses for good an installer whose SHA-512 or signature failed, before anything else', () => {
    const badHash = { ...verified, sha512: { ok: false as const, reason: 'SHA-512 与更新信息不符' } };
    const badSignature = { ...verified, signature: { ok: false as const, reason: '签名与省厅公钥不符' } };
    expect(decideInstall(badHash, quiet)).toEqual({ action: 'refuse', reason: expect.stringContaining('SHA-512') });
    expect(decideInstall(badSignature, quiet)).toEqual({ action: 'refuse', reason: expect.stringContaining('签名') });
    expect(decideInstall(badSignature, { ...quiet, liveCall: true }).action).toBe('refuse');
  });

  it('waits during a visit: checking in, in progress, a live call or an open recording', () => {
    for (const status of ['checking-in', 'in-progress'])
      expect(decideInstall(verified, { ...quiet, visits: [visit(status, -10)] }).action).toBe('wait');
    expect(decideInstall(verified, { ...quiet, liveCall: true })).toEqual({ action: 'wait', reason: '会见通话进行中' });
    expect(decideInstall(verified, { ...quiet, recording: true })).toEqual({ action: 'wait', reason: '录像进行中' });
  });

  it('waits when a visit is due within 30 minutes or its window is still open', () => {
    expect(decideInstall(verified, { ...quiet, visits: [visit('scheduled', INSTALL_CLEARANCE_MINUTES)] }).action).toBe('wait');
    expect(decideInstall(verified, { ...quiet, visits: [visit('scheduled', 1)] }).action).toBe('wait');
    // Started late: still inside its window.
    expect(decideInstall(verified, { ...quiet, visits: [visit('scheduled', -10)] }).action).toBe('wait');
    // Its window is over and it never started: nothing to wait for.
    expect(decideInstall(verified, { ...quiet, visits: [visit('scheduled', -30)] }).action).toBe('install');
  });
});
