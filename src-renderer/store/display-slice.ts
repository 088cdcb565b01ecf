// Issue #21: large type and the spoken prompts' volume and mute (admin.displaySettings).
import { DEFAULT_DISPLAY_SETTINGS, type DisplaySettings } from '../../src-shared/ipc/display-contract';
import type { SliceCreator } from './state';

export interface DisplaySlice {
  display: DisplaySettings;
  setDisplay(display: DisplaySettings): void;
}

export const createDisplaySlice: SliceCreator<DisplaySlice> = (set) => ({
  display: DEFAULT_DISPLAY_SETTINGS,
  setDisplay: (display) => set({ display }),
});
