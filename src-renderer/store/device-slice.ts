// The local store's health at start-up (device.storeHealth): a database recovered from
// corruption must be visible to the administrators, not only in a log file.
import type { StoreHealth } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface DeviceSlice {
  storeHealth: StoreHealth | null;
  setStoreHealth(health: StoreHealth): void;
}

export const createDeviceSlice: SliceCreator<DeviceSlice> = (set) => ({
  storeHealth: null,
  setStoreHealth: (storeHealth) => set({ storeHealth }),
});
