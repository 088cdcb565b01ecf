// The overview for prisons, bureaus and the province (R29.1), as JSON and as CSV.
import { z } from 'zod';
import { overviewQuerySchema, overviewSchema } from '../../desk/overview';
import type { StoreEndpoint } from '../endpoint';

export const overviewEndpoints = {
  overview: { method: 'GET', path: '/api/overview', query: overviewQuerySchema, response: overviewSchema },
  /** UTF-8 with a byte-order mark (Excel opens it), with a file name in Content-Disposition. */
  csv: { method: 'GET', path: '/api/overview.csv', query: overviewQuerySchema, response: z.string().describe('text/csv') },
} as const satisfies Record<string, StoreEndpoint>;
