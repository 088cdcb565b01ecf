// The visit call: main's latest call state, pushed as `call.state` events.
import type { CallState } from '../../src-shared/signaling/call-schemas';
import type { SliceCreator } from './state';

export interface CallSlice {
  call: CallState | null;
  setCall(call: CallState | null): void;
}

export const createCallSlice: SliceCreator<CallSlice> = (set) => ({
  call: null,
  setCall: (call) => set({ call }),
});
