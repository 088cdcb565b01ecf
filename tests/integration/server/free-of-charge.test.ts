// R5.1: visitation is free of charge, so the system has no payment anywhere: no fee,
// price or payment field in the central store's API or tables, none in the terminal's
// local store, and no screen text that asks for money. A field added later fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../../src-main/store/migrations';
import { startStore, type TestStore } from '../../../harness/store/store';

const root = (p: string) => fileURLToPath(new URL(`../../../${p}`, import.meta.url));
/** Words of money in field names (English) and in text shown to people (Chinese). */
const MONEY_WORDS = new Set([
  'fee',
  'fees',
  'price',
  'payment',
  'pay',
  'paid',
  'charge',
  'charges',
  'amount',
  'cost',
  'tariff',
  'invoice',
  'refund',
]);
/** A field name's words (camelCase or snake_case), any of them a money word. */
const MONEY_NAME = { test: (name: string) => name.split(/_|(?=[A-Z])/).some((w) => MONEY_WORDS.has(w.toLowerCase())) };
const MONEY_TEXT = /收费|缴费|交费|付费|付款|支付|费用|价格|金额|发票|退款/;

/** Every property name in an OpenAPI document's schemas, with where it is. */
function propertyNames(node: unknown, at: string, out: Array<{ name: string; at: string }>): void {
  if (Array.isArray(node)) node.forEach((n, i) => propertyNames(n, `${at}[${i}]`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value && typeof value === 'object')
        for (const name of Object.keys(value)) out.push({ name, at });
      propertyNames(value, `${at}.${key}`, out);
    }
  }
}

/** Every string in a locale file, with its key. */
function strings(node: unknown, at: string, out: Array<{ key: string; text: string }>): void {
  if (typeof node === 'string') out.push({ key: at, text: node });
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) strings(v, at ? `${at}.${k}` : k, out);
}

describe('R5.1 free of charge: no payment anywhere', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await startStore('sqlite');
  });
  afterAll(async () => {
    await store?.stop();
  });

  it("R5.1 the central store's API (every request and response schema) has no fee, price or payment field", async () => {
    const doc = await store.call('GET', '/api/docs/json');
    expect(doc.status).toBe(200);
    const names: Array<{ name: string; at: string }> = [];
    propertyNames(doc.body, '', names);
    expect(names.length).toBeGreaterThan(200); // the whole API was read, not an empty document
    expect(names.filter((n) => MONEY_NAME.test(n.name))).toEqual([]);
    // The pattern itself catches what it should.
    expect(['fee', 'visitFee', 'payment_status', 'amountDue', 'price'].every((n) => MONEY_NAME.test(n))).toBe(true);
    expect(['payloadHash', 'capacity', 'status', 'approvalRef', 'outcomeCode'].some((n) => MONEY_NAME.test(n))).toBe(false);
  });

  it("R5.1 neither the central store's tables nor the terminal's local store have a money column", async () => {
    const tables = await store.app.ctx.db.introspection.getTables();
    expect(tables.length).toBeGreaterThan(10);
    const columns = tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}`));
    expect(columns.filter((c) => MONEY_NAME.test(c.split('.')[1] ?? ''))).toEqual([]);
    const local = migrations.map((m) => m.sql).join('\n');
    const localColumns = [...local.matchAll(/^\s+([a-z_]+)\s+(TEXT|INTEGER|REAL|BLOB)\b/gm)].map((m) => m[1] ?? '');
    expect(localColumns.length).toBeGreaterThan(50);
    expect(localColumns.filter((c) => MONEY_NAME.test(c))).toEqual([]);
  });

  it('R5.1 no screen or printed text asks a visitor or a clerk for money', () => {
    const dir = root('src-renderer/i18n/locales');
    const files = [
      ...readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f)),
      ...readdirSync(join(dir, 'areas'))
        .filter((f) => f.endsWith('.zh-CN.json'))
        .map((f) => join(dir, 'areas', f)),
    ];
    const texts: Array<{ key: string; text: string }> = [];
    for (const f of files) strings(JSON.parse(readFileSync(f, 'utf8')), '', texts);
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.filter((t) => MONEY_TEXT.test(t.text))).toEqual([]);
  });
});
