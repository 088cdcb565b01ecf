// What both inmate imports share (the CSV body and the uploaded file, issue #25 item 7): the
// prison the rows go to with the wards the caller may fill, and the all-or-nothing write.
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { conflict, forbidden, invalidField } from '../../http/api-error';
import { covers, scoped } from '../../auth/scope';
import type { Scope } from '../../auth/scope';
import type { StaffCaller } from '../../auth/caller';
import { existingInmateNumbers, insertInmateRows, toInmateRow, type PlacedInmate } from './insert-inmates';

/** The prison an import goes to, and the wards of it the caller may fill. */
export async function importTarget(ctx: AppContext, caller: StaffCaller, scope: Scope, prisonId: string | undefined) {
  let target = prisonId;
  if (target === undefined) {
    if (caller.organisationKind === 'prison') target = caller.organisationId;
    else if (caller.organisationKind === 'ward') {
      const ward = await ctx.db
        .selectFrom('organisations')
        .select('parent_id')
        .where('id', '=', caller.organisationId)
        .executeTakeFirstOrThrow();
      target = ward.parent_id ?? undefined;
    }
  }
  if (target === undefined) throw invalidField('query.prisonId', '请指定导入到哪个监狱（prisonId）');
  const prison = await ctx.db.selectFrom('organisations').select(['id', 'kind']).where('id', '=', target).executeTakeFirst();
  if (!prison || prison.kind !== 'prison') throw invalidField('query.prisonId', '监狱不存在');
  const wards = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'code', 'name'])
    .where('parent_id', '=', prison.id)
    .where('kind', '=', 'ward')
    .where(scoped.organisations(scope))
    .execute();
  if (!covers(scope, prison.id) && wards.length === 0) throw forbidden('无权向该监狱导入罪犯');
  return { prisonId: prison.id, wards };
}

/** Writes every checked row in one transaction, or none. */
export async function commitInmates(ctx: AppContext, prisonId: string, inmates: PlacedInmate[]) {
  const now = nowIso(ctx.clock);
  const rows = inmates.map((inmate) => toInmateRow(inmate, now));
  await ctx.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: a number registered meanwhile aborts the whole import.
    const raced = await existingInmateNumbers(
      trx,
      prisonId,
      rows.map((r) => r.inmate_number),
    );
    if (raced.size > 0) throw conflict(`罪犯编号 ${[...raced].join('、')} 已在本监狱登记，未导入任何记录`);
    await insertInmateRows(trx, rows);
  });
  return rows;
}
