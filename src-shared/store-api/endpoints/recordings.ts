// Recordings: the terminal's "is this confirmed?" after a tus upload. The tus
// protocol itself (/api/uploads, /api/uploads/:uploadId) is @tus/server's and is
// not declared here; its metadata is in src-server/README.md, Uploads.
import { z } from 'zod';
import { RECORDING_FILE_KINDS } from '../../sync/recording-kinds';
import type { StoreEndpoint } from '../endpoint';

export const confirmationQuerySchema = z
  .object({
    uploadId: z.uuid('须为 UUID').optional(),
    visitId: z.uuid('须为 UUID').optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, '须为 64 位小写十六进制 SHA-256')
      .optional(),
  })
  .superRefine((q, check) => {
    if (q.uploadId !== undefined) return;
    if (q.visitId === undefined)
      check.addIssue({ code: 'custom', path: ['visitId'], message: '须给出 uploadId，或 visitId 与 sha256' });
    if (q.sha256 === undefined)
      check.addIssue({ code: 'custom', path: ['sha256'], message: '须给出 uploadId，或 visitId 与 sha256' });
  });

/** Confirmed (with the stored hash and time), pending (with the bytes received so far) or rejected (with the reason). */
export const confirmationSchema = z
  .object({
    uploadId: z.string(),
    visitId: z.string(),
    terminalId: z.string(),
    kind: z.enum(RECORDING_FILE_KINDS),
    filename: z.string(),
    size: z.number().int(),
    status: z.enum(['pending', 'confirmed', 'rejected']),
    declaredSha256: z.string(),
    storedSha256: z.string().nullable().describe('存储内容的 SHA-256（已校验时）'),
    receivedAt: z.string().nullable().describe('校验时间（ISO-8601 UTC）'),
    receivedBytes: z.number().int().nullable().describe('已收到的字节数（未完成时）'),
    reason: z.string().nullable(),
    signature: z
      .enum(['valid', 'unbound', 'mismatch', 'unsigned', 'malformed'])
      .nullable()
      .describe('清单签名核验（仅 manifest）：valid 为终端注册公钥所签；unbound 为终端未登记公钥，仅证明未被改动；其余为拒收'),
    signatureKeySha256: z.string().nullable().describe('签署清单的公钥指纹（SPKI DER 的 SHA-256）'),
  })
  .meta({ id: 'UploadConfirmation' });
export type Confirmation = z.infer<typeof confirmationSchema>;

export const recordingEndpoints = {
  /** Terminals only, for uploads of their own room: by uploadId, or by visitId and sha256. */
  confirmation: {
    method: 'GET',
    path: '/api/uploads/confirmations',
    query: confirmationQuerySchema,
    response: confirmationSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;
