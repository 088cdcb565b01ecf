// kiosk-client: IpcResult in, value out, or a KioskCallError carrying code, message and issues.
import { describe, expect, test } from 'vitest';
import { call, createKioskClient, findKiosk, KioskCallError, unwrap } from '../../../src-renderer/kiosk-client';
import type { IpcResult } from '../../../src-shared/ipc/result';
import { defaultAnswers, fakeKiosk, ok } from './fake-kiosk';

const caught = async (p: Promise<unknown>): Promise<KioskCallError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof KioskCallError) return e;
    throw new Error(`expected KioskCallError, got ${String(e)}`);
  }
  throw new Error('expected the call to fail');
};

describe('unwrap', () => {
  test('returns the value of an ok result', () => {
    expect(unwrap('sync.status', ok({ queuedEvents: 1 }))).toEqual({ queuedEvents: 1 });
  });

  test('an ok result whose value is undefined or null is still a value', () => {
    expect(unwrap('x.y', { ok: true, value: undefined })).toBeUndefined();
    expect(unwrap('x.y', { ok: true, value: null })).toBeNull();
  });

  test('throws KioskCallError with code, message, issues and the method', () => {
    const result: IpcResult<never> = {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: '参数不符合要求',
        issues: [{ path: 'date', message: '日期格式应为 YYYY-MM-DD' }],
      },
    };
    let error: unknown;
    try {
      unwrap('visit.listForDay', result);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KioskCallError);
    expect(error).toBeInstanceOf(Error);
    const e = error as KioskCallError;
    expect(e.code).toBe('INVALID_ARGUMENT');
    expect(e.message).toBe('参数不符合要求');
    expect(e.issues).toEqual([{ path: 'date', message: '日期格式应为 YYYY-MM-DD' }]);
    expect(e.method).toBe('visit.listForDay');
    expect(e.name).toBe('KioskCallError');
  });

  test('an error without issues gets an empty list', () => {
    try {
      unwrap('admin.siteInfo', { ok: false, error: { code: 'NOT_FOUND', message: '无' } });
      expect.unreachable();
    } catch (e) {
      expect((e as KioskCallError).issues).toEqual([]);
    }
  });

  test.each([undefined, null, 42, 'ok', {}, { ok: 'yes', value: 1 }, { ok: false }, { ok: false, error: { code: 1 } }])(
    'a reply that is not an IpcResult (%j) is an INTERNAL error',
    (reply) => {
      try {
        unwrap('admin.siteInfo', reply as unknown as IpcResult<unknown>);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(KioskCallError);
        expect((e as KioskCallError).code).toBe('INTERNAL');
      }
    },
  );
});

describe('call', () => {
  test('a rejected call (broken transport) becomes INTERNAL with the cause in the message', async () => {
    const e = await caught(call('sync.status', () => Promise.reject(new Error('binding gone'))));
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toContain('binding gone');
    expect(e.method).toBe('sync.status');
  });

  test('a synchronous throw is caught the same way', async () => {
    const e = await caught(
      call('sync.status', () => {
        throw new Error('boom');
      }),
    );
    expect(e.code).toBe('INTERNAL');
  });
});

describe('createKioskClient', () => {
  test('methods resolve to plain values and pass their arguments through', async () => {
    const fake = fakeKiosk({ ...defaultAnswers(), 'visit.listForDay': ok([{ visitId: 'v1' }]) });
    const client = createKioskClient(fake.api);
    expect(await client.visit.listForDay({ date: '2026-05-06' })).toEqual([{ visitId: 'v1' }]);
    expect((await client.admin.siteInfo()).siteName).toBe('云南省第一监狱');
    expect(fake.calls).toEqual([
      { method: 'visit.listForDay', args: [{ date: '2026-05-06' }] },
      { method: 'admin.siteInfo', args: [] },
    ]);
  });

  test('a failed result rejects with KioskCallError', async () => {
    const fake = fakeKiosk({ ...defaultAnswers(), 'sync.status': { ok: false, error: { code: 'CONFLICT', message: '冲突' } } });
    const e = await caught(createKioskClient(fake.api).sync.status());
    expect([e.code, e.message, e.method]).toEqual(['CONFLICT', '冲突', 'sync.status']);
  });

  test('a method missing from window.kiosk fails that call with UNKNOWN_METHOD, not the page', async () => {
    const { 'admin.siteInfo': siteInfo } = defaultAnswers();
    const fake = fakeKiosk(siteInfo ? { 'admin.siteInfo': siteInfo } : {});
    const client = createKioskClient(fake.api);
    const e = await caught(client.recording.list());
    expect(e.code).toBe('UNKNOWN_METHOD');
    expect(e.method).toBe('recording.list');
    expect((await client.admin.siteInfo()).terminalId).toBe('T1');
  });

  test("on() is the kiosk's own subscribe, and its unsubscribe works", () => {
    const fake = fakeKiosk();
    const client = createKioskClient(fake.api);
    const seen: unknown[] = [];
    const off = client.on('sync.status', (s) => seen.push(s));
    fake.emit('sync.status', { queuedEvents: 4, lastSuccessAt: null, lastError: null });
    off();
    fake.emit('sync.status', { queuedEvents: 5, lastSuccessAt: null, lastError: null });
    expect(seen).toEqual([{ queuedEvents: 4, lastSuccessAt: null, lastError: null }]);
  });

  test('awaiting the client or a namespace by mistake does not call anything', async () => {
    const fake = fakeKiosk();
    const client = createKioskClient(fake.api);
    expect(await client.admin).toBe(client.admin);
    expect(fake.calls).toEqual([]);
  });
});

describe('findKiosk', () => {
  test('finds window.kiosk when it has the shape of the API', () => {
    const { api } = fakeKiosk();
    expect(findKiosk({ kiosk: api })).toBe(api);
  });

  test.each([undefined, {}, { kiosk: undefined }, { kiosk: null }, { kiosk: 'x' }, { kiosk: { admin: {} } }])(
    'returns null for %j',
    (scope) => {
      expect(findKiosk(scope as { kiosk?: unknown } | undefined)).toBeNull();
    },
  );

  test('returns null in Node, where there is no window at all', () => {
    expect(findKiosk()).toBeNull();
  });
});
