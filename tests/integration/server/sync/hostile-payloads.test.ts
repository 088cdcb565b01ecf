// probe 15.1: an event payload that canonical JSON cannot represent (a number that
// JSON.parse reads as Infinity, a 3,000-deep tree) is refused with 400 naming the field,
// before anything hashes it, and nothing is stored. It used to answer 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson } from '../../../../src-shared/audit/canonical-json';
import { ENGINES } from '../../../../harness/store/databases';
import { startStore } from '../../../../harness/store/store';
import type { TestStore } from '../../../../harness/store/store';
import { buildWorld } from '../../../../harness/store/world';
import { batch, chainEvents, enrolTerminal, storedEventCount } from '../../../../harness/store/sync-helpers';
import type { EnrolledTerminal } from '../../../../harness/store/sync-helpers';

const PLACEHOLDER = '"@@raw@@"';

describe.each(ENGINES)('probe 15.1: hostile event payloads [%s]', (engine) => {
  let store: TestStore;
  let t: EnrolledTerminal;

  /** Posts the batch with `raw` JSON text spliced in where event 3's payload.x would be. */
  const pushRaw = async (raw: string) => {
    const events = chainEvents(t.terminalId, 1, 5);
    const third = events[3];
    if (third === undefined) throw new Error('no event 3');
    third.payload = { ...third.payload, x: '@@raw@@' };
    const text = JSON.stringify(batch(t.terminalId, events)).replace(PLACEHOLDER, raw);
    const res = await fetch(`${store.url}/api/sync/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' },
      body: text,
    });
    return {
      status: res.status,
      body: ((await res.json()) as { error: { code: string; message: string; issues?: { path: string; message: string }[] } })
        .error,
    };
  };

  beforeAll(async () => {
    store = await startStore(engine);
    const w = await buildWorld(store);
    t = await enrolTerminal(store, w.tokens.prisonAAdmin, w.prisonA.roomId);
  });
  afterAll(async () => {
    await store?.stop();
  });

  it('1e999 (Infinity once parsed): 400 naming events.3.payload.x, nothing stored', async () => {
    const res = await pushRaw('1e999');
    expect(res.status).toBe(400);
    expect(res.body.issues?.map((i) => i.path)).toEqual(['body.events.3.payload.x']);
    expect(res.body.issues?.[0]?.message).toMatch(/有限数字/);
    expect(await storedEventCount(store.app.ctx.db, t.terminalId)).toBe(0);
  });

  it('-1e999 inside an array: 400 naming the array element', async () => {
    const res = await pushRaw('[1, 2, -1e999]');
    expect(res.status).toBe(400);
    expect(res.body.issues?.map((i) => i.path)).toEqual(['body.events.3.payload.x.2']);
  });

  it('3,000-deep nesting: 400 naming the depth limit inside events.3.payload.x, nothing stored', async () => {
    const deep = '{"y":'.repeat(3000) + '1' + '}'.repeat(3000);
    const res = await pushRaw(deep);
    expect(res.status).toBe(400);
    const path = res.body.issues?.[0]?.path ?? '';
    expect(path.startsWith('body.events.3.payload.x.y.y')).toBe(true);
    expect(res.body.issues?.[0]?.message).toMatch(/嵌套过深/);
    expect(await storedEventCount(store.app.ctx.db, t.terminalId)).toBe(0);
  });

  it('a 6,000-deep array: 400, and the store still answers a good batch afterwards', async () => {
    const res = await pushRaw('['.repeat(6000) + ']'.repeat(6000));
    expect(res.status).toBe(400);
    const good = await store.call('POST', '/api/sync/events', {
      token: t.token,
      body: batch(t.terminalId, chainEvents(t.terminalId, 1, 5)),
    });
    expect(good.status).toBe(200);
    expect(await storedEventCount(store.app.ctx.db, t.terminalId)).toBe(5);
  });
});

describe('canonical JSON refuses what it cannot represent with a typed error', () => {
  it('Infinity, too deep, and non-plain objects throw CanonicalJsonError naming the place', () => {
    const deep: unknown[] = [];
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) {
      const next: unknown[] = [];
      cursor.push(next);
      cursor = next;
    }
    for (const [value, at] of [
      [{ a: [1, Infinity] }, '$.a[1]'],
      [{ d: new Date(0) }, '$.d'],
    ] as const) {
      let thrown: unknown;
      try {
        canonicalJson(value);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(CanonicalJsonError);
      expect((thrown as CanonicalJsonError).at).toBe(at);
    }
    expect(() => canonicalJson(deep)).toThrow(CanonicalJsonError);
  });
});
