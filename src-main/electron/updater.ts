// Updates from the central store through electron-updater's generic provider: the feed at
// <store>/api/updates/<channel>/ read with the terminal's own credential, the installer
// downloaded in the background (electron-updater checks its SHA-512), then checked again here
// (SHA-512 recomputed, the province's signature over the feed), and installed only when the
// install policy says so: never during a visit or within 30 minutes of one. Any failure leaves
// the running version in place; the outcome is kept in ../updates/status for the heartbeat.
import { autoUpdater, type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';
import { TERMINAL_VERSION_HEADER } from '../../src-shared/store-api/endpoints/updates';
import { decideInstall, type DownloadedUpdate } from '../updates/install-policy';
import { outcomeAfterRestart, takePendingInstall, writePendingInstall } from '../updates/install-record';
import { currentUpdateStatus, setUpdateStatus } from '../updates/status';
import type { UpdateHost } from '../updates/update-host';
import { checkFeedSignature, checkFileSha512 } from '../updates/verify-update';

const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 30 * 60_000;
const POLICY_EVERY_MS = 60_000;

export interface Updater {
  stop(): void;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function startUpdater(host: UpdateHost, log: (message: string, error?: unknown) => void): Updater {
  const now = () => new Date();
  const runningVersion = host.runningVersion;
  const pending = takePendingInstall(host.dataDir);
  if (pending) {
    const outcome = outcomeAfterRestart(pending, runningVersion);
    setUpdateStatus({ state: outcome.state, runningVersion, version: pending.version, error: outcome.error }, now());
    log(outcome.error ?? `已更新到 ${pending.version}`);
  } else {
    setUpdateStatus({ state: 'idle', runningVersion }, now());
  }
  const key = host.provinceKey;
  if (host.feedUrl === null || key === null) {
    log(host.disabledReason ?? '未配置更新');
    return { stop: () => undefined };
  }

  autoUpdater.logger = null;
  autoUpdater.autoDownload = true;
  // Installed only when the policy allows, never on an ordinary quit (which may come mid-visit).
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  // The store serves no blockmaps: whole installers only.
  autoUpdater.disableDifferentialDownload = true;
  autoUpdater.setFeedURL({ provider: 'generic', url: host.feedUrl });

  let ready: DownloadedUpdate | null = null;
  let checking = false;
  let stopped = false;
  const failed = (version: string | null, error: string) => {
    ready = null;
    setUpdateStatus({ state: 'failed', version, error }, now());
    log(`更新失败（仍运行 ${runningVersion}）：${error}`);
  };

  autoUpdater.on('update-available', (info: UpdateInfo) =>
    setUpdateStatus({ state: 'downloading', version: info.version }, now()),
  );
  autoUpdater.on('update-not-available', () => {
    if (currentUpdateStatus().state === 'downloading') setUpdateStatus({ state: 'idle', version: null }, now());
  });
  autoUpdater.on('error', (error: Error) => failed(currentUpdateStatus().version, message(error)));
  autoUpdater.on('update-downloaded', (event: UpdateDownloadedEvent) => {
    void verifyDownloaded(event).then((update) => {
      ready = update;
      tryInstall();
    });
  });

  async function verifyDownloaded(event: UpdateDownloadedEvent): Promise<DownloadedUpdate> {
    const info = event as unknown as Record<string, unknown>;
    const signature = checkFeedSignature(info, key as NonNullable<typeof key>);
    // The installer must be one of the files the province signed.
    const checks = await Promise.all(event.files.map((f) => checkFileSha512(event.downloadedFile, f.sha512)));
    const sha512 = checks.find((c) => c.ok) ?? checks[0] ?? { ok: false as const, reason: '更新信息缺少文件' };
    return { version: event.version, sha512, signature };
  }

  function tryInstall(): void {
    const update = ready;
    if (update === null || stopped) return;
    const decision = decideInstall(update, host.situation());
    if (decision.action === 'refuse') return failed(update.version, decision.reason);
    if (decision.action === 'wait') {
      setUpdateStatus({ state: 'ready', version: update.version, detail: decision.reason }, now());
      return;
    }
    log(`安装更新 ${update.version}（当前 ${runningVersion}）`);
    writePendingInstall(host.dataDir, { version: update.version, fromVersion: runningVersion, at: now().toISOString() });
    // Silent, and the new version starts by itself; a failed installer leaves the old one.
    autoUpdater.quitAndInstall(true, true);
  }

  async function check(): Promise<void> {
    if (checking || ready !== null || stopped) return;
    checking = true;
    try {
      const token = await host.token();
      // Not enrolled yet: nothing to ask with.
      if (token === null) return;
      autoUpdater.requestHeaders = { authorization: `Bearer ${token}`, [TERMINAL_VERSION_HEADER]: runningVersion };
      await autoUpdater.checkForUpdates();
    } catch (error) {
      // electron-updater has usually told its 'error' listener already.
      if (currentUpdateStatus().error !== message(error)) failed(currentUpdateStatus().version, message(error));
    } finally {
      checking = false;
    }
  }

  const first = setTimeout(() => void check(), FIRST_CHECK_MS);
  const checks = setInterval(() => void check(), CHECK_EVERY_MS);
  const policy = setInterval(tryInstall, POLICY_EVERY_MS);
  for (const timer of [first, checks, policy]) timer.unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(checks);
      clearInterval(policy);
    },
  };
}
