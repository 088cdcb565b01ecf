// The renderer's only door to main: window.kiosk (built by the preload in Electron, by the
// test process in the e2e harness). This wrapper turns each IpcResult into a plain value,
// or throws a KioskCallError carrying the typed error, so screens handle one failure path.
import type { IpcError, IpcErrorCode, IpcResult } from '../src-shared/ipc/result';
import type { KioskApi } from '../src-shared/ipc/types';

declare global {
  interface Window {
    /** Absent when the page is opened outside the terminal (no preload, no harness). */
    kiosk?: KioskApi;
  }
}

type Namespace = Exclude<keyof KioskApi, 'on'>;

type Unwrapped<F> = F extends (...args: infer A) => Promise<IpcResult<infer T>> ? (...args: A) => Promise<T> : never;

/** window.kiosk with every method returning its value (or throwing KioskCallError). */
export type KioskClient = {
  readonly [N in Namespace]: { readonly [M in keyof KioskApi[N]]: Unwrapped<KioskApi[N][M]> };
} & { readonly on: KioskApi['on'] };

export class KioskCallError extends Error {
  readonly code: IpcErrorCode;
  readonly issues: NonNullable<IpcError['issues']>;
  /** The channel-like name of the call, e.g. "admin.siteInfo", for the administrator. */
  readonly method: string;

  constructor(method: string, error: IpcError) {
    super(error.message);
    this.name = 'KioskCallError';
    this.method = method;
    this.code = error.code;
    this.issues = error.issues ?? [];
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Unwraps one IpcResult; anything that is not one is main's fault, reported as INTERNAL.
 * Messages made here are technical details for the administrator; screens show a
 * translated explanation chosen by the error code, with the message beneath it.
 */
export function unwrap<T>(method: string, result: IpcResult<T>): T {
  const r: unknown = result;
  if (isRecord(r) && r.ok === true && 'value' in r) return r.value as T;
  if (
    isRecord(r) &&
    r.ok === false &&
    isRecord(r.error) &&
    typeof r.error.code === 'string' &&
    typeof r.error.message === 'string'
  ) {
    throw new KioskCallError(method, r.error as IpcError);
  }
  throw new KioskCallError(method, { code: 'INTERNAL', message: `${method}: the reply is not an IpcResult` });
}

/** Awaits a raw call; a rejected promise (transport broken) becomes an INTERNAL error too. */
export async function call<T>(method: string, pending: () => Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await pending();
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new KioskCallError(method, { code: 'INTERNAL', message: `${method}: ${detail}` });
  }
  return unwrap(method, result);
}

/** Finds window.kiosk, or null when the page runs without the terminal behind it. */
export function findKiosk(
  scope: { kiosk?: unknown } | undefined = typeof window === 'undefined' ? undefined : window,
): KioskApi | null {
  const kiosk = scope?.kiosk;
  if (!isRecord(kiosk) || typeof kiosk.on !== 'function') return null;
  return kiosk as KioskApi;
}

/**
 * Wraps a KioskApi. Methods are looked up at call time, so a method missing from the
 * object (an older preload) fails that one call with UNKNOWN_METHOD, not the whole page.
 */
export function createKioskClient(api: KioskApi): KioskClient {
  const raw = api as unknown as Record<
    string,
    Record<string, ((...args: unknown[]) => Promise<IpcResult<unknown>>) | undefined> | undefined
  >;
  const namespaces = new Map<string, object>();
  const namespace = (ns: string): object => {
    let wrapped = namespaces.get(ns);
    if (!wrapped) {
      wrapped = new Proxy(
        {},
        {
          get: (_target, name) => {
            // 'then' stays undefined so that awaiting a namespace by mistake is harmless.
            if (typeof name !== 'string' || name === 'then') return undefined;
            const method = `${ns}.${name}`;
            return (...args: unknown[]) =>
              call(method, () => {
                const target = raw[ns];
                const fn = target?.[name];
                if (typeof fn !== 'function') {
                  return Promise.resolve({
                    ok: false,
                    error: { code: 'UNKNOWN_METHOD', message: `${method}: not provided by window.kiosk` },
                  } as const);
                }
                return fn.apply(target, args);
              });
          },
        },
      );
      namespaces.set(ns, wrapped);
    }
    return wrapped;
  };
  return new Proxy({} as KioskClient, {
    get: (_target, ns) => {
      if (ns === 'on') return api.on.bind(api);
      return typeof ns === 'string' && ns !== 'then' ? namespace(ns) : undefined;
    },
  });
}
