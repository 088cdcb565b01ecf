// A route from its declaration (src-shared/store-api/endpoints): method, path and the
// schemas of parameters, query, body and answer come from the one list the terminal's
// client calls through; a route adds its hooks, handler and OpenAPI words.
import type { z } from 'zod';
import { successStatus, type StoreEndpoint, type SuccessStatus } from '../../src-shared/store-api/endpoint';
import { errorResponses } from './api-error';

export interface RouteDocs {
  readonly tags: string[];
  readonly summary?: string;
  readonly description?: string;
}

export interface DeclaredRouteOptions<B extends z.ZodType | undefined, X extends Record<number, z.ZodType>> {
  /**
   * The declared body with checks only the store can make (a Node API, a password
   * dictionary), built from the declared one with `.extend`: the same fields, refined.
   */
  readonly body?: B;
  /** Answers beyond the error statuses every route has (e.g. 422). */
  readonly responses?: X;
}

type Field<E, K extends string> = E extends { readonly [P in K]: infer S extends z.ZodType } ? S : undefined;
type Present<K extends string, V> = V extends z.ZodType ? { [P in K]: V } : unknown;

export type DeclaredSchema<E extends StoreEndpoint, B extends z.ZodType | undefined, X> = RouteDocs &
  Present<'params', Field<E, 'params'>> &
  Present<'querystring', Field<E, 'query'>> &
  Present<'body', B extends z.ZodType ? B : Field<E, 'body'>> & {
    response: { [S in SuccessStatus<E>]: E['response'] } & typeof errorResponses & X;
  };

/** `app.route({ ...declaredRoute(endpoint, docs), onRequest, handler })`. */
export function declaredRoute<
  E extends StoreEndpoint,
  B extends z.ZodType | undefined = undefined,
  X extends Record<number, z.ZodType> = Record<never, never>,
>(
  endpoint: E,
  docs: RouteDocs,
  options: DeclaredRouteOptions<B, X> = {},
): { method: E['method']; url: string; schema: DeclaredSchema<E, B, X> } {
  const body = options.body ?? endpoint.body;
  const schema = {
    ...docs,
    ...(endpoint.params ? { params: endpoint.params } : {}),
    ...(endpoint.query ? { querystring: endpoint.query } : {}),
    ...(body ? { body } : {}),
    response: { [successStatus(endpoint)]: endpoint.response, ...errorResponses, ...options.responses },
  };
  return { method: endpoint.method, url: endpoint.path, schema: schema as unknown as DeclaredSchema<E, B, X> };
}
