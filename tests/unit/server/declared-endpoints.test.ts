// The central store's API is declared once (src-shared/store-api/endpoints): the store
// registers every route from that list, with the declared schemas themselves, and has no
// route the list does not name except the few below, which speak other protocols.
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildServer, type CentralStore } from '../../../src-server/server';
import { endpointKey, pathParameters, successStatus, type StoreEndpoint } from '../../../src-shared/store-api/endpoint';
import { declaredEndpoints } from '../../../src-shared/store-api/endpoints';
import { createFreshDatabase, type FreshDatabase } from '../../../harness/store/databases';
import { testConfig } from '../../../harness/store/store';

/** Routes that are not the store's JSON API, and why. */
const NOT_DECLARED: Record<string, string> = {
  'GET /health': 'the load balancer: the process is up',
  'GET /ready': 'the load balancer: the database answers (200 or 503)',
  'POST /api/uploads': 'tus 1.0, spoken by @tus/server',
  'PATCH /api/uploads': 'tus',
  'HEAD /api/uploads': 'tus',
  'OPTIONS /api/uploads': 'tus',
  'POST /api/uploads/:uploadId': 'tus',
  'PATCH /api/uploads/:uploadId': 'tus',
  'HEAD /api/uploads/:uploadId': 'tus',
  'OPTIONS /api/uploads/:uploadId': 'tus',
  'GET /api/recordings/media/:ticket':
    "a recording's bytes with Range for a <video>, by the ticket recordingsSearch.ticket issues (issue #19)",
  'GET /api/signal/:visitId': 'the signaling WebSocket (without an upgrade: 426)',
};
/** The OpenAPI document and its pages. */
const DOCS = /^\/api\/docs(\/|$)/;

/** Bodies the store checks further than the declaration can (node:crypto, the password dictionary): the same fields, one refined. */
const REFINED_BODIES: Record<string, string> = {
  'POST /api/terminals/enrol': 'publicKeyPem',
  'POST /api/staff': 'password',
  'POST /api/auth/password': 'newPassword',
};

interface Registered {
  readonly key: string;
  readonly schema: Record<string, unknown> | undefined;
}

describe('the store registers its routes from the declared endpoints', () => {
  let fresh: FreshDatabase;
  let app: CentralStore;
  const routes: Registered[] = [];

  beforeAll(async () => {
    fresh = await createFreshDatabase('sqlite');
    const collect = (route: RouteOptions) => {
      for (const method of [route.method].flat())
        routes.push({ key: `${method} ${route.url}`, schema: route.schema as Record<string, unknown> | undefined });
    };
    app = await buildServer(testConfig(fresh), { announce: () => undefined, onRoute: collect });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await fresh?.drop();
  });

  const declared = new Map(declaredEndpoints.map((d) => [endpointKey(d.endpoint), d]));
  /** Fastify answers HEAD for every GET by itself. */
  const own = () =>
    routes.filter(
      (r) => !(r.key.startsWith('HEAD ') && routes.some((g) => g.key === `GET ${r.key.slice(5)}`) && !(r.key in NOT_DECLARED)),
    );

  it('every route is declared, or one of the few named here', () => {
    const stray = own()
      .map((r) => r.key)
      .filter((key) => !declared.has(key) && !(key in NOT_DECLARED) && !DOCS.test(key.split(' ')[1] ?? ''));
    expect(stray).toEqual([]);
  });

  it('every declared endpoint is registered once, and so is every route named as not declared', () => {
    const counts = new Map<string, number>();
    for (const r of own()) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    for (const key of [...declared.keys(), ...Object.keys(NOT_DECLARED)]) expect(counts.get(key), key).toBe(1);
  });

  it('each route validates with the declared schemas and answers with the declared one', () => {
    for (const { name, endpoint } of declaredEndpoints) {
      const key = endpointKey(endpoint);
      const schema = routes.find((r) => r.key === key)?.schema ?? {};
      expect(schema['params'], `${name} params`).toBe(endpoint.params);
      expect(schema['querystring'], `${name} query`).toBe(endpoint.query);
      const refined = REFINED_BODIES[key];
      if (refined === undefined) expect(schema['body'], `${name} body`).toBe(endpoint.body);
      else expectRefinedBody(name, schema['body'], endpoint, refined);
      expect((schema['response'] as Record<number, unknown>)[successStatus(endpoint)], `${name} answer`).toBe(endpoint.response);
    }
  });
});

function expectRefinedBody(name: string, body: unknown, endpoint: StoreEndpoint, field: string): void {
  expect(body, name).toBeInstanceOf(z.ZodObject);
  expect(endpoint.body, name).toBeInstanceOf(z.ZodObject);
  const route = (body as z.ZodObject).shape;
  const declaredShape = (endpoint.body as z.ZodObject).shape;
  expect(Object.keys(route), name).toEqual(Object.keys(declaredShape));
  for (const key of Object.keys(declaredShape)) {
    if (key === field) expect(route[key], `${name} ${key} refined`).not.toBe(declaredShape[key]);
    else expect(route[key], `${name} ${key}`).toBe(declaredShape[key]);
  }
}

describe('the declarations', () => {
  it('name each endpoint once, by method and path', () => {
    const keys = declaredEndpoints.map((d) => endpointKey(d.endpoint));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("declare exactly the path's parameters", () => {
    for (const { name, endpoint } of declaredEndpoints) {
      const inPath = pathParameters(endpoint.path);
      const declaredParams = endpoint.params instanceof z.ZodObject ? Object.keys(endpoint.params.shape) : [];
      expect(declaredParams.sort(), name).toEqual([...inPath].sort());
    }
  });
});
