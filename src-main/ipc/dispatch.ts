// Routes one IPC call to its service: looks the channel up in the contract, validates the
// arguments with the contract's schema, asks the access gate whether the method's declared
// requirement is met (R25.1: refused with NOT_AUTHORISED before any service runs), runs the
// service, and turns every failure into a typed error. It never throws, so a malformed call
// cannot crash main.
import type { z } from 'zod';
import { CHANNEL_PREFIX, kioskContract, type MethodSpec } from '../../src-shared/ipc/contract';
import { fail, ok, ServiceError, type IpcError, type IpcResult } from '../../src-shared/ipc/result';
import type { KioskServices } from '../../src-shared/ipc/types';
import type { AccessGate } from './access-gate';

export type Dispatch = (channel: unknown, args: unknown) => Promise<IpcResult<unknown>>;

export interface DispatchOptions {
  /** Called for failures that are bugs rather than bad input, so they reach the log. */
  onInternalError?: (channel: string, error: unknown) => void;
}

const issuesOf = (error: z.ZodError): NonNullable<IpcError['issues']> =>
  error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(参数)', message: issue.message }));

interface Route {
  channel: string;
  ns: string;
  name: string;
  spec: MethodSpec;
}

// Own properties only: '__proto__' or 'constructor' must not reach Object.prototype.
const lookup = (channel: unknown): Route | undefined => {
  if (typeof channel !== 'string' || !channel.startsWith(CHANNEL_PREFIX)) return undefined;
  const [ns, name, ...rest] = channel.slice(CHANNEL_PREFIX.length).split('.');
  if (!ns || !name || rest.length > 0 || !Object.hasOwn(kioskContract, ns)) return undefined;
  const namespace = kioskContract[ns as keyof typeof kioskContract] as Record<string, MethodSpec>;
  const spec = Object.hasOwn(namespace, name) ? namespace[name] : undefined;
  return spec ? { channel, ns, name, spec } : undefined;
};

/** What a dispatcher needs from the running terminal: its services and its access gate. */
export interface DispatchTarget {
  readonly services: KioskServices;
  readonly access: AccessGate;
}

export function createDispatcher({ services, access }: DispatchTarget, options: DispatchOptions = {}): Dispatch {
  return async (channel, args) => {
    const route = lookup(channel);
    if (!route) return fail('UNKNOWN_METHOD', `没有这个功能：${String(channel).slice(0, 80)}`);
    const { spec, ns, name } = route;
    const parsed = spec.args.safeParse(args);
    if (!parsed.success) return fail('INVALID_ARGUMENT', '参数不正确，未做任何更改。', issuesOf(parsed.error));
    let refused: IpcError | null;
    try {
      refused = access.check(spec.access, parsed.data);
    } catch (error) {
      // A gate that cannot decide refuses: never run a service on a failed check.
      options.onInternalError?.(route.channel, error);
      return fail('INTERNAL', '终端内部错误，操作未完成，请重试或联系技术支持。');
    }
    if (refused) return { ok: false, error: refused };
    const fn = (services as unknown as Record<string, Record<string, (a: unknown) => unknown>>)[ns]?.[name];
    if (!fn) return fail('UNKNOWN_METHOD', `功能尚未实现：${ns}.${name}`);
    try {
      const value = await fn(parsed.data);
      // The result is checked too: main must never hand the renderer a shape it did not promise.
      const checked = spec.result.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(route.channel, checked.error);
        return fail('INTERNAL', '终端内部错误：返回数据不符合约定，请联系技术支持。');
      }
      return ok(checked.data);
    } catch (error) {
      if (error instanceof ServiceError) return fail(error.code, error.message);
      options.onInternalError?.(route.channel, error);
      return fail('INTERNAL', '终端内部错误，操作未完成，请重试或联系技术支持。');
    }
  };
}
