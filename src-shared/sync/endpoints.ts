// The store's sync endpoints, declared once: the store's routes
// (src-server/areas/sync/routes.ts) register them and the terminal's client
// (src-main/central-store/terminal-client.ts) calls them from this list, so a path,
// a method or a schema cannot drift between the two ends.
import type { z } from 'zod';
import { configPageSchema, configPullQuerySchema } from './config';
import { chainAckSchema, eventBatchSchema, headQuerySchema, staffPageSchema, visitsPageSchema, visitsPullQuerySchema } from './schemas';

export interface StoreEndpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** The query string's schema, for endpoints that take one. */
  readonly query?: z.ZodType;
  /** The JSON body's schema, for endpoints that take one. */
  readonly body?: z.ZodType;
  /** The 2xx answer. */
  readonly response: z.ZodType;
}

export const syncEndpoints = {
  /** Retention, limits, STUN/TURN servers and calendar overrides, by cursor. */
  config: { method: 'GET', path: '/api/sync/config', query: configPullQuerySchema, response: configPageSchema },
  /** The room's visits changed since a cursor (either side). */
  visits: { method: 'GET', path: '/api/sync/visits', query: visitsPullQuerySchema, response: visitsPageSchema },
  /** The site's administrators and their argon2id hashes (offline login). */
  staff: { method: 'GET', path: '/api/sync/staff', response: staffPageSchema },
  /** A batch of the terminal's audit events (idempotent, chain checked on arrival). */
  pushEvents: { method: 'POST', path: '/api/sync/events', body: eventBatchSchema, response: chainAckSchema },
  /** The terminal's audit chain head as the store holds it. */
  eventsHead: { method: 'GET', path: '/api/sync/events/head', query: headQuerySchema, response: chainAckSchema },
} as const satisfies Record<string, StoreEndpoint>;

/** What a caller passes: the query and body as the schemas accept them (before defaults). */
export type EndpointInput<E extends StoreEndpoint> = (E extends { query: z.ZodType } ? { query?: z.input<E['query']> } : { query?: never }) &
  (E extends { body: z.ZodType } ? { body: z.input<E['body']> } : { body?: never });

export type EndpointAnswer<E extends StoreEndpoint> = z.output<E['response']>;
