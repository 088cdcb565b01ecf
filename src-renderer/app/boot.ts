// Start-up for both windows: read what the screen needs from main, then leave the
// 'starting' screen. Any failed call becomes a StartupProblem the error screen explains.
import { KioskCallError, type KioskClient } from '../kiosk-client';
import type { Language } from '../kiosk-types';
import type { KioskStore } from '../store';
import type { StartupProblem } from '../store/screen-slice';

export interface BootDeps {
  client: KioskClient | null;
  store: KioskStore;
  /** Switches the UI language (i18next); awaited so the first screen is already translated. */
  setLanguage(language: Language): Promise<unknown>;
  /** Today's local date, YYYY-MM-DD. */
  today: string;
}

export type WindowKind = 'terminal' | 'console';

/** How many audit entries the console shows. */
export const RECENT_AUDIT_LIMIT = 20;

export function problemOf(error: unknown): StartupProblem {
  if (error instanceof KioskCallError)
    return { kind: 'call-failed', method: error.method, code: error.code, message: error.message };
  return { kind: 'call-failed', method: '', code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export async function boot(kind: WindowKind, { client, store, setLanguage, today }: BootDeps): Promise<void> {
  const { screenEvent } = store.getState();
  if (!client) {
    screenEvent({ type: 'startup-failed', problem: { kind: 'no-kiosk' } });
    return;
  }
  try {
    const site = await client.admin.siteInfo();
    await setLanguage(site.language);
    const s = store.getState();
    s.setSite(site);
    await loadDisplay(client, store);
    if (kind === 'terminal') {
      const [session, sync, visits] = await Promise.all([
        client.auth.session(),
        client.sync.status(),
        client.visit.listForDay({ date: today }),
      ]);
      s.setSession(session);
      s.setSyncStatus(sync);
      s.setTodayVisits(today, visits);
      // R18.1: a window reloaded mid-visit goes back to the call, which rejoins.
      const call = await liveCall(client);
      if (call) {
        s.setCall(call);
        screenEvent({ type: 'startup-succeeded' });
        screenEvent({ type: 'call-resumed', visitId: call.visitId });
        return;
      }
    } else {
      // R25.1: only what the login needs; the console's records load once two administrators are in.
      const [session, sync] = await Promise.all([client.auth.session(), client.sync.status()]);
      s.setSession(session);
      s.setSyncStatus(sync);
    }
    screenEvent({ type: 'startup-succeeded' });
  } catch (error) {
    screenEvent({ type: 'startup-failed', problem: problemOf(error) });
  }
}

/** Issue #21: large type and speech; a failed read keeps the defaults and never blocks start-up. */
export async function loadDisplay(client: KioskClient, store: KioskStore): Promise<void> {
  try {
    store.getState().setDisplay(await client.admin.displaySettings());
  } catch {
    // The defaults stay (normal type, speech on).
  }
}

/** Main's call still running (not ended), if any; a failed look-up never blocks start-up. */
async function liveCall(client: KioskClient) {
  try {
    const call = await client.call.current();
    return call && call.phase !== 'ended' ? call : null;
  } catch {
    return null;
  }
}

/** Re-reads today's visits; a failure keeps the last list, marked stale, on screen. */
export async function refreshTodayVisits(client: KioskClient, store: KioskStore, today: string): Promise<void> {
  try {
    const visits = await client.visit.listForDay({ date: today });
    store.getState().setTodayVisits(today, visits);
  } catch {
    store.getState().markVisitsStale();
  }
}

/** The console's records, read once two administrators are in (R25.1); a failure leaves the panels empty. */
export async function loadConsoleRecords(client: KioskClient, store: KioskStore): Promise<void> {
  const [health] = await Promise.all([client.device.storeHealth().catch(() => null), refreshAudit(client, store)]);
  if (health) store.getState().setStoreHealth(health);
}

/** Re-reads the console's audit trail; returns false when it failed (the last list stays). */
export async function refreshAudit(client: KioskClient, store: KioskStore): Promise<boolean> {
  try {
    store.getState().setRecentAudit(await client.admin.recentAudit({ limit: RECENT_AUDIT_LIMIT }));
    return true;
  } catch {
    return false;
  }
}

/** Keeps the store in step with main's pushed events; returns one unsubscribe for all. */
export function subscribeToMain(client: KioskClient, store: KioskStore, kind: WindowKind = 'console'): () => void {
  const offs = [
    client.on('sync.status', (status) => store.getState().setSyncStatus(status)),
    client.on('auth.session', (session) => store.getState().setSession(session)),
    client.on('display.settings', (display) => store.getState().setDisplay(display)),
    client.on('call.state', (call) => {
      const s = store.getState();
      s.setCall(call);
      // R18.1: a live call main brought back (e.g. restored after a restart while this window
      // was already past start-up) takes the visit screen back to it.
      if (kind === 'terminal' && call.phase !== 'ended' && s.screen.name !== 'starting')
        s.screenEvent({ type: 'call-resumed', visitId: call.visitId });
    }),
  ];
  return () => {
    for (const off of offs) off();
  };
}
