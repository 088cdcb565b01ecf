// The legal hold (issue #19 item 3): a visit whose recordings are evidence in a case is kept
// past the retention period (R13.1) until the hold is lifted. This module is the one writer
// of recording_legal_holds (migration 0014); retention asks it through
// recordings/retention.ts recordingsDueForDeletion.
import type { StaffCaller } from '../../auth/caller';
import { nowIso } from '../../clock';
import type { AppContext } from '../../context';

export interface LegalHoldView {
  by: string;
  at: string;
  reason: string;
}

export async function holdsOf(ctx: AppContext, visitIds: readonly string[]): Promise<Map<string, LegalHoldView>> {
  if (visitIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('recording_legal_holds')
    .innerJoin('staff', 'staff.id', 'recording_legal_holds.held_by')
    .select([
      'recording_legal_holds.visit_id',
      'recording_legal_holds.held_at',
      'recording_legal_holds.reason',
      'staff.display_name',
    ])
    .where('recording_legal_holds.visit_id', 'in', visitIds)
    .execute();
  return new Map(rows.map((r) => [r.visit_id, { by: r.display_name, at: r.held_at, reason: r.reason }]));
}

/** Sets (or renews the reason of) the hold, or lifts it; answers the hold now in force. */
export async function setHold(
  ctx: AppContext,
  me: StaffCaller,
  visitId: string,
  held: boolean,
  reason: string,
): Promise<LegalHoldView | null> {
  if (!held) {
    await ctx.db.deleteFrom('recording_legal_holds').where('visit_id', '=', visitId).execute();
    return null;
  }
  const at = nowIso(ctx.clock);
  await ctx.db
    .insertInto('recording_legal_holds')
    .values({ visit_id: visitId, held_by: me.staffId, held_at: at, reason })
    .onConflict((oc) => oc.column('visit_id').doUpdateSet({ held_by: me.staffId, held_at: at, reason }))
    .execute();
  return (await holdsOf(ctx, [visitId])).get(visitId) ?? null;
}
