// Runs inside the page before the renderer loads (bundled by esbuild, added with
// addInitScript). It builds window.kiosk with the SAME builder as the Electron preload,
// over a Playwright binding instead of ipcRenderer, so the renderer cannot tell the difference.
import { buildKioskApi } from '../../../src-main/preload/build-api';
import type { IpcResult } from '../../../src-shared/ipc/result';
import type { KioskApi } from '../../../src-shared/ipc/types';

interface BridgeWindow {
  __kioskInvoke(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  __kioskEmit?: (channel: string, payload: unknown) => void;
  kiosk?: KioskApi;
}

const w = window as unknown as BridgeWindow;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

w.__kioskEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

w.kiosk = buildKioskApi({
  invoke: (channel, args) => w.__kioskInvoke(channel, args),
  subscribe: (channel, listener) => {
    const set = listeners.get(channel) ?? new Set();
    set.add(listener);
    listeners.set(channel, set);
    return () => set.delete(listener);
  },
});
