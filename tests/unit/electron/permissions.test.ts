import { describe, expect, test } from 'vitest';
import type { Session } from 'electron';
import { APP_ORIGIN } from '../../../src-main/electron/origin';
import {
  decideDevicePermission,
  decidePermissionCheck,
  decidePermissionRequest,
  installPermissionHandlers,
} from '../../../src-main/electron/permissions';

const ALLOWED = [APP_ORIGIN];
const OWN = 'app://kiosk/index.html';
const request = (
  permission: string,
  facts: Partial<{ isMainFrame: boolean; requestingUrl: string; mediaTypes: string[] }> = {},
) =>
  decidePermissionRequest(
    permission,
    { isMainFrame: true, requestingUrl: OWN, mediaTypes: ['video', 'audio'], ...facts },
    ALLOWED,
  );

describe('permission request handler', () => {
  test('grants camera and microphone to our own origin in the main frame', () => {
    expect(request('media')).toBe(true);
    expect(request('media', { mediaTypes: ['video'] })).toBe(true);
    expect(request('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(request('media', { requestingUrl: 'app://kiosk/index.html#/console' })).toBe(true);
  });

  test('denies other origins, including look-alikes', () => {
    for (const url of [
      'https://evil.example/',
      'http://127.0.0.1:5173/',
      'app://kiosk.evil/',
      'app://evil/',
      'app://kiosk@evil/',
      'file:///etc/passwd',
      'data:text/html,x',
      'about:blank',
      'not a url',
      '',
    ]) {
      expect(request('media', { requestingUrl: url }), url).toBe(false);
    }
  });

  test('denies subframes, even of our own origin', () => {
    expect(request('media', { isMainFrame: false })).toBe(false);
  });

  test('denies screen and window capture, and media requests with no or unknown types', () => {
    expect(request('display-capture')).toBe(false);
    expect(request('media', { mediaTypes: [] })).toBe(false);
    expect(request('media', { mediaTypes: undefined })).toBe(false);
    expect(request('media', { mediaTypes: ['video', 'desktop'] })).toBe(false);
    expect(request('media', { mediaTypes: ['screen'] })).toBe(false);
  });

  test('denies every other permission, even to our own origin', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'openExternal',
      'pointerLock',
      'keyboardLock',
      'midi',
      'midiSysex',
      'mediaKeySystem',
      'idle-detection',
      'speaker-selection',
      'storage-access',
      'top-level-storage-access',
      'window-management',
      'fileSystem',
      'hid',
      'serial',
      'usb',
      'unknown',
    ]) {
      expect(request(permission), permission).toBe(false);
    }
  });

  test('the dev server origin is trusted only when passed in', () => {
    const dev = 'http://127.0.0.1:5173/';
    expect(
      decidePermissionRequest('media', { isMainFrame: true, requestingUrl: dev, mediaTypes: ['video'] }, [
        APP_ORIGIN,
        'http://127.0.0.1:5173',
      ]),
    ).toBe(true);
    expect(decidePermissionRequest('media', { isMainFrame: true, requestingUrl: dev, mediaTypes: ['video'] }, ALLOWED)).toBe(
      false,
    );
  });
});

describe('permission check handler', () => {
  const check = (permission: string, origin = APP_ORIGIN, details: Partial<Parameters<typeof decidePermissionCheck>[2]> = {}) =>
    decidePermissionCheck(permission, origin, { isMainFrame: true, ...details }, ALLOWED);

  test('answers yes for camera, microphone and device enumeration from our main frame', () => {
    expect(check('media', APP_ORIGIN, { mediaType: 'video', securityOrigin: APP_ORIGIN })).toBe(true);
    expect(check('media', APP_ORIGIN, { mediaType: 'audio' })).toBe(true);
    expect(check('media', APP_ORIGIN, { mediaType: 'unknown' })).toBe(true);
    expect(check('media', `${APP_ORIGIN}/`)).toBe(true);
  });

  test('answers no for other origins, subframes and embedded frames', () => {
    expect(check('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(check('media', APP_ORIGIN, { isMainFrame: false, mediaType: 'video' })).toBe(false);
    expect(check('media', APP_ORIGIN, { embeddingOrigin: 'https://evil.example', mediaType: 'video' })).toBe(false);
    expect(check('media', APP_ORIGIN, { securityOrigin: 'https://evil.example', mediaType: 'video' })).toBe(false);
  });

  test('answers no for every other permission', () => {
    for (const permission of [
      'notifications',
      'geolocation',
      'clipboard-read',
      'fullscreen',
      'hid',
      'serial',
      'usb',
      'openExternal',
      'fileSystem',
      'storage-access',
      'idle-detection',
      'deprecated-sync-clipboard-read',
    ]) {
      expect(check(permission), permission).toBe(false);
    }
  });

  test('device permissions (HID, serial, USB) are always denied', () => {
    for (const deviceType of ['hid', 'serial', 'usb'] as const) {
      expect(decideDevicePermission({ deviceType, origin: APP_ORIGIN })).toBe(false);
    }
  });
});

describe('installPermissionHandlers', () => {
  test('wires the decisions into the session and cancels device choosers', () => {
    const handlers: Record<string, unknown> = {};
    const listeners: Record<string, (...args: unknown[]) => void> = {};
    const fake = {
      setPermissionRequestHandler: (h: unknown) => {
        handlers.request = h;
      },
      setPermissionCheckHandler: (h: unknown) => {
        handlers.check = h;
      },
      setDevicePermissionHandler: (h: unknown) => {
        handlers.device = h;
      },
      setDisplayMediaRequestHandler: (h: unknown) => {
        handlers.display = h;
      },
      setBluetoothPairingHandler: (h: unknown) => {
        handlers.bluetooth = h;
      },
      on: (event: string, listener: (...args: unknown[]) => void) => {
        listeners[event] = listener;
      },
    };
    installPermissionHandlers(fake as unknown as Session, ALLOWED);

    const answers: boolean[] = [];
    const requestHandler = handlers.request as (wc: unknown, p: string, cb: (v: boolean) => void, d: unknown) => void;
    requestHandler({}, 'media', (v) => answers.push(v), {
      isMainFrame: true,
      requestingUrl: OWN,
      mediaTypes: ['video', 'audio'],
    });
    requestHandler({}, 'media', (v) => answers.push(v), { isMainFrame: false, requestingUrl: OWN, mediaTypes: ['video'] });
    requestHandler({}, 'notifications', (v) => answers.push(v), { isMainFrame: true, requestingUrl: OWN });
    expect(answers).toEqual([true, false, false]);

    const checkHandler = handlers.check as (wc: unknown, p: string, o: string, d: unknown) => boolean;
    expect(checkHandler(null, 'media', APP_ORIGIN, { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(checkHandler(null, 'geolocation', APP_ORIGIN, { isMainFrame: true })).toBe(false);
    expect((handlers.device as (d: unknown) => boolean)({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
    expect(handlers.display).toBeNull();

    for (const [event, args] of [
      ['select-hid-device', [{}]],
      ['select-serial-port', [[], {}]],
      ['select-usb-device', [{}]],
    ] as const) {
      let prevented = false;
      const picked: unknown[] = [];
      listeners[event]?.(
        {
          preventDefault: () => {
            prevented = true;
          },
        },
        ...args,
        (id?: string) => picked.push(id),
      );
      expect(prevented, event).toBe(true);
      expect(picked.length, event).toBe(1);
      expect(picked[0] === undefined || picked[0] === '', event).toBe(true);
    }
  });
});
