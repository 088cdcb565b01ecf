// The administrators logged in on this terminal (auth.session and the 'auth.session' event).
import type { AdminSession } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface SessionSlice {
  session: AdminSession | null;
  setSession(session: AdminSession): void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  session: null,
  setSession: (session) => set({ session }),
});
