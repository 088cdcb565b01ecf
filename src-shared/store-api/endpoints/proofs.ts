// Proof scans on an application (R8.1, R35.1; issue #25 item 2): the clerk attaches the scan of
// an identity document or of a relationship proof (a file, or a document camera's frame), the
// reviewers along the chain see it. Scoped like the application itself; fetching a scan's
// bytes is audited (staff_audit 'proofs.view' / 'proofs.download'); kept and removed by the
// recordings' retention rule (R13.1). The bytes travel as base64 in JSON, like
// inmates.importFile, so the one store client carries them.
import { z } from 'zod';
import { MAX_PROOF_BYTES, MAX_PROOF_NAME_CHARS, PROOF_MEDIA_TYPES, PROOF_SCAN_KIND_CODES } from '../../proofs/scan-file';
import type { StoreEndpoint } from '../endpoint';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The base64 of the largest scan. */
export const MAX_PROOF_BASE64_CHARS = Math.ceil(MAX_PROOF_BYTES / 3) * 4;

export const proofUploadBody = z
  .object({
    kind: z.enum(PROOF_SCAN_KIND_CODES, '请选择证明材料的种类'),
    /** As the clerk's file was named; the store keeps a sanitized copy (scan-file.ts). */
    fileName: z.string().trim().min(1, '请选择文件').max(255, '文件名不能超过 255 个字符'),
    contentBase64: z
      .string()
      .min(1, '文件为空，请重新选择')
      .max(MAX_PROOF_BASE64_CHARS, `文件不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB，请降低扫描分辨率后重试`)
      .regex(BASE64, '文件内容须为 base64'),
  })
  .strict()
  .meta({ id: 'ProofUpload' });
export type ProofUploadBody = z.input<typeof proofUploadBody>;

export const proofSummarySchema = z
  .object({
    id: z.string(),
    applicationId: z.string(),
    kind: z.enum(PROOF_SCAN_KIND_CODES),
    fileName: z.string().max(MAX_PROOF_NAME_CHARS),
    mediaType: z.enum(PROOF_MEDIA_TYPES),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    uploadedBy: z.string().describe('上传人姓名'),
    organisation: z.string().describe('上传人所在单位'),
  })
  .meta({ id: 'ProofSummary' });
export type ProofSummary = z.infer<typeof proofSummarySchema>;

const proofParams = z.object({ id: z.uuid('须为 UUID'), proofId: z.uuid('须为 UUID') });

export const proofEndpoints = {
  /** The desk's clerk (reviewers and administrators of an organisation on the chain) attaches a scan. */
  upload: {
    method: 'POST',
    path: '/api/applications/:id/proofs',
    params: z.object({ id: z.uuid('须为 UUID') }),
    body: proofUploadBody,
    status: 201,
    response: proofSummarySchema,
  },
  /** The application's scans, without their bytes (not audited: names and sizes only). */
  list: {
    method: 'GET',
    path: '/api/applications/:id/proofs',
    params: z.object({ id: z.uuid('须为 UUID') }),
    response: z.array(proofSummarySchema),
  },
  /** One scan's bytes; every fetch is written to the audit first (view or download). */
  get: {
    method: 'GET',
    path: '/api/applications/:id/proofs/:proofId',
    params: proofParams,
    query: z.object({ purpose: z.enum(['view', 'download']).default('view') }),
    response: z.object({ proof: proofSummarySchema, contentBase64: z.string() }),
  },
} as const satisfies Record<string, StoreEndpoint>;
