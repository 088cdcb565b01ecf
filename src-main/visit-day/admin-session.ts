// Who is logged in at this terminal. In memory on purpose: a restart logs everyone out.
// R25.1: the terminal stays locked until at least two administrators are logged in.
import type { z } from 'zod';
import type { adminSessionSchema } from '../../src-shared/ipc/contract';

export type AdminSession = z.infer<typeof adminSessionSchema>;
export type LoggedInAdmin = AdminSession['admins'][number];

export const REQUIRED_ADMINS = 2;

/**
 * What the dispatcher asks before any service runs: are enough administrators logged in?
 * An inactivity lock logs everyone out, so a locked terminal has nobody for either level.
 */
export function adminsPresent(session: AdminSession, level: 'one-admin' | 'two-admins'): boolean {
  if (level === 'one-admin') return session.admins.length >= 1;
  return !session.locked && session.admins.length >= REQUIRED_ADMINS;
}

export interface AdminSessionState {
  snapshot(): AdminSession;
  /** Replaces the logged-in administrators (admin-auth.ts: login, logout, lock). */
  setAdmins(admins: readonly LoggedInAdmin[]): AdminSession;
}

export function createAdminSessionState(onChange: (session: AdminSession) => void = () => undefined): AdminSessionState {
  let admins: LoggedInAdmin[] = [];
  const snapshot = (): AdminSession => ({ admins: admins.map((a) => ({ ...a })), locked: admins.length < REQUIRED_ADMINS });
  return {
    snapshot,
    setAdmins(next) {
      admins = next.map((a) => ({ ...a }));
      const session = snapshot();
      onChange(session);
      return session;
    },
  };
}
