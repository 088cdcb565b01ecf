// Terminal sync: the store's routes (src-server/areas/sync/routes.ts) register
// these and the terminal's sync worker calls them (src-main/sync/).
import { configPageSchema, configPullQuerySchema } from '../../sync/config';
import {
  chainAckSchema,
  eventBatchSchema,
  headQuerySchema,
  staffPageSchema,
  visitsPageSchema,
  visitsPullQuerySchema,
} from '../../sync/schemas';
import type { StoreEndpoint } from '../endpoint';

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
