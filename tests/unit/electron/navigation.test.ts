import { describe, expect, test } from 'vitest';
import type { WebContents } from 'electron';
import { CONSOLE_CHORD, decideKioskKey, type KeyInput } from '../../../src-main/electron/keyboard';
import {
  decideAttachWebview,
  decideNavigation,
  decideWindowOpen,
  hardenWebContents,
} from '../../../src-main/electron/navigation';
import { APP_ORIGIN, CONSOLE_URL, originOf, trustedOrigins, VISIT_URL } from '../../../src-main/electron/origin';

const ALLOWED = [APP_ORIGIN];

describe('origin', () => {
  test('app:// URLs get the origin Chromium gives a standard scheme', () => {
    expect(originOf(VISIT_URL)).toBe(APP_ORIGIN);
    expect(originOf(CONSOLE_URL)).toBe(APP_ORIGIN);
    expect(originOf('http://127.0.0.1:5173/x')).toBe('http://127.0.0.1:5173');
  });

  test('credentials, other schemes and garbage have no trusted origin', () => {
    for (const url of [
      'app://kiosk@evil/',
      'app://user:pw@kiosk/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
      'about:blank',
      'chrome://settings',
      'devtools://devtools',
      '',
      '::',
    ]) {
      expect(originOf(url), url).toBeNull();
    }
  });

  test('the dev server is trusted only unpackaged and only on loopback', () => {
    expect(trustedOrigins('http://127.0.0.1:5173/', false)).toEqual([APP_ORIGIN, 'http://127.0.0.1:5173']);
    expect(trustedOrigins('http://localhost:5173', false)).toEqual([APP_ORIGIN, 'http://localhost:5173']);
    expect(trustedOrigins('http://127.0.0.1:5173/', true)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('https://evil.example', false)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins('http://192.168.1.5:5173', false)).toEqual([APP_ORIGIN]);
    expect(trustedOrigins(undefined, false)).toEqual([APP_ORIGIN]);
  });
});

describe('navigation decisions', () => {
  test('our own pages are allowed', () => {
    expect(decideNavigation(VISIT_URL, ALLOWED)).toBe('allow');
    expect(decideNavigation(CONSOLE_URL, ALLOWED)).toBe('allow');
    expect(decideNavigation('app://kiosk/', ALLOWED)).toBe('allow');
  });

  test('everything else is denied', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:5173/',
      'app://kiosk.evil.example/',
      'app://other/index.html',
      'app://kiosk@evil/',
      'file:///C:/Windows/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<h1>x',
      'about:blank',
      'chrome://gpu',
      'mailto:a@b.c',
      'ftp://x/',
    ]) {
      expect(decideNavigation(url, ALLOWED), url).toBe('deny');
    }
  });

  test('window.open is always denied, even for our own origin', () => {
    expect(decideWindowOpen(VISIT_URL)).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://example.com')).toEqual({ action: 'deny' });
  });

  test('webviews are never attached', () => {
    expect(decideAttachWebview()).toBe('deny');
  });
});

describe('hardenWebContents', () => {
  function fakeContents() {
    const listeners: Record<string, (...args: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => unknown) | undefined;
    let devtoolsClosed = 0;
    const contents = {
      on: (event: string, l: (...args: unknown[]) => void) => {
        listeners[event] = l;
        return contents;
      },
      setWindowOpenHandler: (h: (d: { url: string }) => unknown) => {
        openHandler = h;
      },
      closeDevTools: () => {
        devtoolsClosed += 1;
      },
    };
    const fire = (event: string, ...args: unknown[]) => {
      let prevented = false;
      listeners[event]?.(
        {
          preventDefault: () => {
            prevented = true;
          },
          url: args[0],
        },
        ...args,
      );
      return prevented;
    };
    return {
      contents: contents as unknown as WebContents,
      listeners,
      fire,
      open: (url: string) => openHandler?.({ url }),
      devtools: () => devtoolsClosed,
    };
  }

  test('navigation, redirects, frames, popups and webviews are refused; bluetooth choosers cancelled', () => {
    const logged: string[] = [];
    const f = fakeContents();
    hardenWebContents(f.contents, { allowedOrigins: ALLOWED, isPackaged: true, log: (m) => logged.push(m) });
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', CONSOLE_URL)).toBe(false);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-attach-webview')).toBe(true);
    expect(f.open('https://evil.example/')).toEqual({ action: 'deny' });
    const chosen: string[] = [];
    let prevented = false;
    f.listeners['select-bluetooth-device']?.(
      {
        preventDefault: () => {
          prevented = true;
        },
      },
      [{ deviceId: 'x' }],
      (id: string) => chosen.push(id),
    );
    expect(prevented).toBe(true);
    expect(chosen).toEqual(['']);
    f.listeners['devtools-opened']?.();
    expect(f.devtools()).toBe(1);
    expect(logged.length).toBeGreaterThanOrEqual(4);
  });

  test('in development DevTools are not forced shut', () => {
    const f = fakeContents();
    hardenWebContents(f.contents, { allowedOrigins: ALLOWED, isPackaged: false, log: () => {} });
    expect(f.listeners['devtools-opened']).toBeUndefined();
  });
});

describe('kiosk keys', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
    type: 'keyDown',
    key: k,
    control: false,
    alt: false,
    shift: false,
    meta: false,
    ...mods,
  });

  test('Ctrl+Alt+Shift+A toggles the supervision console', () => {
    expect(CONSOLE_CHORD).toEqual({ key: 'a', control: true, alt: true, shift: true });
    expect(decideKioskKey(key('A', { control: true, alt: true, shift: true }), true)).toBe('toggle-console');
    expect(decideKioskKey(key('a', { control: true, alt: true, shift: true }), false)).toBe('toggle-console');
    expect(decideKioskKey(key('a', { control: true, alt: true }), true)).toBe('pass');
    expect(decideKioskKey({ ...key('a', { control: true, alt: true, shift: true }), type: 'keyUp' }, true)).toBe('pass');
  });

  test('reload and DevTools keys are swallowed in packaged builds only', () => {
    for (const input of [
      key('F5'),
      key('F12'),
      key('r', { control: true }),
      key('R', { control: true, shift: true }),
      key('I', { control: true, shift: true }),
      key('j', { meta: true, shift: true }),
    ]) {
      expect(decideKioskKey(input, true), input.key).toBe('block');
      expect(decideKioskKey(input, false), input.key).toBe('pass');
    }
    expect(decideKioskKey(key('a'), true)).toBe('pass');
    expect(decideKioskKey(key('Enter'), true)).toBe('pass');
  });
});
