// Types derived from the contract, for the three sides that use it.
import type { z } from 'zod';
import type { KioskContract, KioskEventName, KioskEventPayload, MethodSpec } from './contract';
import type { IpcResult } from './result';

type Args<M> = M extends MethodSpec<infer A, z.ZodType> ? z.infer<A> : never;
type Res<M> = M extends MethodSpec<z.ZodType, infer R> ? z.infer<R> : never;

/** What main implements: plain services, one function per method. */
export type KioskServices = {
  [N in keyof KioskContract]: {
    [M in keyof KioskContract[N]]: (
      args: Args<KioskContract[N][M]>,
    ) => Promise<Res<KioskContract[N][M]>> | Res<KioskContract[N][M]>;
  };
};

/** What the renderer sees as window.kiosk. A method without arguments is called with none. */
export type KioskApi = {
  [N in keyof KioskContract]: {
    [M in keyof KioskContract[N]]: Args<KioskContract[N][M]> extends undefined
      ? () => Promise<IpcResult<Res<KioskContract[N][M]>>>
      : (args: Args<KioskContract[N][M]>) => Promise<IpcResult<Res<KioskContract[N][M]>>>;
  };
} & {
  /** Subscribe to an event from main; returns the unsubscribe. */
  on<E extends KioskEventName>(event: E, listener: (payload: KioskEventPayload<E>) => void): () => void;
};

/** The two primitives a transport must provide (Electron's ipcRenderer, or the e2e harness's binding). */
export interface KioskTransport {
  invoke(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}
