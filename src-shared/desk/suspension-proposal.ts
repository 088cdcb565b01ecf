// R17.2: a suspension proposal from a prison terminal (an entry of its audit chain), as the
// central store lists it to the prison's desk (GET /api/suspension-proposals).
import { z } from 'zod';

export const suspensionProposalSchema = z.object({
  terminalId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  visitId: z.string(),
  inmateId: z.string(),
  inmateName: z.string(),
  inmateNumber: z.string(),
  months: z.number().int().min(1).max(3),
  /** The R17.1 item the visit was terminated under, and its text. */
  code: z.string().nullable(),
  reason: z.string().nullable(),
  note: z.string(),
  operator: z.string(),
  supervisors: z.array(z.string()),
  /** A suspension of this inmate recorded after the proposal, if any. */
  decidedSuspensionId: z.string().nullable(),
});
export type SuspensionProposal = z.infer<typeof suspensionProposalSchema>;
