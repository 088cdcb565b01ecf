// The renderer's store: one store from slices, the screen transition table, one selector per field.
import { describe, expect, test } from 'vitest';
import { createKioskStore } from '../../../src-renderer/store';
import { nextScreen, type Screen, type StartupProblem } from '../../../src-renderer/store/screen-slice';
import * as selectors from '../../../src-renderer/store/selectors';
import type { SiteInfo, VisitSummary } from '../../../src-renderer/kiosk-types';

const site: SiteInfo = {
  terminalId: 'T1',
  siteName: '云南省第一监狱',
  siteKind: 'prison',
  roomName: '1号会见室',
  appVersion: '0.1.0',
  language: 'zh-CN',
  mode: 'kiosk',
};
const problem: StartupProblem = { kind: 'call-failed', method: 'admin.siteInfo', code: 'INTERNAL', message: '磁盘已满' };
const visit = (visitId: string, startTime: string): VisitSummary => ({
  visitId,
  date: '2026-05-06',
  startTime,
  minutes: 30,
  inmateName: '张三',
  visitorCount: 2,
  status: 'scheduled',
});

describe('screen transitions (nextScreen)', () => {
  const starting: Screen = { name: 'starting' };
  const idle: Screen = { name: 'idle' };
  const failed: Screen = { name: 'startup-error', problem };

  test('starting → idle when start-up succeeds', () => {
    expect(nextScreen(starting, { type: 'startup-succeeded' })).toEqual(idle);
  });

  test('starting → startup-error, carrying the problem, when start-up fails', () => {
    expect(nextScreen(starting, { type: 'startup-failed', problem })).toEqual(failed);
    expect(nextScreen(starting, { type: 'startup-failed', problem: { kind: 'no-kiosk' } })).toEqual({
      name: 'startup-error',
      problem: { kind: 'no-kiosk' },
    });
  });

  test('startup-error → starting on retry', () => {
    expect(nextScreen(failed, { type: 'retry-startup' })).toEqual(starting);
  });

  test('a failure after start-up does not blank the idle screen', () => {
    expect(nextScreen(idle, { type: 'startup-failed', problem })).toBe(idle);
  });

  test('events that do not apply keep the same screen object', () => {
    expect(nextScreen(idle, { type: 'retry-startup' })).toBe(idle);
    expect(nextScreen(idle, { type: 'startup-succeeded' })).toBe(idle);
    expect(nextScreen(failed, { type: 'startup-succeeded' })).toBe(failed);
    expect(nextScreen(starting, { type: 'retry-startup' })).toBe(starting);
  });
});

describe('the store', () => {
  test('starts on the starting screen with nothing loaded', () => {
    const s = createKioskStore().getState();
    expect(s.screen).toEqual({ name: 'starting' });
    expect([s.site, s.session, s.syncStatus, s.todayVisits, s.recentAudit, s.storeHealth]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  test('each createKioskStore() is independent', () => {
    const a = createKioskStore();
    const b = createKioskStore();
    a.getState().setSite(site);
    expect(b.getState().site).toBeNull();
  });

  test('screenEvent applies the transition table and notifies only on change', () => {
    const store = createKioskStore();
    let notified = 0;
    store.subscribe(() => notified++);
    store.getState().screenEvent({ type: 'retry-startup' }); // not applicable on 'starting'
    expect(notified).toBe(0);
    store.getState().screenEvent({ type: 'startup-failed', problem });
    expect(store.getState().screen).toEqual({ name: 'startup-error', problem });
    store.getState().screenEvent({ type: 'retry-startup' });
    store.getState().screenEvent({ type: 'startup-succeeded' });
    expect(store.getState().screen).toEqual({ name: 'idle' });
    expect(notified).toBe(3);
  });

  test("today's visits are kept sorted by start time, and marked stale without losing them", () => {
    const store = createKioskStore();
    store.getState().setTodayVisits('2026-05-06', [visit('b', '14:30'), visit('a', '09:00'), visit('c', '10:00')]);
    const first = store.getState().todayVisits;
    expect(first?.visits.map((v) => v.visitId)).toEqual(['a', 'c', 'b']);
    expect(first?.stale).toBe(false);
    store.getState().markVisitsStale();
    expect(store.getState().todayVisits).toEqual({ ...first, stale: true });
    store.getState().setTodayVisits('2026-05-07', []);
    expect(store.getState().todayVisits).toEqual({ date: '2026-05-07', visits: [], stale: false });
  });

  test('marking an unread list stale does nothing', () => {
    const store = createKioskStore();
    store.getState().markVisitsStale();
    expect(store.getState().todayVisits).toBeNull();
  });
});

describe('selectors: one per field', () => {
  test('each selector returns its field, by reference', () => {
    const store = createKioskStore();
    const s = store.getState();
    s.setSite(site);
    s.setSession({ admins: [], locked: true });
    s.setSyncStatus({
      queuedEvents: 2,
      lastSuccessAt: null,
      lastError: null,
      state: 'idle',
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    });
    s.setTodayVisits('2026-05-06', [visit('a', '09:00')]);
    s.setRecentAudit([{ seq: 1, at: '2026-05-06T01:00:00Z', kind: 'terminal.started', hash: 'ab' }]);
    s.setStoreHealth({ schemaVersion: 1, integrity: 'ok', movedAsideTo: null });
    const state = store.getState();
    expect(selectors.selectSite(state)).toBe(state.site);
    expect(selectors.selectSession(state)).toBe(state.session);
    expect(selectors.selectScreen(state)).toBe(state.screen);
    expect(selectors.selectSyncStatus(state)).toBe(state.syncStatus);
    expect(selectors.selectTodayVisits(state)).toBe(state.todayVisits);
    expect(selectors.selectRecentAudit(state)).toBe(state.recentAudit);
    expect(selectors.selectStoreHealth(state)).toBe(state.storeHealth);
  });

  test('a selector gives the same value for an unrelated update (no needless re-render)', () => {
    const store = createKioskStore();
    store.getState().setTodayVisits('2026-05-06', [visit('a', '09:00')]);
    const before = selectors.selectTodayVisits(store.getState());
    store.getState().setSyncStatus({
      queuedEvents: 5,
      lastSuccessAt: null,
      lastError: 'offline',
      state: 'offline',
      unsentAuditEntries: 0,
      alarm: null,
      nextAttemptAt: null,
      uploads: [],
    });
    expect(selectors.selectTodayVisits(store.getState())).toBe(before);
  });
});
