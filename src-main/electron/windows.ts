// Creates the two windows from the pure options and wires the console's unlock chord.
import { BrowserWindow, screen, type WebContents } from 'electron';
import { decideKioskKey } from './keyboard';
import type { Log } from './log';
import { consoleWindowPlan, kioskWindowOptions, planDisplays, type WindowContext } from './window-options';

export interface AppWindows {
  readonly kiosk: BrowserWindow;
  readonly console: BrowserWindow;
  all(): BrowserWindow[];
  isOurs(contents: WebContents): boolean;
  toggleConsole(): void;
  /** Called on quit: from then on the windows may close. */
  allowClose(): void;
}

export interface CreateWindowsOptions extends WindowContext {
  visitUrl: string;
  consoleUrl: string;
  log: Log;
}

export function createWindows(opts: CreateWindowsOptions): AppWindows {
  const displays = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds }));
  const plan = planDisplays(displays, screen.getPrimaryDisplay().id);
  const consolePlan = consoleWindowPlan(opts, plan.kiosk, plan.console);
  opts.log(
    `显示器：${displays.length} 个；监控台${consolePlan.placement === 'second-display' ? '在第二显示器' : '需管理员解锁后显示'}`,
  );

  const kiosk = new BrowserWindow(kioskWindowOptions(opts, plan.kiosk));
  const consoleWin = new BrowserWindow(consolePlan.options);
  kiosk.setMenu(null);
  consoleWin.setMenu(null);
  let quitting = false;

  const toggleConsole = (): void => {
    if (consoleWin.isDestroyed()) return;
    if (consolePlan.placement === 'second-display') {
      consoleWin.show();
      consoleWin.focus();
    } else if (consoleWin.isVisible()) {
      consoleWin.hide();
      if (!kiosk.isDestroyed()) kiosk.focus();
    } else {
      consoleWin.setAlwaysOnTop(true, 'screen-saver');
      consoleWin.show();
      consoleWin.focus();
    }
  };

  for (const win of [kiosk, consoleWin]) {
    win.webContents.on('before-input-event', (event, input) => {
      const decision = decideKioskKey(input, !!opts.isPackaged);
      if (decision === 'pass') return;
      event.preventDefault();
      if (decision === 'toggle-console') toggleConsole();
    });
    // A crashed renderer must not leave a black kiosk: reload the page it showed.
    win.webContents.on('render-process-gone', (_event, details) => {
      opts.log(`渲染进程退出（${details.reason}），重新加载`);
      if (!quitting && details.reason !== 'clean-exit') void win.loadURL(win === kiosk ? opts.visitUrl : opts.consoleUrl);
    });
  }

  kiosk.once('ready-to-show', () => kiosk.show());
  if (consolePlan.showOnStart) consoleWin.once('ready-to-show', () => consoleWin.show());

  // Alt+F4 and friends: the kiosk stays up in a packaged build; the console only hides.
  kiosk.on('close', (event) => {
    if (!quitting && opts.isPackaged) event.preventDefault();
  });
  consoleWin.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    if (consolePlan.placement === 'behind-unlock') consoleWin.hide();
  });

  void kiosk.loadURL(opts.visitUrl).catch((error: unknown) => opts.log('加载会见界面失败', error));
  void consoleWin.loadURL(opts.consoleUrl).catch((error: unknown) => opts.log('加载监控台失败', error));

  const all = (): BrowserWindow[] => [kiosk, consoleWin].filter((w) => !w.isDestroyed());
  return {
    kiosk,
    console: consoleWin,
    all,
    isOurs: (contents) => all().some((w) => w.webContents.id === contents.id),
    toggleConsole,
    allowClose: () => {
      quitting = true;
    },
  };
}
