// device.*: the terminal's own health and the equipment check before a visit. storeHealth
// reports what the store found at start, e.g. that a damaged database was moved aside and where to.
import type { KioskServices } from '../../src-shared/ipc/types';
import type { StoreHealthReport } from '../store/open-store';
import type { VisitDay } from './visit-day';

export const createDeviceService = (storeHealth: StoreHealthReport, day: VisitDay): KioskServices['device'] => ({
  storeHealth: () => ({
    schemaVersion: storeHealth.schemaVersion,
    integrity: storeHealth.integrity,
    movedAsideTo: storeHealth.movedAsideTo,
  }),
  equipmentCheck: ({ visitId, ...results }) => day.equipmentCheck(visitId, results),
});
