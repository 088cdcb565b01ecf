// The updater's wiring with a stand-in for electron-updater's autoUpdater (its Electron parts
// need Electron's binary, which the tests do not have): a downloaded installer is checked
// (SHA-512 recomputed, the province's signature), waits while a visit is on, installs when the
// room is quiet (the install record written first), and a failed check leaves the old version.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstallSituation } from '../../../src-main/updates/install-policy';
import { PENDING_INSTALL_FILE } from '../../../src-main/updates/install-record';
import { currentUpdateStatus, resetUpdateStatus } from '../../../src-main/updates/status';
import type { UpdateHost } from '../../../src-main/updates/update-host';
import { buildSignatureText } from '../../../src-shared/updates/build-signature';
import { useTempDirs } from '../main/helpers/temp-dir';

const fake = vi.hoisted(() => {
  class FakeUpdater {
    listeners = new Map<string, Array<(...args: unknown[]) => void>>();
    on(event: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
    removeAllListeners() {
      this.listeners.clear();
    }
    requestHeaders: Record<string, string> | null = null;
    feed: unknown = null;
    installs: Array<[boolean, boolean]> = [];
    checks = 0;
    setFeedURL(options: unknown) {
      this.feed = options;
    }
    checkForUpdates() {
      this.checks++;
      return Promise.resolve(null);
    }
    quitAndInstall(silent: boolean, runAfter: boolean) {
      this.installs.push([silent, runAfter]);
    }
  }
  return { updater: new FakeUpdater() };
});
vi.mock('electron-updater', () => ({ autoUpdater: fake.updater }));

const { startUpdater } = await import('../../../src-main/electron/updater');

const tempDir = useTempDirs('kiosk-updater-');
const province = generateKeyPairSync('ed25519');

function downloaded(dir: string, version: string, tamper = false) {
  const bytes = randomBytes(4096);
  const file = path.join(dir, 'installer.AppImage');
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  writeFileSync(file, tamper ? Buffer.concat([bytes, Buffer.from('x')]) : bytes);
  const files = [{ url: 'files/x/installer.AppImage', sha512, size: bytes.length }];
  const signature = sign(null, Buffer.from(buildSignatureText(version, 'linux-x64', files)), province.privateKey).toString(
    'base64',
  );
  return {
    version,
    files,
    path: files[0]?.url,
    sha512,
    releaseDate: '',
    downloadedFile: file,
    'x-province-signature': signature,
    'x-build-target': 'linux-x64',
  };
}

describe("the updater's wiring", () => {
  let situation: InstallSituation;
  let dataDir: string;
  const host = (): UpdateHost => ({
    feedUrl: 'http://127.0.0.1:8787/api/updates/stable/',
    runningVersion: '1.0.0',
    dataDir,
    provinceKey: province.publicKey,
    disabledReason: null,
    token: () => Promise.resolve('terminal-token'),
    situation: () => situation,
  });
  /** Until the status has the version (the checks read the installer from disk first). */
  const settle = async (version: string) => {
    const until = Date.now() + 5000;
    while (currentUpdateStatus().version !== version || !['ready', 'failed'].includes(currentUpdateStatus().state)) {
      if (Date.now() > until) throw new Error(`no verdict on ${version}: ${JSON.stringify(currentUpdateStatus())}`);
      await new Promise((r) => setImmediate(r));
    }
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    fake.updater.removeAllListeners();
    fake.updater.installs = [];
    fake.updater.checks = 0;
    dataDir = tempDir();
    situation = {
      now: new Date('2026-12-07T06:00:00Z'),
      visits: [{ visitId: 'V1', status: 'in-progress', startsAt: new Date('2026-12-07T05:50:00Z'), minutes: 30 }],
      liveCall: true,
      recording: true,
    };
  });
  afterEach(() => {
    vi.useRealTimers();
    resetUpdateStatus();
  });

  it('checks with the credential and the running version, waits out a visit, then installs', async () => {
    const updater = startUpdater(host(), () => undefined);
    expect(fake.updater.feed).toEqual({ provider: 'generic', url: 'http://127.0.0.1:8787/api/updates/stable/' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.updater.checks).toBe(1);
    expect(fake.updater.requestHeaders).toEqual({ authorization: 'Bearer terminal-token', 'x-terminal-version': '1.0.0' });

    fake.updater.emit('update-available', { version: '2.0.0' });
    expect(currentUpdateStatus()).toMatchObject({ state: 'downloading', version: '2.0.0' });
    fake.updater.emit('update-downloaded', downloaded(dataDir, '2.0.0'));
    await settle('2.0.0');
    // Never mid-visit.
    expect(currentUpdateStatus()).toMatchObject({ state: 'ready', version: '2.0.0', detail: '会见通话进行中' });
    expect(fake.updater.installs).toEqual([]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(fake.updater.installs).toEqual([]);

    situation = { ...situation, visits: [], liveCall: false, recording: false };
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.updater.installs).toEqual([[true, true]]);
    expect(existsSync(path.join(dataDir, PENDING_INSTALL_FILE))).toBe(true);
    updater.stop();
  });

  it('refuses an installer that does not match, or a feed the province did not sign; the old version stays', async () => {
    situation = { ...situation, visits: [], liveCall: false, recording: false };
    const updater = startUpdater(host(), () => undefined);
    fake.updater.emit('update-downloaded', downloaded(dataDir, '2.0.0', true));
    await settle('2.0.0');
    expect(currentUpdateStatus()).toMatchObject({ state: 'failed', version: '2.0.0', error: expect.stringContaining('SHA-512') });

    const forged = { ...downloaded(dataDir, '2.0.0'), version: '2.0.1' };
    fake.updater.emit('update-downloaded', forged);
    await settle('2.0.1');
    expect(currentUpdateStatus()).toMatchObject({ state: 'failed', version: '2.0.1', error: expect.stringContaining('签名') });

    fake.updater.emit('error', new Error('net::ERR_CONNECTION_RESET'));
    expect(currentUpdateStatus()).toMatchObject({ state: 'failed', error: 'net::ERR_CONNECTION_RESET', runningVersion: '1.0.0' });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(fake.updater.installs).toEqual([]);
    updater.stop();
  });

  it('judges the last install at start by the version now running', () => {
    writeFileSync(
      path.join(dataDir, PENDING_INSTALL_FILE),
      JSON.stringify({ version: '2.0.0', fromVersion: '0.9.0', at: '2026-12-07T06:00:00.000Z' }),
    );
    startUpdater({ ...host(), feedUrl: null, provinceKey: null, disabledReason: 'off' }, () => undefined).stop();
    expect(currentUpdateStatus()).toMatchObject({ state: 'failed', version: '2.0.0', error: '安装 2.0.0 未生效，仍运行 1.0.0' });
    expect(existsSync(path.join(dataDir, PENDING_INSTALL_FILE))).toBe(false);
  });
});
