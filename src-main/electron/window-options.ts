// Options of the two windows, as pure data, so tests assert every security flag.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface DisplayInfo {
  id: number;
  bounds: Rect;
}

export interface WindowContext {
  preloadPath: string;
  isPackaged: boolean;
}

export const PRODUCT_NAME = '远程视频会见终端';

/** The same locked-down web preferences for both windows; only the preload differs. */
export function secureWebPreferences(ctx: WindowContext, extra: Partial<WebPreferences> = {}): WebPreferences {
  return {
    preload: ctx.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // DevTools would hand anyone at the kiosk a console into the renderer.
    devTools: !ctx.isPackaged,
    ...extra,
  };
}

/** The visit screen: kiosk mode, full screen on the given display, no menu, no frame. */
export function kioskWindowOptions(ctx: WindowContext, display: Rect): BrowserWindowConstructorOptions {
  return {
    ...display,
    title: PRODUCT_NAME,
    show: false,
    kiosk: true,
    fullscreen: true,
    frame: false,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    backgroundColor: '#0b1a2b',
    webPreferences: secureWebPreferences(ctx, {
      // The remote video must start without a click; the recorder's canvas must keep
      // drawing while the console window has the focus.
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
    }),
  };
}

export type ConsolePlacement = 'second-display' | 'behind-unlock';

export interface ConsoleWindowPlan {
  placement: ConsolePlacement;
  /** Shown at start only on its own display; otherwise only after an administrator unlock. */
  showOnStart: boolean;
  options: BrowserWindowConstructorOptions;
}

/** The supervision console: on a second display when there is one, else hidden until unlocked. */
export function consoleWindowPlan(ctx: WindowContext, kioskDisplay: Rect, consoleDisplay: Rect | null): ConsoleWindowPlan {
  const placement: ConsolePlacement = consoleDisplay ? 'second-display' : 'behind-unlock';
  const bounds = consoleDisplay ?? kioskDisplay;
  return {
    placement,
    showOnStart: placement === 'second-display',
    options: {
      ...bounds,
      title: `${PRODUCT_NAME} · 监控台`,
      show: false,
      kiosk: false,
      fullscreen: placement === 'second-display',
      frame: placement === 'second-display',
      autoHideMenuBar: true,
      // Over the kiosk on a single screen, it must stay above the full-screen visit window.
      alwaysOnTop: placement === 'behind-unlock',
      closable: placement === 'second-display' ? false : true,
      minimizable: false,
      skipTaskbar: placement === 'behind-unlock',
      backgroundColor: '#0b1a2b',
      webPreferences: secureWebPreferences(ctx, { backgroundThrottling: false }),
    },
  };
}

const area = (r: Rect): number => Math.max(0, r.width) * Math.max(0, r.height);
const sameRect = (a: Rect, b: Rect): boolean => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export interface DisplayPlan {
  kiosk: Rect;
  console: Rect | null;
}

/**
 * Which display shows what: the visit on the primary display, the console on the largest
 * other display (ties: leftmost, then topmost). Mirrored displays (same bounds as the
 * primary) and empty ones do not count as a second screen.
 */
export function planDisplays(displays: readonly DisplayInfo[], primaryId: number): DisplayPlan {
  const usable = displays.filter((d) => area(d.bounds) > 0);
  const primary = usable.find((d) => d.id === primaryId) ?? usable[0];
  const kiosk = primary?.bounds ?? { x: 0, y: 0, width: 1920, height: 1080 };
  const others = usable
    .filter((d) => d !== primary && !sameRect(d.bounds, kiosk))
    .sort((a, b) => area(b.bounds) - area(a.bounds) || a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
  return { kiosk, console: others[0]?.bounds ?? null };
}
