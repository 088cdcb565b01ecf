// The applicant withdraws an application (issue 25 item 5) at any step before the visit
// is held: the open step closes with outcome 'withdrawn', a done 'withdrawal' step records
// who, when and why, a booked visit is cancelled (its change sequence bumped, so both rooms'
// terminals drop it from their day), and the application leaves every queue. One
// transaction, or nothing. Any party of the chain that sees the application takes it (the
// applicant may tell whichever desk); the province oversees but takes none (R29.1).
import type { Kysely } from 'kysely';
import type { StaffCaller } from '../../auth/caller';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import type { Application, Database } from '../../db/schema';
import { conflict, forbidden } from '../../http/api-error';
import { newId } from '../../ids';
import { todayInChina } from '../calendar/load-calendar';
import { updateVisit } from '../schedule/book-visit';
import { findVisibleApplication } from './act';
import { cancelQueued } from '../notifications/outbox';

/** Visit states after which there is nothing left to withdraw (it took place). */
const HELD: ReadonlySet<string> = new Set(['completed', 'terminated']);

/** Why an application cannot be withdrawn, or null when it can (pure, for the unit tests). */
export function withdrawRefusal(status: string, outcome: string | null, visitStatuses: readonly string[]): string | null {
  if (status === 'withdrawn') return '该申请已撤回';
  if (outcome === 'refused') return '该申请已不予批准，无需撤回';
  if (visitStatuses.some((s) => HELD.has(s))) return '会见已经举行，不能撤回申请';
  return null;
}

export async function withdrawApplication(
  ctx: AppContext,
  me: StaffCaller,
  applicationId: string,
  reason: string,
): Promise<Application> {
  if (me.organisationKind === 'province') throw forbidden('省厅监督各环节，不代为办理撤回');
  const app = await findVisibleApplication(ctx, me, applicationId);
  const now = nowIso(ctx.clock);
  const today = todayInChina(ctx.clock);
  await ctx.db.transaction().execute(async (trx) => {
    const visits = await trx.selectFrom('visits').select(['id', 'status']).where('application_id', '=', app.id).execute();
    const current = await trx
      .selectFrom('applications')
      .select(['status', 'outcome'])
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    const refusal = withdrawRefusal(
      current.status,
      current.outcome,
      visits.map((v) => v.status),
    );
    if (refusal !== null) throw conflict(refusal);
    const cancelled: string[] = [];
    for (const v of visits) {
      if (v.status !== 'scheduled') continue;
      await updateVisit(trx, now, v.id, { status: 'cancelled' });
      cancelled.push(v.id);
    }
    await trx
      .updateTable('review_steps')
      .set({ done_at: now, outcome: 'withdrawn', reason, actor_id: me.staffId })
      .where('application_id', '=', app.id)
      .where('done_at', 'is', null)
      .execute();
    await recordWithdrawal(trx, app.id, me, today, now, reason, cancelled);
    // Issue #25 item 8: a text still waiting would tell them of a decision that no longer stands.
    await cancelQueued(trx, app.id, now);
    const updated = await trx
      .updateTable('applications')
      .set({ status: 'withdrawn', withdrawn_reason: reason, updated_at: now })
      .where('id', '=', app.id)
      .where('status', '=', current.status)
      .executeTakeFirst();
    // Another clerk acted meanwhile: undo everything, the clerk looks again.
    if (Number(updated.numUpdatedRows) !== 1) throw conflict('该申请已由他人办理，请刷新后重试');
  });
  return ctx.db.selectFrom('applications').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
}

async function recordWithdrawal(
  trx: Kysely<Database>,
  applicationId: string,
  me: StaffCaller,
  today: string,
  now: string,
  reason: string,
  cancelledVisitIds: string[],
): Promise<void> {
  const last = await trx
    .selectFrom('review_steps')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  await trx
    .insertInto('review_steps')
    .values({
      id: newId(),
      application_id: applicationId,
      position: Number(last?.position ?? 0) + 1,
      kind: 'withdrawal',
      organisation_id: me.organisationId,
      received_on: today,
      due_on: today,
      done_at: now,
      outcome: 'withdrawn',
      reason,
      requirement_ids: null,
      detail: JSON.stringify({ cancelledVisitIds }),
      actor_id: me.staffId,
      created_at: now,
    })
    .execute();
}
