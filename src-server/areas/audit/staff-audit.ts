// Staff actions the store keeps on the record although they change nothing else (table
// staff_audit, migration 0009): e.g. an application preview, which runs the regulation's
// decision over an inmate's records and used to leave no trace.
import type { StaffCaller } from '../../auth/caller';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { newId } from '../../ids';

export async function auditStaffAction(
  ctx: AppContext,
  me: StaffCaller,
  action: string,
  subjectId: string | null,
  detail: Record<string, unknown>,
): Promise<void> {
  await ctx.db
    .insertInto('staff_audit')
    .values({
      id: newId(),
      at: nowIso(ctx.clock),
      staff_id: me.staffId,
      organisation_id: me.organisationId,
      action,
      subject_id: subjectId,
      detail: JSON.stringify(detail),
    })
    .execute();
}
