// Desk mode: who is logged in at this desk, which desk view is open, and the
// organisations the forms name (loaded once after login). Per-view data stays in the views.
import type { DeskStaff, DeskView, DeskSite } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface DeskSlice {
  deskStaff: DeskStaff | null;
  deskView: DeskView;
  deskSites: DeskSite[];
  setDeskStaff(staff: DeskStaff | null): void;
  openDeskView(view: DeskView): void;
  setDeskSites(sites: DeskSite[]): void;
}

export const createDeskSlice: SliceCreator<DeskSlice> = (set) => ({
  deskStaff: null,
  deskView: { name: 'queue' },
  deskSites: [],
  // Logging out (or in as someone else) starts again at the queue: nothing of the last clerk stays open.
  setDeskStaff: (deskStaff) => set({ deskStaff, deskView: { name: 'queue' } }),
  openDeskView: (deskView) => set({ deskView }),
  setDeskSites: (deskSites) => set({ deskSites }),
});
