// What the heartbeat reads of the updater, and how a restart after an install is judged:
// the new version running is "installed"; the old one still running is "failed".
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { outcomeAfterRestart, takePendingInstall, writePendingInstall } from '../../../../src-main/updates/install-record';
import { currentUpdateStatus, resetUpdateStatus, setUpdateStatus } from '../../../../src-main/updates/status';

describe('the outcome of an update', () => {
  afterEach(() => resetUpdateStatus());

  it('keeps the latest state for the heartbeat, clearing the last detail and error', () => {
    expect(currentUpdateStatus()).toMatchObject({ state: 'idle', version: null, at: null });
    setUpdateStatus({ state: 'failed', version: '2.0.0', error: '下载中断' }, new Date('2026-12-07T06:00:00Z'));
    expect(currentUpdateStatus()).toEqual({
      state: 'failed',
      runningVersion: null,
      version: '2.0.0',
      detail: null,
      error: '下载中断',
      at: '2026-12-07T06:00:00.000Z',
    });
    setUpdateStatus({ state: 'ready', version: '2.0.0', detail: '会见通话进行中' }, new Date('2026-12-07T06:01:00Z'));
    expect(currentUpdateStatus()).toMatchObject({ state: 'ready', detail: '会见通话进行中', error: null });
  });

  it('reads the install record once at the next start and judges it by the running version', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'update-record-'));
    expect(takePendingInstall(dir)).toBeNull();
    writePendingInstall(dir, { version: '2.0.0', fromVersion: '1.0.0', at: '2026-12-07T06:00:00.000Z' });
    const pending = takePendingInstall(dir);
    expect(pending).toEqual({ version: '2.0.0', fromVersion: '1.0.0', at: '2026-12-07T06:00:00.000Z' });
    expect(takePendingInstall(dir)).toBeNull();
    if (!pending) return;
    expect(outcomeAfterRestart(pending, '2.0.0')).toEqual({ state: 'installed', error: null });
    expect(outcomeAfterRestart(pending, '1.0.0')).toEqual({ state: 'failed', error: '安装 2.0.0 未生效，仍运行 1.0.0' });
  });
});
