// Which site and room this terminal serves (from admin.siteInfo).
import type { SiteInfo } from '../kiosk-types';
import type { SliceCreator } from './state';

export interface SiteSlice {
  site: SiteInfo | null;
  setSite(site: SiteInfo): void;
}

export const createSiteSlice: SliceCreator<SiteSlice> = (set) => ({
  site: null,
  setSite: (site) => set({ site }),
});
