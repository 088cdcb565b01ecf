// Desk mode, proof scans on an application (issue #25 item 2; R8.1, R35.1): attach a scan
// (a chosen file or a document camera's frame) to an application, list its scans, fetch one
// to show or save. Main relays each to the store with the clerk's token
// (src-main/desk/desk-proofs.ts); the store checks the bytes, scopes and audits. The bytes
// cross IPC as a Uint8Array (structured clone), as importInmates does.
import { z } from 'zod';
import { method, type MethodSpec } from './method';
import { deskOutcome } from '../desk/outcome';
import { MAX_PROOF_BYTES, PROOF_SCAN_KIND_CODES } from '../proofs/scan-file';
import { proofSummarySchema } from '../store-api/endpoints/proofs';

const uuid = z.uuid('须为 UUID');

export const attachProofArgsSchema = z
  .object({
    applicationId: uuid,
    kind: z.enum(PROOF_SCAN_KIND_CODES, '请选择证明材料的种类'),
    fileName: z.string().trim().min(1, '请选择文件').max(255, '文件名不能超过 255 个字符'),
    bytes: z
      .instanceof(Uint8Array, { message: '文件内容应为字节数组（Uint8Array）' })
      .refine((b) => b.byteLength > 0, '文件为空，请重新选择')
      .refine((b) => b.byteLength <= MAX_PROOF_BYTES, `文件不能超过 ${MAX_PROOF_BYTES / 1024 / 1024} MB，请降低扫描分辨率后重试`),
  })
  .strict();
export type AttachProofArgs = z.infer<typeof attachProofArgsSchema>;

export const deskProofsContract = {
  /** Attaches a scan to an application (reviewers and administrators on its chain). */
  attachProof: method(attachProofArgsSchema, deskOutcome(proofSummarySchema), 'desk-clerk'),
  /** The application's scans, names and sizes only. */
  proofs: method(z.object({ applicationId: uuid }).strict(), deskOutcome(z.array(proofSummarySchema)), 'desk-clerk'),
  /** One scan's bytes, to show (view) or save (download); the store audits each. */
  proofContent: method(
    z.object({ applicationId: uuid, proofId: uuid, purpose: z.enum(['view', 'download']) }).strict(),
    deskOutcome(z.object({ proof: proofSummarySchema, bytes: z.instanceof(Uint8Array) })),
    'desk-clerk',
  ),
} as const satisfies Record<string, MethodSpec>;
