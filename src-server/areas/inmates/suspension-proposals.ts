// R17.2: the suspension proposals prison terminals made (rows written at sync by
// ./record-proposals.ts, only from the prison-side terminal of a visit whose call started),
// listed for the prison's staff with the inmate and whether a suspension of that inmate has
// been decided since (the decision itself: POST /api/inmates/:id/suspensions). Scoped to the
// caller's organisation in the query, before the limit.
import type { AppContext } from '../../context';
import type { Scope } from '../../auth/scope';
import { scoped } from '../../auth/scope';
import { suspensionProposalSchema, type SuspensionProposal } from '../../../src-shared/desk/suspension-proposal';

export { suspensionProposalSchema };

const LIMIT = 500;

export async function listSuspensionProposals(ctx: AppContext, scope: Scope, open: boolean): Promise<SuspensionProposal[]> {
  const rows = await ctx.db
    .selectFrom('suspension_proposals')
    .innerJoin('inmates', 'inmates.id', 'suspension_proposals.inmate_id')
    .selectAll('suspension_proposals')
    .select(['inmates.name as inmate_name', 'inmates.inmate_number'])
    .where(scoped.inmates(scope))
    .$if(open, (q) =>
      q.where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('inmate_suspensions')
              .select('inmate_suspensions.id')
              .whereRef('inmate_suspensions.inmate_id', '=', 'suspension_proposals.inmate_id')
              .whereRef('inmate_suspensions.created_at', '>=', 'suspension_proposals.received_at'),
          ),
        ),
      ),
    )
    // By the store's clock: a terminal's clock (or a forged date) cannot push others off the list.
    .orderBy('suspension_proposals.received_at', 'desc')
    .orderBy('suspension_proposals.seq', 'desc')
    .limit(LIMIT)
    .execute();
  const out: SuspensionProposal[] = [];
  for (const r of rows) {
    const decided = await ctx.db
      .selectFrom('inmate_suspensions')
      .select('id')
      .where('inmate_id', '=', r.inmate_id)
      // Both times by the store's clock (the terminal's clock may differ).
      .where('created_at', '>=', r.received_at)
      .orderBy('created_at')
      .executeTakeFirst();
    out.push({
      terminalId: r.terminal_id,
      seq: Number(r.seq),
      at: r.at,
      visitId: r.visit_id,
      inmateId: r.inmate_id,
      inmateName: r.inmate_name,
      inmateNumber: r.inmate_number,
      months: Number(r.months),
      code: r.code,
      reason: r.reason,
      note: r.note,
      operator: r.operator,
      supervisors: JSON.parse(r.supervisors) as string[],
      decidedSuspensionId: decided?.id ?? null,
    });
  }
  return out;
}
