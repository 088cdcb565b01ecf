// The administrators logged in on this terminal (auth.session and the 'auth.session' event).
// R25.1: when it locks, what the console read for the two administrators is forgotten.
import type { AdminSession } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface SessionSlice {
  session: AdminSession | null;
  setSession(session: AdminSession): void;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set) => ({
  session: null,
  setSession: (session) => set(session.locked ? { session, recentAudit: null, storeHealth: null } : { session }),
});
