// R17.2: after a termination under R17.1(6)–(9) the prison terminal's administrators may
// propose suspending the inmate's visits for 1 to 3 months. The proposal reaches the store as
// an entry of the terminal's verified audit chain (kind call.suspensionProposed); this lists
// those entries for the prison's staff, with the inmate and whether a suspension of that
// inmate has been decided since (the decision itself: POST /api/inmates/:id/suspensions).
import { z } from 'zod';
import type { AppContext } from '../../context';
import type { Scope } from '../../auth/scope';
import { scoped } from '../../auth/scope';
import { suspensionProposalSchema, type SuspensionProposal } from '../../../src-shared/desk/suspension-proposal';

export { suspensionProposalSchema };


const payloadSchema = z.object({
  visitId: z.string(),
  months: z.number().int().min(1).max(3),
  code: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
  note: z.string().optional(),
  operator: z.string().optional(),
  supervisors: z.array(z.string()).optional(),
});

export async function listSuspensionProposals(ctx: AppContext, scope: Scope, open: boolean): Promise<SuspensionProposal[]> {
  const events = await ctx.db
    .selectFrom('terminal_events')
    .select(['terminal_id', 'seq', 'at', 'payload', 'received_at'])
    .where('kind', '=', 'call.suspensionProposed')
    .orderBy('at', 'desc')
    .limit(500)
    .execute();
  const out: SuspensionProposal[] = [];
  for (const e of events) {
    const parsed = payloadSchema.safeParse(JSON.parse(e.payload));
    // A malformed entry is still in the verified chain; it is just not a proposal we can act on.
    if (!parsed.success) continue;
    const p = parsed.data;
    const inmate = await ctx.db
      .selectFrom('visits')
      .innerJoin('inmates', 'inmates.id', 'visits.inmate_id')
      .select(['inmates.id', 'inmates.name', 'inmates.inmate_number'])
      .where('visits.id', '=', p.visitId)
      .where(scoped.inmates(scope))
      .executeTakeFirst();
    if (!inmate) continue;
    const decided = await ctx.db
      .selectFrom('inmate_suspensions')
      .select('id')
      .where('inmate_id', '=', inmate.id)
      // Both times by the store's clock (the terminal's clock may differ).
      .where('created_at', '>=', e.received_at)
      .orderBy('created_at')
      .executeTakeFirst();
    if (open && decided) continue;
    out.push({
      terminalId: e.terminal_id,
      seq: Number(e.seq),
      at: e.at,
      visitId: p.visitId,
      inmateId: inmate.id,
      inmateName: inmate.name,
      inmateNumber: inmate.inmate_number,
      months: p.months,
      code: p.code ?? null,
      reason: p.reason ?? null,
      note: p.note ?? '',
      operator: p.operator ?? '',
      supervisors: p.supervisors ?? [],
      decidedSuspensionId: decided?.id ?? null,
    });
  }
  return out;
}
