// The terminal's Electron main process: lifecycle only. Every decision lives in the
// pure modules next to this file; this file wires them to Electron.
import path from 'node:path';
import { app, dialog, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { createDispatcher } from '../ipc/dispatch';
import { playbackRootOf, storeMediaBaseOf } from '../ipc/playback-access';
import { openTerminal } from '../terminal';
import type { Terminal } from '../terminal-types';
import { forwardTerminalEvents, registerKioskIpc } from './ipc';
import { createLog } from './log';
import { createKeepAwake } from './keep-awake';
import { hardenWebContents } from './navigation';
import { APP_SCHEME, CONSOLE_URL, trustedOrigins, VISIT_URL } from './origin';
import { installPermissionHandlers } from './permissions';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { DEV_SERVER_ENV, describeStartupError, resolveConfigPath } from './startup';
import { createWindowPdfPrinter } from './print-pdf';
import { createWindows, type AppWindows } from './windows';
import { startUpdater } from './updater';

const log = createLog(path.join(app.getPath('userData'), 'logs'));
const devServerUrl = app.isPackaged ? undefined : process.env[DEV_SERVER_ENV];
const allowedOrigins = trustedOrigins(devServerUrl, app.isPackaged);
// In dist/main/main.cjs: the preload sits beside it, the renderer in dist/renderer.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererRoot = path.join(__dirname, '..', 'renderer');

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();

process.on('uncaughtException', (error) => log('未捕获的异常', error));
process.on('unhandledRejection', (error) => log('未处理的 Promise 拒绝', error));
// A service manager stopping the kiosk gets the same clean shutdown as a normal quit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => app.quit());

let terminal: Terminal | null = null;
const RECORDING_STOP_GRACE_MS = 15_000;
let windows: AppWindows | null = null;

function closeTerminal(): void {
  const t = terminal;
  terminal = null;
  try {
    t?.close();
  } catch (error) {
    log('关闭本地存储失败', error);
  }
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  installPermissionHandlers(session.defaultSession, allowedOrigins);
  // R25.1: archives play back only while recording.playbackUrl would be allowed.
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(rendererRoot, (m) => log(m), {
      playbackRoot: () => playbackRootOf(terminal),
      storeMediaBase: () => storeMediaBaseOf(terminal),
    }),
  );

  const configPath = resolveConfigPath(process.argv, process.env, app.getPath('userData'));
  let opened: Terminal;
  try {
    opened = await openTerminal({
      configPath,
      sqliteNativeBinding: process.env.KIOSK_SQLITE_BINDING || undefined,
      // The installer's own ffmpeg is in <resources>/ffmpeg/; in development there is none.
      ...(app.isPackaged ? { resourcesPath: process.resourcesPath } : {}),
      logger: log.logger,
      logFiles: log,
      // Desk mode's "save as PDF": the main window's printToPDF (looked up at each print).
      pdf: createWindowPdfPrinter(() => windows?.kiosk.webContents ?? null),
    });
    terminal = opened;
  } catch (error) {
    log('终端无法启动', error);
    const report = describeStartupError(error, configPath);
    dialog.showErrorBox(report.title, report.body);
    app.exit(1);
    return;
  }

  const dispatch = createDispatcher(opened, { onInternalError: (channel, error) => log(`服务错误 ${channel}`, error) });
  const visitUrl = devServerUrl ? new URL('/', devServerUrl).href : VISIT_URL;
  const consoleUrl = devServerUrl ? new URL('/#/console', devServerUrl).href : CONSOLE_URL;
  // Handlers first: the pages start loading (and calling) as soon as the windows exist.
  registerKioskIpc({
    ipcMain,
    dispatch,
    allowedOrigins,
    isOurWebContents: (c) => windows?.isOurs(c) ?? false,
    log: (m) => log(m),
  });
  windows = createWindows({ preloadPath, isPackaged: app.isPackaged, visitUrl, consoleUrl, log });
  forwardTerminalEvents(
    opened,
    () => windows?.all().map((w) => w.webContents) ?? [],
    (m) => log(m),
  );
  const keepAwake = createKeepAwake(powerSaveBlocker, (m) => log(m));
  opened.onEvent((event, payload) => {
    if (event === 'call.state') keepAwake.onCallState(payload as { phase: string });
  });
  app.on('will-quit', () => keepAwake.release());
  // Updates from the central store, installed only away from visits (../updates/install-policy).
  const updater = startUpdater(opened.updates, log);
  app.on('will-quit', () => updater.stop());
  log(`终端已启动（配置：${configPath}）`);
}

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight over the camera and the database: hand over and leave.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (windows && !windows.kiosk.isDestroyed()) windows.kiosk.focus();
  });
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { allowedOrigins, isPackaged: app.isPackaged, log: (m) => log(m) }),
  );
  app.on('before-quit', () => windows?.allowClose());
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const t = terminal;
    if (!t) return;
    // A recording in progress is sealed now, rather than recovered as interrupted at the
    // next start (R13.1); the wait is bounded so a stuck ffmpeg cannot block the quit.
    event.preventDefault();
    const bounded = new Promise<void>((resolve) => setTimeout(resolve, RECORDING_STOP_GRACE_MS));
    void Promise.race([t.recordings.stopAll(), bounded])
      .catch((error: unknown) => log('停止录像失败', error))
      .finally(() => {
        closeTerminal();
        app.quit();
      });
  });
  start().catch((error: unknown) => {
    log('启动失败', error);
    dialog.showErrorBox('会见终端无法启动', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
