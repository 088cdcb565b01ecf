// Every /api answer carries the store's clock in milliseconds (x-store-time), errors
// included, from the store's own clock source: the terminal measures its offset from it.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startStore, type TestStore } from '../../../harness/store/store';
import { parseStoreTime, STORE_TIME_HEADER } from '../../../src-shared/store-api/store-time';

describe('the store’s time on every /api answer', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startStore('sqlite');
  });
  afterAll(async () => {
    await store?.stop();
  });

  test('an /api answer (a refusal too) has it, following the store’s clock; /health has none', async () => {
    const first = await fetch(`${store.url}/api/sync/staff`);
    expect(first.status).toBe(401);
    expect(first.headers.get(STORE_TIME_HEADER)).toBe(String(store.clock.now().getTime()));
    store.clock.advanceMinutes(1);
    const later = await fetch(`${store.url}/api/sync/staff`);
    expect(parseStoreTime(later.headers.get(STORE_TIME_HEADER))).toBe(Date.parse('2026-03-02T01:01:00.000Z'));
    expect((await fetch(`${store.url}/health`)).headers.get(STORE_TIME_HEADER)).toBeNull();
  });

  test('the terminal accepts only a plausible epoch in digits', () => {
    expect(parseStoreTime('1772413200000')).toBe(1_772_413_200_000);
    for (const bad of [null, '', '-1', '1e12', ' 1772413200000', '17724132000000000', '0000000000000', '99999999999999'])
      expect(parseStoreTime(bad)).toBeNull();
  });
});
