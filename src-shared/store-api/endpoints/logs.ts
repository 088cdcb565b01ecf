// Terminal log bundles for support: an administrator (the province, or a site for its own
// terminals) asks for one; the terminal sees the request at its next sync round, packs its
// main.log files (src-shared/sync/log-bundle.ts) and sends them through the tus intake at
// /api/uploads (metadata kind logBundle, with the request's id); the administrator then lists
// and downloads it. Every request and download is kept in the store's staff audit.
import { z } from 'zod';
import { terminalIdSchema } from '../../sync/terminal-id';
import { listQuerySchema } from '../common';
import type { StoreEndpoint } from '../endpoint';

export const LOG_REQUEST_STATUSES = ['requested', 'uploading', 'received'] as const;

export const logRequestSchema = z
  .object({
    id: z.string(),
    terminalId: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    status: z.enum(LOG_REQUEST_STATUSES),
    size: z.number().int().nullable().describe('日志包字节数（已收到时）'),
    sha256: z.string().nullable(),
    receivedAt: z.string().nullable(),
    reason: z.string().nullable().describe('上一个日志包被拒收的原因（终端将重新上传）'),
  })
  .meta({ id: 'TerminalLogRequest' });
export type LogRequestView = z.infer<typeof logRequestSchema>;

const idParams = z.object({ id: z.uuid('须为 UUID') });

export const logEndpoints = {
  /** Administrators: ask a terminal within their scope for its logs. */
  request: {
    method: 'POST',
    path: '/api/terminal-logs/requests',
    body: z.object({ terminalId: terminalIdSchema }),
    status: 201,
    response: logRequestSchema,
  },
  /** Administrators: requests and received bundles of the terminals within their scope, newest first. */
  list: {
    method: 'GET',
    path: '/api/terminal-logs/requests',
    query: listQuerySchema.extend({ terminalId: terminalIdSchema.optional() }),
    response: z.array(logRequestSchema),
  },
  /** Administrators: a received bundle (gzip, base64 in JSON: bundles are capped small). */
  download: {
    method: 'GET',
    path: '/api/terminal-logs/requests/:id/bundle',
    params: idParams,
    response: z.object({
      requestId: z.string(),
      terminalId: z.string(),
      filename: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      contentBase64: z.string(),
    }),
  },
  /** Terminals: the requests for this terminal still waiting for a bundle. */
  pending: {
    method: 'GET',
    path: '/api/terminal-logs/pending',
    response: z.object({ requests: z.array(z.object({ id: z.string(), requestedAt: z.string() })) }),
  },
} as const satisfies Record<string, StoreEndpoint>;
