// A window.kiosk stand-in for renderer unit tests: every method answers from a table of
// IpcResults (or a thrown value), and events can be pushed by the test.
import type { IpcResult } from '../../../src-shared/ipc/result';
import type { KioskApi } from '../../../src-shared/ipc/types';

export type Answers = Record<string, IpcResult<unknown> | (() => Promise<IpcResult<unknown>>)>;

export interface FakeKiosk {
  api: KioskApi;
  calls: Array<{ method: string; args: unknown[] }>;
  emit(event: string, payload: unknown): void;
  listenerCount(event: string): number;
}

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

export const defaultAnswers = (): Answers => ({
  'admin.siteInfo': ok({
    terminalId: 'T1',
    siteName: '云南省第一监狱',
    siteKind: 'prison',
    roomName: '1号会见室',
    appVersion: '0.1.0',
    language: 'zh-CN',
    mode: 'kiosk',
  }),
  'admin.recentAudit': ok([{ seq: 1, at: '2026-05-06T01:00:00Z', kind: 'terminal.started', hash: 'ab'.repeat(32) }]),
  'auth.session': ok({ admins: [], locked: true }),
  'sync.status': ok({
    queuedEvents: 0,
    lastSuccessAt: null,
    lastError: null,
    state: 'idle',
    unsentAuditEntries: 0,
    alarm: null,
    nextAttemptAt: null,
    uploads: [],
  }),
  'visit.listForDay': ok([]),
  'device.storeHealth': ok({ schemaVersion: 1, integrity: 'ok', movedAsideTo: null }),
});

export function fakeKiosk(answers: Answers = defaultAnswers()): FakeKiosk {
  const calls: FakeKiosk['calls'] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const namespaces: Record<string, Record<string, (...args: unknown[]) => Promise<IpcResult<unknown>>>> = {};
  for (const key of Object.keys(answers)) {
    const [ns, name] = key.split('.') as [string, string];
    namespaces[ns] ??= {};
    namespaces[ns][name] = (...args: unknown[]) => {
      calls.push({ method: key, args });
      const answer = answers[key];
      if (answer === undefined) throw new Error(`no answer for ${key}`);
      return typeof answer === 'function' ? answer() : Promise.resolve(answer);
    };
  }
  const api = {
    ...namespaces,
    on: (event: string, listener: (payload: unknown) => void) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as KioskApi;
  return {
    api,
    calls,
    emit: (event, payload) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}
