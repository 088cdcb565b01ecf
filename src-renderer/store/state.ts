// The whole store's type, assembled from the slices (zustand's slices pattern), and the
// creator type each slice uses so that it can read the others through get().
import type { StateCreator } from 'zustand';
import type { AuditSlice } from './audit-slice';
import type { CallSlice } from './call-slice';
import type { DeskSlice } from './desk-slice';
import type { DeviceSlice } from './device-slice';
import type { DisplaySlice } from './display-slice';
import type { ScheduleSlice } from './schedule-slice';
import type { ScreenSlice } from './screen-slice';
import type { SessionSlice } from './session-slice';
import type { SiteSlice } from './site-slice';
import type { SyncSlice } from './sync-slice';
import type { VisitDaySlice } from './visit-day-slice';

export type KioskState = SiteSlice &
  SessionSlice &
  ScreenSlice &
  SyncSlice &
  ScheduleSlice &
  AuditSlice &
  DeviceSlice &
  VisitDaySlice &
  CallSlice &
  DeskSlice &
  DisplaySlice;

export type SliceCreator<Slice> = StateCreator<KioskState, [], [], Slice>;
