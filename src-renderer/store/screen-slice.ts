// Which screen the terminal shows, driven by application state, not by a router.
// To add a screen (login, check-in, visit…): add a member to Screen, the events that lead
// to it in nextScreen, and its component in screens/registry.tsx (the compiler asks for it).
import type { IpcErrorCode } from '../../src-shared/ipc/result';
import type { SliceCreator } from './state';

/** Why the terminal could not start, in terms the error screen can explain. */
export type StartupProblem = { kind: 'no-kiosk' } | { kind: 'call-failed'; method: string; code: IpcErrorCode; message: string };

export type Screen =
  | { name: 'starting' }
  | { name: 'startup-error'; problem: StartupProblem }
  /** The default when no visit is active: notice, workflow, today's visits. */
  | { name: 'idle' }
  /** R25.1: two administrators log in (screens/visit-day). */
  | { name: 'login' }
  /** Today's visits in this room, to pick the one to prepare. */
  | { name: 'visits' }
  /** The steps before a visit starts, one screen each (R11.1, R12.1/R19.1, R12.1, readiness). */
  | { name: 'checkin'; visitId: string }
  | { name: 'prepare'; visitId: string }
  | { name: 'equipment'; visitId: string }
  | { name: 'readiness'; visitId: string }
  /** The visit itself, as the visitors and the inmate see it (nothing to touch). */
  | { name: 'call'; visitId: string };

export const VISIT_STEPS = ['checkin', 'prepare', 'equipment', 'readiness'] as const;
export type VisitStepName = (typeof VISIT_STEPS)[number];

export type ScreenName = Screen['name'];

export type ScreenEvent =
  | { type: 'startup-succeeded' }
  | { type: 'startup-failed'; problem: StartupProblem }
  | { type: 'retry-startup' }
  | { type: 'login-requested' }
  | { type: 'login-cancelled' }
  | { type: 'admins-ready' }
  | { type: 'visit-selected'; visitId: string }
  | { type: 'step-selected'; step: VisitStepName; visitId: string }
  | { type: 'back-to-visits' }
  /** The session locked (on demand, after inactivity, or an administrator logged out). */
  | { type: 'session-locked' }
  /** The call was joined from the readiness screen; and left after it ended. */
  | { type: 'call-joined'; visitId: string }
  | { type: 'call-closed' }
  /** R18.1: the window started (e.g. reloaded) while main still runs a call: back to it. */
  | { type: 'call-resumed'; visitId: string };

const ADMIN_SCREENS: ReadonlySet<ScreenName> = new Set<ScreenName>(['visits', ...VISIT_STEPS]);

/** The transition table, pure so it can be tested on its own. Unlisted pairs keep the screen. */
export function nextScreen(screen: Screen, event: ScreenEvent): Screen {
  switch (event.type) {
    case 'startup-succeeded':
      return screen.name === 'starting' ? { name: 'idle' } : screen;
    case 'startup-failed':
      // Only start-up itself fails this way; a later failed refresh must not blank the idle screen.
      return screen.name === 'starting' ? { name: 'startup-error', problem: event.problem } : screen;
    case 'retry-startup':
      return screen.name === 'startup-error' ? { name: 'starting' } : screen;
    case 'login-requested':
      return screen.name === 'idle' ? { name: 'login' } : screen;
    case 'login-cancelled':
      return screen.name === 'login' ? { name: 'idle' } : screen;
    case 'admins-ready':
      return screen.name === 'login' ? { name: 'visits' } : screen;
    case 'visit-selected':
      return screen.name === 'visits' ? { name: 'checkin', visitId: event.visitId } : screen;
    case 'step-selected':
      return ADMIN_SCREENS.has(screen.name) ? { name: event.step, visitId: event.visitId } : screen;
    case 'back-to-visits':
      return ADMIN_SCREENS.has(screen.name) ? { name: 'visits' } : screen;
    case 'session-locked':
      return ADMIN_SCREENS.has(screen.name) ? { name: 'login' } : screen;
    case 'call-joined':
      return screen.name === 'readiness' ? { name: 'call', visitId: event.visitId } : screen;
    case 'call-closed':
      return screen.name === 'call' ? { name: 'visits' } : screen;
    case 'call-resumed':
      return screen.name === 'idle' || screen.name === 'login' || ADMIN_SCREENS.has(screen.name)
        ? { name: 'call', visitId: event.visitId }
        : screen;
  }
}

export interface ScreenSlice {
  screen: Screen;
  screenEvent(event: ScreenEvent): void;
}

export const createScreenSlice: SliceCreator<ScreenSlice> = (set) => ({
  screen: { name: 'starting' },
  screenEvent: (event) =>
    set((s) => {
      const screen = nextScreen(s.screen, event);
      // Returning the state itself tells zustand nothing changed (no listeners called).
      return screen === s.screen ? s : { screen };
    }),
});
