// The latest audit-log entries, for the supervision console (admin.recentAudit).
import type { AuditEntry } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface AuditSlice {
  recentAudit: readonly AuditEntry[] | null;
  setRecentAudit(entries: readonly AuditEntry[]): void;
}

export const createAuditSlice: SliceCreator<AuditSlice> = (set) => ({
  recentAudit: null,
  setRecentAudit: (entries) => set({ recentAudit: entries }),
});
