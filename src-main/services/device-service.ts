// device.*: the terminal's own health. storeHealth reports what the store found at start,
// e.g. that a damaged database was moved aside and where to.
import type { KioskServices } from '../../src-shared/ipc/types';
import type { ServiceContext } from './context';

export const createDeviceService = (ctx: ServiceContext): Pick<KioskServices['device'], 'storeHealth'> => ({
  storeHealth: () => ({
    schemaVersion: ctx.storeHealth.schemaVersion,
    integrity: ctx.storeHealth.integrity,
    movedAsideTo: ctx.storeHealth.movedAsideTo,
  }),
});
