import { describe, expect, test } from 'vitest';
import type { IpcMainInvokeEvent, IpcRenderer, WebContents } from 'electron';
import { contractChannels, EVENT_CHANNEL_PREFIX } from '../../../src-shared/ipc/contract';
import type { IpcResult } from '../../../src-shared/ipc/result';
import { buildKioskApi } from '../../../src-main/preload/build-api';
import type { EventListener } from '../../../src-main/terminal-types';
import { forwardTerminalEvents, isTrustedSender, registerKioskIpc, senderIsTrusted } from '../../../src-main/electron/ipc';
import { createIpcTransport } from '../../../src-main/electron/ipc-transport';
import { APP_ORIGIN } from '../../../src-main/electron/origin';

const ALLOWED = [APP_ORIGIN];

describe('isTrustedSender', () => {
  test('our origin in the top frame is trusted', () => {
    expect(isTrustedSender('app://kiosk/index.html', true, ALLOWED)).toBe(true);
    expect(isTrustedSender('app://kiosk/index.html#/console', true, ALLOWED)).toBe(true);
  });

  test('subframes, other origins and missing URLs are not', () => {
    expect(isTrustedSender('app://kiosk/index.html', false, ALLOWED)).toBe(false);
    for (const url of [
      'https://evil.example/',
      'app://evil/',
      'app://kiosk@evil/',
      'about:blank',
      'file:///x',
      '',
      null,
      undefined,
    ]) {
      expect(isTrustedSender(url, true, ALLOWED), String(url)).toBe(false);
    }
  });
});

type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<IpcResult<unknown>>;

function setup() {
  const handlers = new Map<string, Handler>();
  const calls: Array<[string, unknown]> = [];
  const logged: string[] = [];
  const ours = { id: 1 } as WebContents;
  const remove = registerKioskIpc({
    ipcMain: {
      handle: (channel: string, h: unknown) => {
        handlers.set(channel, h as Handler);
      },
      removeHandler: (channel: string) => {
        handlers.delete(channel);
      },
    },
    dispatch: async (channel, args) => {
      calls.push([String(channel), args]);
      return { ok: true, value: 'done' };
    },
    allowedOrigins: ALLOWED,
    isOurWebContents: (c) => c.id === ours.id,
    log: (m) => logged.push(m),
  });
  const frame = (url: string, top = true) => ({ url, parent: top ? null : { url: 'app://kiosk/index.html', parent: null } });
  const event = (senderFrame: unknown, sender: WebContents = ours) => ({ senderFrame, sender }) as unknown as IpcMainInvokeEvent;
  return { handlers, calls, logged, remove, frame, event, ours };
}

describe('registerKioskIpc', () => {
  test('every contract channel gets a handler, and they can be removed', () => {
    const s = setup();
    expect([...s.handlers.keys()].sort()).toEqual(
      contractChannels()
        .map((c) => c.channel)
        .sort(),
    );
    s.remove();
    expect(s.handlers.size).toBe(0);
  });

  test('a trusted call is dispatched with its channel and arguments', async () => {
    const s = setup();
    const result = await s.handlers.get('kiosk:visit.listForDay')?.(s.event(s.frame('app://kiosk/index.html')), {
      date: '2025-01-02',
    });
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(s.calls).toEqual([['kiosk:visit.listForDay', { date: '2025-01-02' }]]);
  });

  test.each([
    ['no sender frame (navigated away or destroyed)', null, undefined],
    ['a foreign origin', 'https://evil.example/', undefined],
    ['a subframe of our origin', 'subframe', undefined],
    ['a window we did not create', 'app://kiosk/index.html', { id: 99 }],
  ])('refuses %s with FORBIDDEN_SENDER and runs nothing', async (_name, url, sender) => {
    const s = setup();
    const senderFrame = url === null ? null : url === 'subframe' ? s.frame('app://kiosk/index.html', false) : s.frame(url);
    const result = await s.handlers.get('kiosk:admin.siteInfo')?.(
      s.event(senderFrame, (sender ?? s.ours) as WebContents),
      undefined,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(s.calls).toEqual([]);
    expect(s.logged.length).toBe(1);
  });

  test('senderIsTrusted checks frame and window together', () => {
    const s = setup();
    const reg = { allowedOrigins: ALLOWED, isOurWebContents: (c: WebContents) => c.id === 1 };
    expect(senderIsTrusted(s.event(s.frame('app://kiosk/index.html')), reg)).toBe(true);
    expect(senderIsTrusted(s.event(s.frame('app://kiosk/index.html'), { id: 2 } as WebContents), reg)).toBe(false);
  });

  test('a throwing check or dispatcher still answers with a typed INTERNAL error', async () => {
    const s = setup();
    const hostile = {
      get url(): string {
        throw new Error('frame gone');
      },
      parent: null,
    };
    const result = await s.handlers.get('kiosk:auth.session')?.(s.event(hostile), undefined);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('forwardTerminalEvents', () => {
  test('sends valid events to live windows on the event channel, drops invalid ones', () => {
    let listener: EventListener | undefined;
    const terminal = {
      onEvent: (l: EventListener) => {
        listener = l;
        return () => {
          listener = undefined;
        };
      },
    };
    const sent: Array<[string, string, unknown]> = [];
    const target = (name: string, destroyed = false) => ({
      isDestroyed: () => destroyed,
      send: (channel: string, payload: unknown) => sent.push([name, channel, payload]),
    });
    const logged: string[] = [];
    const off = forwardTerminalEvents(
      terminal,
      () => [target('kiosk'), target('console'), target('gone', true)],
      (m) => logged.push(m),
    );

    const status = {
      queuedEvents: 2,
      lastSuccessAt: null,
      lastError: null,
      state: 'idle' as const,
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    };
    listener?.('sync.status', status);
    expect(sent).toEqual([
      ['kiosk', `${EVENT_CHANNEL_PREFIX}sync.status`, status],
      ['console', `${EVENT_CHANNEL_PREFIX}sync.status`, status],
    ]);

    listener?.('sync.status', { queuedEvents: -1 } as never);
    listener?.('no.such.event' as never, {} as never);
    expect(sent.length).toBe(2);
    expect(logged.length).toBe(2);
    off();
    expect(listener).toBeUndefined();
  });
});

describe('preload transport', () => {
  function fakeIpcRenderer() {
    const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
    const invoked: Array<[string, unknown]> = [];
    let reject = false;
    const ipc = {
      invoke: async (channel: string, args: unknown) => {
        invoked.push([channel, args]);
        if (reject) throw new Error("No handler registered for 'x'");
        return { ok: true, value: channel };
      },
      on: (channel: string, l: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)?.add(l);
        return ipc;
      },
      removeListener: (channel: string, l: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(l);
        return ipc;
      },
    };
    const emit = (channel: string, payload: unknown) =>
      listeners.get(channel)?.forEach((l) => l({ sender: 'SECRET-IPC-RENDERER' }, payload));
    return {
      ipc: ipc as unknown as IpcRenderer,
      invoked,
      emit,
      listeners,
      setReject: (v: boolean) => {
        reject = v;
      },
    };
  }

  test('window.kiosk calls go through invoke on the contract channel', async () => {
    const f = fakeIpcRenderer();
    const api = buildKioskApi(createIpcTransport(f.ipc));
    expect(await api.visit.listForDay({ date: '2025-01-02' })).toEqual({ ok: true, value: 'kiosk:visit.listForDay' });
    expect(f.invoked).toEqual([['kiosk:visit.listForDay', { date: '2025-01-02' }]]);
  });

  test('a rejected invoke becomes a typed error, not an exception', async () => {
    const f = fakeIpcRenderer();
    f.setReject(true);
    const api = buildKioskApi(createIpcTransport(f.ipc));
    expect(await api.sync.status()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  test('listeners get only the payload, never the IPC event, and can unsubscribe', () => {
    const f = fakeIpcRenderer();
    const api = buildKioskApi(createIpcTransport(f.ipc));
    const received: unknown[][] = [];
    const off = api.on('sync.status', (...args: unknown[]) => received.push(args));
    f.emit(`${EVENT_CHANNEL_PREFIX}sync.status`, { queuedEvents: 1 });
    expect(received).toEqual([[{ queuedEvents: 1 }]]);
    off();
    f.emit(`${EVENT_CHANNEL_PREFIX}sync.status`, { queuedEvents: 2 });
    expect(received.length).toBe(1);
    expect(f.listeners.get(`${EVENT_CHANNEL_PREFIX}sync.status`)?.size).toBe(0);
  });
});
