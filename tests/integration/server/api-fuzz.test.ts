// Bounded API fuzz (probe 15): every write route of the OpenAPI document of a
// real store, on SQLite and PostgreSQL, gets bodies built by fast-check from the
// route's own request schema with hostile values mixed in (wrong types,
// oversized and control-character strings, deep nesting), plus malformed JSON
// and prototype-pollution bodies. Every answer must be below 500; a 400
// validation failure must name the field; a refused request must write nothing
// (a checksum of every table before and after). Counts are printed per engine.
import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../harness/store/databases';
import { startStore } from '../../../harness/store/store';
import type { TestStore } from '../../../harness/store/store';
import { buildWorld, residentId } from '../../../harness/store/world';
import type { World } from '../../../harness/store/world';
import { enrolTerminal } from '../../../harness/store/sync-helpers';

const REQUESTS_PER_ROUTE = 40;
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 1_000_000);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI JSON is read loosely
type Json = any;
interface Route {
  method: string;
  path: string;
  schema: Json;
}
interface Fuzzed {
  kind: string;
  raw: string;
  contentType?: string;
}

const TERMINAL_ROUTES = [/^\/api\/sync\//, /^\/api\/uploads/];
const NO_AUTH_ROUTES = ['/api/auth/login', '/api/terminals/enrol', '/api/terminals/session'];

// --- hostile values --------------------------------------------------------
const HOSTILE_CHARS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u2028',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\n',
  '\r',
  '\t',
  '"',
  '\\',
  "'",
  '<',
  '>',
  '%',
  '$',
  '{',
];
const controlString = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE_CHARS),
      fc.string({ minLength: 1, maxLength: 3 }),
      fc.constantFrom('张', '三', 'A', '1', '-'),
    ),
    { minLength: 1, maxLength: 24 },
  )
  .map((parts) => parts.join(''));
const oversizedString = fc
  .tuple(fc.integer({ min: 300, max: 200_000 }), fc.constantFrom('A', '张', '1', '\u202e', ' '))
  .map(([n, c]) => c.repeat(n));
const scalar = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, 2 ** 53, -(2 ** 63), 1e308, -0, 0.1),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 12 }),
  controlString,
);
/** Stand-ins replaced in the JSON text by what JSON.stringify cannot write: an out-of-range number, deep nesting. */
const RAW_OVERFLOW = '__RAW_1E999__';
const RAW_DEEP = '__RAW_DEEP__';
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.constantFrom(RAW_OVERFLOW, RAW_DEEP) },
  { weight: 2, arbitrary: controlString },
  { weight: 1, arbitrary: oversizedString },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(fc.constant('x'), { minLength: 1000, maxLength: 5000 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

// --- values from the route's schema, with hostile ones mixed in ------------
const KNOWN_VALUES: Record<string, unknown> = { chainId: 'main', fromSeq: 1, seq: 1, prevHash: '0'.repeat(64) };

/** `hostile`: one node in how many is replaced by a hostile value (0: none, a plausible body that reaches the handler). */
function fromSchema(schema: Json, doc: Json, ids: readonly string[], depth: number, hostile: number): fc.Arbitrary<unknown> {
  const s = deref(schema, doc);
  const typed = typedFromSchema(s, doc, ids, depth, hostile);
  return depth === 0 || hostile === 0
    ? typed
    : fc.oneof({ weight: hostile - 1, arbitrary: typed }, { weight: 1, arbitrary: hostileValue });
}

function typedFromSchema(s: Json, doc: Json, ids: readonly string[], depth: number, hostile: number): fc.Arbitrary<unknown> {
  if (s === undefined || s === null || depth > 5) return hostileValue;
  const choices = s.anyOf ?? s.oneOf;
  if (Array.isArray(choices) && choices.length > 0)
    return fc.oneof(...choices.map((c: Json) => fromSchema(c, doc, ids, depth + 1, hostile)));
  if (Array.isArray(s.allOf) && s.allOf.length > 0) return fromSchema(s.allOf[0], doc, ids, depth, hostile);
  if (s.const !== undefined) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (typeof s.pattern === 'string') return fc.stringMatching(new RegExp(s.pattern));
      return fc.oneof(
        fc.constantFrom('2026-03-10', '2026-02-30', '09:00', '张三', 'P-A', 'R17.1(8)', '530102199005171232'),
        fc.string({ maxLength: s.maxLength ?? 30 }),
      );
    case 'integer':
      return fc.integer({ min: s.minimum ?? -10, max: s.maximum ?? 10_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items, doc, ids, depth + 1, hostile), {
        minLength: Math.min(s.minItems ?? 0, 1),
        maxLength: 2,
      });
    case 'object': {
      const properties = Object.entries((s.properties ?? {}) as Record<string, Json>);
      if (properties.length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(scalar, fc.constantFrom(RAW_OVERFLOW, RAW_DEEP)), {
          maxKeys: 3,
        });
      const record = Object.fromEntries(
        properties.map(([k, v]) => {
          const generated = fromSchema(v, doc, ids, depth + 1, hostile);
          // Values the store knows (its terminal's id, a chain's start) let a body pass the first checks and reach the handler.
          return [
            k,
            k in KNOWN_VALUES
              ? fc.oneof({ weight: 3, arbitrary: fc.constant(KNOWN_VALUES[k]) }, { weight: 1, arbitrary: generated })
              : generated,
          ];
        }),
      );
      return fc.record(record, { requiredKeys: (s.required ?? []) as string[] });
    }
    default:
      return hostileValue;
  }
}

function rawJson(value: unknown): string {
  return (JSON.stringify(value ?? null) ?? 'null')
    .replaceAll(`"${RAW_OVERFLOW}"`, '1e999')
    .replaceAll(`"${RAW_DEEP}"`, '['.repeat(3000) + ']'.repeat(3000));
}

function deref(schema: Json, doc: Json): Json {
  let s = schema;
  for (let i = 0; i < 10 && s?.$ref; i++) s = doc.components.schemas[String(s.$ref).split('/').pop() ?? ''];
  return s;
}

const fieldNames = (schema: Json, doc: Json): string[] => Object.keys(deref(schema, doc)?.properties ?? {});

/** One route's fuzzed requests: schema-guided bodies, and raw hostile texts. */
function requestsFor(route: Route, doc: Json, ids: readonly string[]): fc.Arbitrary<Fuzzed> {
  const fields = fieldNames(route.schema, doc);
  const field = fields.length > 0 ? fc.constantFrom(...fields) : fc.constant('x');
  const bodyOf = (hostile: number) =>
    route.schema
      ? fromSchema(route.schema, doc, ids, 0, hostile)
      : fc.dictionary(fc.string({ maxLength: 8 }), hostileValue, { maxKeys: 3 });
  const body = bodyOf(8);
  const deep = fc.tuple(field, fc.integer({ min: 500, max: 8000 }), fc.boolean()).map(([f, n, arrays]) => ({
    kind: 'deep',
    raw: `{"${f}":${arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n)}}`,
  }));
  const proto = fc.tuple(field, body, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([f, b, key]) => {
    const payload = key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes","isAdmin":true}';
    const inner = JSON.stringify(b ?? {})
      .replace(/^\{/, '')
      .replace(/\}$/, '');
    const nested = `{"${f}":{"${key}":${payload}}}`;
    return { kind: 'prototype', raw: Math.random() < 0.5 ? `{"${key}":${payload}${inner ? `,${inner}` : ''}}` : nested };
  });
  const malformed = fc
    .constantFrom(
      '{',
      '{"a":',
      '{"a":1,}',
      "{'a':1}",
      '[',
      'nul',
      '1e999',
      '{"a":1e999}',
      '{"a":-1e999}',
      '"\\ud800"',
      '{"a":"\\u0000"}',
      '\u0000',
      '',
      '{}{}',
      '{"a":1}garbage',
      '\ufeff{}',
    )
    .map((raw) => ({ kind: 'malformed', raw }));
  const wrongContentType = body.map((b) => ({ kind: 'content-type', raw: JSON.stringify(b ?? {}), contentType: 'text/plain' }));
  const tooLarge = fc.constant({ kind: 'too-large', raw: JSON.stringify({ x: 'A'.repeat(1_100_000) }) });
  const typed = bodyOf(0).map((b) => ({ kind: 'schema', raw: rawJson(b) }));
  const mixed = body.map((b) => ({ kind: 'mixed', raw: rawJson(b) }));
  const wrongTyped = fc.tuple(field, hostileValue, body).map(([f, v, b]) => ({
    kind: 'wrong-typed',
    raw: rawJson({ ...(typeof b === 'object' && b !== null ? b : {}), [f]: v }),
  }));
  return fc.oneof(
    { weight: 5, arbitrary: typed },
    { weight: 5, arbitrary: mixed },
    { weight: 4, arbitrary: wrongTyped },
    { weight: 2, arbitrary: malformed },
    { weight: 2, arbitrary: proto },
    { weight: 1, arbitrary: deep },
    { weight: 1, arbitrary: wrongContentType },
    { weight: 1, arbitrary: tooLarge },
  );
}

// --- the store's state -------------------------------------------------------
// Tables whose rows record refused requests on purpose: the status page keeps its 429s (bounded
// per address) so a scan can be seen. Every other table must not change on a refusal.
const RECORDS_OF_REFUSALS: readonly string[] = ['status_lookups'];
// Tables a node writes on its own clock (its sign of life, the scheduled jobs' lease and runs, #20),
// whatever the requests: they change between two requests and say nothing about either.
const BACKGROUND_TABLES: readonly string[] = ['store_nodes', 'cluster_leases', 'scheduled_job_runs'];

async function checksum(store: TestStore, tables: readonly string[]): Promise<string> {
  const db = store.app.ctx.db;
  if (store.engine === 'postgres') {
    // One round trip: an md5 of every table's rows in a stable order.
    const columns = tables.map(
      (t) => `(SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) FROM "${t}" r) AS "${t}"`,
    );
    const result = await sql.raw<Record<string, string>>(`SELECT ${columns.join(', ')}`).execute(db);
    return JSON.stringify(result.rows[0]);
  }
  const hash = createHash('sha256');
  for (const table of tables) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every table, read generically
    const rows = await (db as any).selectFrom(table).selectAll().execute();
    hash.update(table);
    hash.update(
      rows
        .map((r: unknown) => JSON.stringify(r))
        .sort()
        .join('\n'),
    );
  }
  return hash.digest('hex');
}

describe.each(ENGINES)('probe 15: bounded API fuzz of every write route [%s]', (engine) => {
  let store: TestStore;
  let w: World;
  let terminalToken: string;
  let doc: Json;
  let tables: string[];
  const ids: string[] = [];
  const params: Record<string, string> = {};

  beforeAll(async () => {
    store = await startStore(engine);
    w = await buildWorld(store);
    const terminal = await enrolTerminal(store, w.tokens.provinceAdmin, w.prisonA.roomId);
    terminalToken = terminal.token;
    KNOWN_VALUES['terminalId'] = terminal.terminalId;
    const inmate = await store.call('POST', '/api/inmates', {
      token: w.tokens.provinceAdmin,
      body: {
        inmateNumber: 'FZ-1',
        name: '张三',
        wardId: w.prisonA.wardId,
        birthDate: '1990-05-17',
        idNumber: residentId('1990-05-17'),
      },
    });
    const visitor = await store.call('POST', '/api/visitors', {
      token: w.tokens.bureauAAdmin,
      body: { name: '王芳', document: { kind: 'resident-id', number: residentId('1985-03-02', '124') } },
    });
    const supervisor = await store.call('GET', '/api/auth/me', { token: w.tokens.supervisor });
    expect([inmate.status, visitor.status, supervisor.status]).toEqual([201, 201, 200]);
    ids.push(
      w.provinceId,
      w.prisonA.id,
      w.prisonA.wardId,
      w.prisonA.roomId,
      w.bureauA.id,
      w.bureauA.roomId,
      inmate.body.id,
      visitor.body.id,
      supervisor.body.staff.id,
    );
    Object.assign(params, {
      inmates: inmate.body.id,
      visitors: visitor.body.id,
      staff: supervisor.body.staff.id,
      date: '2026-10-09',
      year: '2026',
    });
    doc = (await store.call('GET', '/api/docs/json')).body;
    tables = (await store.app.ctx.db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('kysely_') && !RECORDS_OF_REFUSALS.includes(name) && !BACKGROUND_TABLES.includes(name))
      .sort();
  }, 120_000);
  afterAll(async () => {
    await store?.stop();
  });

  it('probe 15: no 5xx, a 400 names the field, and a refused request writes nothing', async () => {
    const routes: Route[] = [];
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(operations)) {
        if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
        routes.push({ method: method.toUpperCase(), path, schema: op.requestBody?.content?.['application/json']?.schema });
      }
    }
    expect(routes.length).toBeGreaterThan(30);

    const url = (path: string) =>
      path.replace(/\{(\w+)\}/g, (_, name: string) => {
        if (name === 'id') return params[path.split('/')[2] ?? ''] ?? randomUUID();
        return params[name] ?? randomUUID();
      });
    const tokenFor = (route: Route) => {
      if (NO_AUTH_ROUTES.includes(route.path) || route.path === '/api/auth/logout') return undefined; // logging out would end the fuzz's own session
      return TERMINAL_ROUTES.some((r) => r.test(route.path)) ? terminalToken : w.tokens.provinceAdmin;
    };

    const counts = { requests: 0, '2xx': 0, '4xx': 0, '5xx': 0, acceptedWrites: 0, rejectedWrites: 0, unnamedValidation: 0 };
    const problems: string[] = [];
    const started = Date.now();
    let state = await checksum(store, tables);
    for (const [index, route] of routes.entries()) {
      const samples = fc.sample(requestsFor(route, doc, ids), { numRuns: REQUESTS_PER_ROUTE, seed: SEED + index });
      for (const sample of samples) {
        const token = tokenFor(route);
        const headers: Record<string, string> = { 'content-type': sample.contentType ?? 'application/json' };
        if (token) headers['authorization'] = `Bearer ${token}`;
        if (route.path.startsWith('/api/uploads')) headers['tus-resumable'] = '1.0.0';
        const res = await fetch(`${store.url}${url(route.path)}`, { method: route.method, headers, body: sample.raw });
        const text = await res.text();
        counts.requests += 1;
        const what = `${route.method} ${route.path} [${sample.kind}] ${sample.raw.slice(0, 160)} → ${res.status} ${text.slice(0, 200)}`;
        const after = await checksum(store, tables);
        if (res.status >= 500) {
          counts['5xx'] += 1;
          problems.push(`5xx: ${what}`);
        } else if (res.status >= 400) {
          counts['4xx'] += 1;
          if (after !== state) {
            counts.rejectedWrites += 1;
            problems.push(`write by a refused request: ${what}`);
          }
          if (res.status === 400 && text.includes('"VALIDATION_FAILED"')) {
            const issues = (JSON.parse(text) as { error: { issues: { path: string; message: string }[] } }).error.issues;
            if (issues.length === 0 || issues.some((i) => i.path === '' || i.message === '')) {
              counts.unnamedValidation += 1;
              problems.push(`validation failure naming no field: ${what}`);
            }
          }
        } else {
          counts['2xx'] += 1;
          if (after !== state) counts.acceptedWrites += 1;
        }
        state = after;
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    console.info(
      `api fuzz [${engine}] seed ${SEED}: ${routes.length} write routes, ${counts.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s — ` +
        `2xx ${counts['2xx']} (${counts.acceptedWrites} wrote), 4xx ${counts['4xx']}, 5xx ${counts['5xx']}, writes by refused requests ${counts.rejectedWrites}, validation failures naming no field ${counts.unnamedValidation}`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    // The checksum sees writes: accepted requests changed it.
    expect(counts.acceptedWrites).toBeGreaterThan(0);
  }, 240_000);
});
