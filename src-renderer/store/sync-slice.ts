// The outbox's state towards the central store (sync.status and the 'sync.status' event).
import type { SyncStatus } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  setSyncStatus(status: SyncStatus): void;
}

export const createSyncSlice: SliceCreator<SyncSlice> = (set) => ({
  syncStatus: null,
  setSyncStatus: (syncStatus) => set({ syncStatus }),
});
