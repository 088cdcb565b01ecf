// Small hooks over this window's store, one per field.
import { useSyncExternalStore } from 'react';
import { kioskStore } from './index';
import {
  selectCall,
  selectDisplay,
  selectLastRefusal,
  selectReadiness,
  selectRecentAudit,
  selectRoster,
  selectScreen,
  selectSession,
  selectSite,
  selectStoreHealth,
  selectSyncStatus,
  selectTodayVisits,
} from './selectors';
import type { KioskState } from './state';

/**
 * zustand's useStore, except that the server snapshot is the current state rather than
 * the initial one: nothing is hydrated here, and react-dom/server (the unit tests) should
 * render what the store holds. Selectors must return stable references (they do: fields).
 */
function useKioskState<T>(selector: (s: KioskState) => T): T {
  const snapshot = () => selector(kioskStore.getState());
  return useSyncExternalStore(kioskStore.subscribe, snapshot, snapshot);
}

export const useSite = () => useKioskState(selectSite);
export const useSession = () => useKioskState(selectSession);
export const useScreen = () => useKioskState(selectScreen);
export const useSyncStatus = () => useKioskState(selectSyncStatus);
export const useTodayVisits = () => useKioskState(selectTodayVisits);
export const useRecentAudit = () => useKioskState(selectRecentAudit);
export const useStoreHealth = () => useKioskState(selectStoreHealth);
export const useRoster = () => useKioskState(selectRoster);
export const useReadiness = () => useKioskState(selectReadiness);
export const useLastRefusal = () => useKioskState(selectLastRefusal);
export const useCall = () => useKioskState(selectCall);
export const useDisplay = () => useKioskState(selectDisplay);
