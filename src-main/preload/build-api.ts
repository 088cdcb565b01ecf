// Builds window.kiosk from the contract over any transport: Electron's ipcRenderer in the
// real preload, a Playwright binding in the e2e harness. Only contract channels exist on
// the object, so the renderer cannot reach any other IPC channel.
import { channelOf, EVENT_CHANNEL_PREFIX, kioskContract, kioskEvents } from '../../src-shared/ipc/contract';
import type { KioskApi, KioskTransport } from '../../src-shared/ipc/types';

export function buildKioskApi(transport: KioskTransport): KioskApi {
  const api: Record<string, unknown> = {};
  for (const [ns, methods] of Object.entries(kioskContract)) {
    const target: Record<string, (args?: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(methods)) {
      const channel = channelOf(ns, name);
      target[name] = (args?: unknown) => transport.invoke(channel, args);
    }
    api[ns] = Object.freeze(target);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!Object.hasOwn(kioskEvents, event)) throw new Error(`未知事件：${event}`);
    return transport.subscribe(`${EVENT_CHANNEL_PREFIX}${event}`, listener);
  };
  return Object.freeze(api) as unknown as KioskApi;
}
