// auth.*: the administrators' session (R25.1 dual-administrator supervision).
import type { KioskServices } from '../../src-shared/ipc/types';
import type { ServiceContext } from './context';

export const createAuthService = (ctx: ServiceContext): Pick<KioskServices['auth'], 'session'> => ({
  session: () => ctx.session.snapshot(),
});
