// One selector per field: components subscribe to exactly what they show.
import type { KioskState } from './state';

export const selectSite = (s: KioskState) => s.site;
export const selectSession = (s: KioskState) => s.session;
export const selectScreen = (s: KioskState) => s.screen;
export const selectSyncStatus = (s: KioskState) => s.syncStatus;
export const selectTodayVisits = (s: KioskState) => s.todayVisits;
export const selectRecentAudit = (s: KioskState) => s.recentAudit;
export const selectStoreHealth = (s: KioskState) => s.storeHealth;
export const selectRoster = (s: KioskState) => s.roster;
export const selectReadiness = (s: KioskState) => s.readiness;
export const selectLastRefusal = (s: KioskState) => s.lastRefusal;
export const selectCall = (s: KioskState) => s.call;
export const selectDisplay = (s: KioskState) => s.display;
