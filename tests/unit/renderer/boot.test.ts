// Start-up and the live link to main: what the store holds after boot, what a failure
// shows, and that the event subscriptions follow main and can be removed.
import { describe, expect, test } from 'vitest';
import { boot, loadConsoleRecords, refreshAudit, refreshTodayVisits, subscribeToMain } from '../../../src-renderer/app/boot';
import { createKioskClient } from '../../../src-renderer/kiosk-client';
import { createKioskStore } from '../../../src-renderer/store';
import { defaultAnswers, fakeKiosk, ok } from './fake-kiosk';

const TODAY = '2026-05-06';

function setUp(answers = defaultAnswers()) {
  const fake = fakeKiosk(answers);
  const client = createKioskClient(fake.api);
  const store = createKioskStore();
  const languages: string[] = [];
  const deps = { client, store, today: TODAY, setLanguage: async (l: string) => languages.push(l) };
  return { fake, client, store, languages, deps };
}

describe('boot (terminal window)', () => {
  test("reads site, session, sync and today's visits, sets the language, then shows idle", async () => {
    const visits = [
      { visitId: 'v1', date: TODAY, startTime: '09:00', minutes: 30, inmateName: '张三', visitorCount: 2, status: 'scheduled' },
    ];
    const answers = {
      ...defaultAnswers(),
      'visit.listForDay': ok(visits),
      'admin.siteInfo': ok({
        terminalId: 'T1',
        siteName: '某县司法局',
        siteKind: 'bureau',
        roomName: '会见室',
        appVersion: '0.1.0',
        language: 'en',
      }),
    };
    const { fake, store, languages, deps } = setUp(answers);
    await boot('terminal', deps);
    const s = store.getState();
    expect(s.screen).toEqual({ name: 'idle' });
    expect(s.site?.siteName).toBe('某县司法局');
    expect(languages).toEqual(['en']);
    expect(s.session).toEqual({ admins: [], locked: true });
    expect(s.syncStatus?.queuedEvents).toBe(0);
    expect(s.todayVisits).toEqual({ date: TODAY, visits, stale: false });
    expect(fake.calls.find((c) => c.method === 'visit.listForDay')?.args).toEqual([{ date: TODAY }]);
    // The terminal window does not read the console's data.
    expect(fake.calls.map((c) => c.method)).not.toContain('admin.recentAudit');
  });

  test('without window.kiosk the error screen says so', async () => {
    const { store, deps } = setUp();
    await boot('terminal', { ...deps, client: null });
    expect(store.getState().screen).toEqual({ name: 'startup-error', problem: { kind: 'no-kiosk' } });
  });

  test('a failed call shows the error screen with the call, code and message', async () => {
    const answers = {
      ...defaultAnswers(),
      'visit.listForDay': { ok: false as const, error: { code: 'INTERNAL' as const, message: '本地数据库无法打开' } },
    };
    const { store, deps } = setUp(answers);
    await boot('terminal', deps);
    expect(store.getState().screen).toEqual({
      name: 'startup-error',
      problem: { kind: 'call-failed', method: 'visit.listForDay', code: 'INTERNAL', message: '本地数据库无法打开' },
    });
  });

  test('after a retry, a second boot that succeeds reaches idle', async () => {
    let fail = true;
    const answers = {
      ...defaultAnswers(),
      'sync.status': () =>
        Promise.resolve(
          fail
            ? { ok: false as const, error: { code: 'INTERNAL' as const, message: 'x' } }
            : ok({ queuedEvents: 1, lastSuccessAt: null, lastError: null }),
        ),
    };
    const { store, deps } = setUp(answers);
    await boot('terminal', deps);
    expect(store.getState().screen.name).toBe('startup-error');
    store.getState().screenEvent({ type: 'retry-startup' });
    fail = false;
    await boot('terminal', deps);
    expect(store.getState().screen).toEqual({ name: 'idle' });
  });
});

describe('boot (console window)', () => {
  test('R25.1 reads only what the login needs: no audit trail or store health before two administrators are in', async () => {
    const { fake, store, deps } = setUp();
    await boot('console', deps);
    const s = store.getState();
    expect(s.screen).toEqual({ name: 'idle' });
    expect(s.session).not.toBeNull();
    expect(s.recentAudit).toBeNull();
    expect(s.storeHealth).toBeNull();
    expect(fake.calls.map((c) => c.method)).not.toContain('admin.recentAudit');
    expect(fake.calls.map((c) => c.method)).not.toContain('device.storeHealth');
  });

  test('R25.1 once they are in, the console reads the audit trail (20 entries) and the store health; a lock forgets both', async () => {
    const { fake, client, store } = setUp();
    await loadConsoleRecords(client, store);
    expect(store.getState().recentAudit?.[0]?.kind).toBe('terminal.started');
    expect(store.getState().storeHealth?.integrity).toBe('ok');
    expect(fake.calls.find((c) => c.method === 'admin.recentAudit')?.args).toEqual([{ limit: 20 }]);
    store.getState().setSession({ admins: [], locked: true });
    expect(store.getState().recentAudit).toBeNull();
    expect(store.getState().storeHealth).toBeNull();
  });
});

describe('refreshes', () => {
  test("a failed refresh keeps today's visits on screen, marked stale", async () => {
    let fail = false;
    const answers = {
      ...defaultAnswers(),
      'visit.listForDay': () =>
        Promise.resolve(fail ? { ok: false as const, error: { code: 'INTERNAL' as const, message: 'x' } } : ok([])),
    };
    const { client, store } = setUp(answers);
    await refreshTodayVisits(client, store, TODAY);
    expect(store.getState().todayVisits).toEqual({ date: TODAY, visits: [], stale: false });
    fail = true;
    await refreshTodayVisits(client, store, TODAY);
    expect(store.getState().todayVisits).toEqual({ date: TODAY, visits: [], stale: true });
  });

  test('refreshAudit reports failure and keeps the last entries', async () => {
    let fail = false;
    const entries = [{ seq: 1, at: 'x', kind: 'terminal.started', hash: 'h' }];
    const answers = {
      ...defaultAnswers(),
      'admin.recentAudit': () =>
        Promise.resolve(fail ? { ok: false as const, error: { code: 'INTERNAL' as const, message: 'x' } } : ok(entries)),
    };
    const { client, store } = setUp(answers);
    expect(await refreshAudit(client, store)).toBe(true);
    fail = true;
    expect(await refreshAudit(client, store)).toBe(false);
    expect(store.getState().recentAudit).toEqual(entries);
  });
});

describe('subscribeToMain', () => {
  test("main's 'sync.status' and 'auth.session' events update the store until unsubscribed", () => {
    const { fake, client, store } = setUp();
    const off = subscribeToMain(client, store);
    expect(fake.listenerCount('sync.status')).toBe(1);
    fake.emit('sync.status', { queuedEvents: 7, lastSuccessAt: null, lastError: '网络中断' });
    fake.emit('auth.session', {
      admins: [{ staffId: 'P001', name: '李警官', loggedInAt: '2026-05-06T01:00:00Z' }],
      locked: false,
    });
    expect(store.getState().syncStatus).toEqual({ queuedEvents: 7, lastSuccessAt: null, lastError: '网络中断' });
    expect(store.getState().session?.admins).toHaveLength(1);
    off();
    expect(fake.listenerCount('sync.status')).toBe(0);
    expect(fake.listenerCount('auth.session')).toBe(0);
    fake.emit('sync.status', { queuedEvents: 8, lastSuccessAt: null, lastError: null });
    expect(store.getState().syncStatus?.queuedEvents).toBe(7);
  });

  test("R18.1 at the visit screen, main's live call takes the window to it; an ended one, or the console window, stay where they are", () => {
    const { fake, client, store } = setUp();
    const call = (phase: string) => ({ visitId: 'V-1', phase });
    store.getState().screenEvent({ type: 'startup-succeeded' });
    const off = subscribeToMain(client, store, 'terminal');
    fake.emit('call.state', call('ended'));
    expect(store.getState().screen).toEqual({ name: 'idle' });
    fake.emit('call.state', call('reconnecting'));
    expect(store.getState().screen).toEqual({ name: 'call', visitId: 'V-1' });
    off();

    const other = setUp();
    other.store.getState().screenEvent({ type: 'startup-succeeded' });
    const offConsole = subscribeToMain(other.client, other.store);
    other.fake.emit('call.state', call('reconnecting'));
    expect(other.store.getState().screen).toEqual({ name: 'idle' });
    offConsole();
  });
});
