// ONE store for the renderer, built from the slices. createKioskStore makes a fresh one
// (tests); kioskStore is the instance this window uses.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createAuditSlice } from './audit-slice';
import { createCallSlice } from './call-slice';
import { createDeskSlice } from './desk-slice';
import { createDeviceSlice } from './device-slice';
import { createDisplaySlice } from './display-slice';
import { createScheduleSlice } from './schedule-slice';
import { createScreenSlice } from './screen-slice';
import { createSessionSlice } from './session-slice';
import { createSiteSlice } from './site-slice';
import type { KioskState } from './state';
import { createSyncSlice } from './sync-slice';
import { createVisitDaySlice } from './visit-day-slice';

export type KioskStore = StoreApi<KioskState>;
export type { KioskState } from './state';

export const createKioskStore = (): KioskStore =>
  createStore<KioskState>()((...a) => ({
    ...createSiteSlice(...a),
    ...createSessionSlice(...a),
    ...createScreenSlice(...a),
    ...createSyncSlice(...a),
    ...createScheduleSlice(...a),
    ...createAuditSlice(...a),
    ...createDeviceSlice(...a),
    ...createVisitDaySlice(...a),
    ...createCallSlice(...a),
    ...createDeskSlice(...a),
    ...createDisplaySlice(...a),
  }));

export const kioskStore: KioskStore = createKioskStore();
