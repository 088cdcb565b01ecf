import { describe, expect, test } from 'vitest';
import type { WebPreferences } from 'electron';
import {
  consoleWindowPlan,
  kioskWindowOptions,
  planDisplays,
  secureWebPreferences,
  type DisplayInfo,
  type Rect,
} from '../../../src-main/electron/window-options';

const PRELOAD = '/opt/app/dist/main/preload.cjs';
const FHD: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const SECOND: Rect = { x: 1920, y: 0, width: 1366, height: 768 };

function expectLockedDown(prefs: WebPreferences | undefined, isPackaged: boolean): void {
  expect(prefs).toBeDefined();
  expect(prefs).toMatchObject({
    preload: PRELOAD,
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
    devTools: !isPackaged,
  });
  // Nothing that re-opens a door: no extra Blink features, no custom session.
  expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  expect(prefs).not.toHaveProperty('partition');
  expect(prefs).not.toHaveProperty('additionalArguments');
}

describe('window options', () => {
  for (const isPackaged of [true, false]) {
    test(`kiosk window is locked down (packaged=${isPackaged})`, () => {
      const options = kioskWindowOptions({ preloadPath: PRELOAD, isPackaged }, FHD);
      expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true, show: false, ...FHD });
      expectLockedDown(options.webPreferences, isPackaged);
      expect(options.webPreferences?.backgroundThrottling).toBe(false);
    });

    test(`console window is locked down on both placements (packaged=${isPackaged})`, () => {
      for (const display of [SECOND, null]) {
        const plan = consoleWindowPlan({ preloadPath: PRELOAD, isPackaged }, FHD, display);
        expectLockedDown(plan.options.webPreferences, isPackaged);
        expect(plan.options.kiosk).toBe(false);
        expect(plan.options.show).toBe(false);
        expect(plan.options.autoHideMenuBar).toBe(true);
      }
    });
  }

  test('devtools are off in a packaged build and on in development', () => {
    expect(secureWebPreferences({ preloadPath: PRELOAD, isPackaged: true }).devTools).toBe(false);
    expect(secureWebPreferences({ preloadPath: PRELOAD, isPackaged: false }).devTools).toBe(true);
  });

  test('extra preferences cannot be used to undo the lock-down by accident: they are explicit', () => {
    const prefs = secureWebPreferences(
      { preloadPath: PRELOAD, isPackaged: true },
      { autoplayPolicy: 'no-user-gesture-required' },
    );
    expect(prefs.autoplayPolicy).toBe('no-user-gesture-required');
    expect(prefs.sandbox).toBe(true);
  });

  test('with a second display the console is shown there at start, full screen', () => {
    const plan = consoleWindowPlan({ preloadPath: PRELOAD, isPackaged: true }, FHD, SECOND);
    expect(plan.placement).toBe('second-display');
    expect(plan.showOnStart).toBe(true);
    expect(plan.options).toMatchObject({ ...SECOND, fullscreen: true, closable: false });
  });

  test('on a single display the console stays hidden until an administrator unlocks it', () => {
    const plan = consoleWindowPlan({ preloadPath: PRELOAD, isPackaged: true }, FHD, null);
    expect(plan.placement).toBe('behind-unlock');
    expect(plan.showOnStart).toBe(false);
    expect(plan.options).toMatchObject({ ...FHD, alwaysOnTop: true, skipTaskbar: true, show: false });
  });
});

describe('display choice', () => {
  const d = (id: number, bounds: Rect): DisplayInfo => ({ id, bounds });

  test('one display: visit there, no console display', () => {
    expect(planDisplays([d(1, FHD)], 1)).toEqual({ kiosk: FHD, console: null });
  });

  test('two displays: visit on the primary, console on the other', () => {
    expect(planDisplays([d(2, SECOND), d(1, FHD)], 1)).toEqual({ kiosk: FHD, console: SECOND });
    // The primary need not be the first one listed, nor at the origin.
    expect(planDisplays([d(1, FHD), d(2, SECOND)], 2)).toEqual({ kiosk: SECOND, console: FHD });
  });

  test('three displays: the largest other display, ties broken leftmost', () => {
    const left: Rect = { x: -1366, y: 0, width: 1366, height: 768 };
    const big: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };
    expect(planDisplays([d(1, FHD), d(2, SECOND), d(3, big)], 1).console).toEqual(big);
    expect(planDisplays([d(1, FHD), d(2, SECOND), d(3, left)], 1).console).toEqual(left);
  });

  test('a mirrored or empty display is not a second screen', () => {
    expect(planDisplays([d(1, FHD), d(2, { ...FHD })], 1).console).toBeNull();
    expect(planDisplays([d(1, FHD), d(2, { x: 1920, y: 0, width: 0, height: 0 })], 1).console).toBeNull();
  });

  test('an unknown primary id falls back to the first display; no displays gives a default', () => {
    expect(planDisplays([d(5, SECOND), d(6, FHD)], 99)).toEqual({ kiosk: SECOND, console: FHD });
    expect(planDisplays([], 1)).toEqual({ kiosk: FHD, console: null });
  });
});
