// Room terminals: an administrator issues a one-time enrolment code, the terminal
// trades it for its credential and then the credential for expiring tokens.
// The store also checks that publicKeyPem is an Ed25519 key (node:crypto,
// src-server/areas/terminals/routes.ts) before it keeps it.
import { z } from 'zod';
import { terminalIdSchema } from '../../sync/terminal-id';
import { listQuerySchema, text } from '../common';
import type { StoreEndpoint } from '../endpoint';

export const terminalSchema = z
  .object({
    id: z.string(),
    roomId: z.string(),
    name: z.string(),
    hasPublicKey: z.boolean(),
    enrolledAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Terminal' });
export type TerminalView = z.infer<typeof terminalSchema>;

export const enrolBody = z.object({
  code: z.string().trim().min(1, '请输入注册码').max(32),
  name: text(100, '终端名称'),
  /** The Ed25519 public key (PEM) that signs the terminal's recording manifests. */
  publicKeyPem: z.string().max(2000).optional(),
  // The terminal keeps the id its audit chain already hashes (R26.1).
  terminalId: terminalIdSchema.optional().describe('终端自带的编号（其审计链已用此编号计算哈希）；不填则由中心库生成'),
});

export const terminalEndpoints = {
  enrolmentCode: {
    method: 'POST',
    path: '/api/terminals/enrolment-codes',
    body: z.object({ roomId: z.uuid('须为 UUID') }),
    status: 201,
    response: z.object({ code: z.string(), roomId: z.string(), expiresAt: z.string() }),
  },
  /** The secret is answered this once only. */
  enrol: {
    method: 'POST',
    path: '/api/terminals/enrol',
    body: enrolBody,
    status: 201,
    response: z.object({ terminalId: z.string(), roomId: z.string(), organisationId: z.string(), secret: z.string() }),
  },
  session: {
    method: 'POST',
    path: '/api/terminals/session',
    body: z.object({ terminalId: terminalIdSchema, secret: z.string().min(1).max(200) }),
    response: z.object({ token: z.string(), expiresAt: z.string() }),
  },
  list: {
    method: 'GET',
    path: '/api/terminals',
    query: listQuerySchema.extend({ roomId: z.uuid().optional() }),
    response: z.array(terminalSchema),
  },
  revoke: {
    method: 'POST',
    path: '/api/terminals/:id/revoke',
    params: z.object({ id: terminalIdSchema }),
    response: terminalSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;
