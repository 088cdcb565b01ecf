// auth.*: the administrators' login and session (R25.1 dual-administrator supervision).
import type { KioskServices } from '../../src-shared/ipc/types';
import type { AdminSessionState } from './admin-session';
import type { VisitDay } from './visit-day';

export const createAuthService = (session: Pick<AdminSessionState, 'snapshot'>, day: VisitDay): KioskServices['auth'] => ({
  session: () => session.snapshot(),
  login: ({ username, password }) => day.login(username, password),
  logout: ({ staffId }) => day.logout(staffId),
  lock: () => day.lock(),
  activity: () => day.activity(),
});
