// What one endpoint of the central store is: method, path, the request's schemas
// and the answer's. The store registers its routes from these declarations
// (src-server/http/declared-route.ts) and the terminal calls the store through
// them (src-main/central-store/), so neither end can drift from the other.
import type { z } from 'zod';

export type StoreMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface StoreEndpoint {
  readonly method: StoreMethod;
  /** Fastify's pattern: ':name' is a path parameter, declared in `params`. */
  readonly path: string;
  /** The path parameters' schema, for paths that have them. */
  readonly params?: z.ZodType;
  /** The query string's schema, for endpoints that take one. */
  readonly query?: z.ZodType;
  /** The JSON body's schema, for endpoints that take one. */
  readonly body?: z.ZodType;
  /** The success status; 200 when absent. */
  readonly status?: 200 | 201 | 204;
  /** The success answer. */
  readonly response: z.ZodType;
}

/** What a caller passes: the parameters, query and body as the schemas accept them (before defaults). */
export type EndpointInput<E extends StoreEndpoint> = (E extends { params: z.ZodType }
  ? { params: z.input<E['params']> }
  : { params?: never }) &
  (E extends { query: z.ZodType } ? { query?: z.input<E['query']> } : { query?: never }) &
  (E extends { body: z.ZodType } ? { body: z.input<E['body']> } : { body?: never });

export type EndpointAnswer<E extends StoreEndpoint> = z.output<E['response']>;

export type SuccessStatus<E extends StoreEndpoint> = E extends { status: infer S extends number } ? S : 200;

export const successStatus = (endpoint: StoreEndpoint): number => endpoint.status ?? 200;

/** 'GET /api/applications/:id', as the store's route table and the tests name an endpoint. */
export const endpointKey = (endpoint: Pick<StoreEndpoint, 'method' | 'path'>): string => `${endpoint.method} ${endpoint.path}`;

const PARAMETER = /:([A-Za-z_][A-Za-z0-9_]*)/g;

/** The path's parameter names, in order. */
export const pathParameters = (path: string): string[] => [...path.matchAll(PARAMETER)].map((m) => m[1] ?? '');

/** The path with each ':name' replaced by its value, URL-encoded (a value cannot reach another path). */
export function endpointPath(endpoint: Pick<StoreEndpoint, 'path'>, params?: Readonly<Record<string, unknown>>): string {
  return endpoint.path.replace(PARAMETER, (_whole, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) throw new Error(`${endpoint.path}: parameter ${name} missing`);
    return encodeURIComponent(String(value));
  });
}
