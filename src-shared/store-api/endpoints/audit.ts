// For supervisors and administrators: the central re-check of a terminal's stored audit
// chains (R26.1) and the alarms (what terminals reported and the store refused).
import { z } from 'zod';
import { terminalIdSchema } from '../../sync/terminal-id';
import type { StoreEndpoint } from '../endpoint';

export const chainVerdictSchema = z
  .object({
    chainId: z.string(),
    ok: z.boolean(),
    count: z.number().int().describe('从第 1 条起校验通过的事件数'),
    headSeq: z.number().int(),
    headHash: z.string(),
    firstBadSeq: z.number().int().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: 'ChainVerdict' });

export const alarmSchema = z
  .object({
    id: z.string(),
    at: z.string(),
    kind: z.string(),
    code: z.string(),
    message: z.string(),
    terminalId: z.string().nullable(),
    organisationId: z.string().nullable(),
    visitId: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Alarm' });

export const auditEndpoints = {
  verifyTerminal: {
    method: 'GET',
    path: '/api/audit/terminals/:id/verify',
    // A terminal's own id (not always a UUID: src-shared/sync/terminal-id.ts).
    params: z.object({ id: terminalIdSchema }),
    response: z.object({ terminalId: z.string(), ok: z.boolean(), chains: z.array(chainVerdictSchema) }),
  },
  /** Newest first, scoped before the limit. */
  alarms: {
    method: 'GET',
    path: '/api/alarms',
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
    response: z.array(alarmSchema),
  },
} as const satisfies Record<string, StoreEndpoint>;
