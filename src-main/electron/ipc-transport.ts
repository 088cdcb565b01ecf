// The preload's transport over ipcRenderer, kept free of runtime 'electron' imports so
// tests can check it with a fake: listeners never see the IpcRendererEvent (it carries
// `sender`, which must not reach the page), and every subscribe returns its unsubscribe.
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { fail, type IpcResult } from '../../src-shared/ipc/result';
import type { KioskTransport } from '../../src-shared/ipc/types';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createIpcTransport(ipcRenderer: IpcRendererLike): KioskTransport {
  return {
    async invoke(channel, args) {
      try {
        return (await ipcRenderer.invoke(channel, args)) as IpcResult<unknown>;
      } catch {
        // Only when main has no handler (e.g. during shutdown): still a typed result.
        return fail('INTERNAL', '终端主进程未响应，请稍后重试。');
      }
    },
    subscribe(channel, listener) {
      const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  };
}
