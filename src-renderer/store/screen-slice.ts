// Which screen the terminal shows, driven by application state, not by a router.
// To add a screen (login, check-in, visit…): add a member to Screen, the events that lead
// to it in nextScreen, and its component in screens/registry.tsx (the compiler asks for it).
import type { IpcErrorCode } from '../../src-shared/ipc/result';
import type { SliceCreator } from './state';

/** Why the terminal could not start, in terms the error screen can explain. */
export type StartupProblem =
  | { kind: 'no-kiosk' }
  | { kind: 'call-failed'; method: string; code: IpcErrorCode; message: string };

export type Screen =
  | { name: 'starting' }
  | { name: 'startup-error'; problem: StartupProblem }
  /** The default when no visit is active: notice, workflow, today's visits. */
  | { name: 'idle' };

export type ScreenName = Screen['name'];

export type ScreenEvent =
  | { type: 'startup-succeeded' }
  | { type: 'startup-failed'; problem: StartupProblem }
  | { type: 'retry-startup' };

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
