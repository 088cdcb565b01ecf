// One action on an application's open review step (./review-chain): checks
// the step allows it and the caller's organisation does it, then closes the
// step, opens the next one with its due date (R14.1), and updates the
// application — all in one transaction, or nothing.
import type { Kysely } from 'kysely';
import { reviewStepDueDate } from '../../../src-shared/calendar';
import type { ReviewStep } from '../../../src-shared/calendar';
import type { Decision } from '../../../src-shared/regulation';
import type { StaffCaller } from '../../auth/caller';
import { scopeOf } from '../../auth/scope';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import type { Application, Database, ReviewStepRow } from '../../db/schema';
import { conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { newId } from '../../ids';
import { loadCalendar, todayInChina } from '../calendar/load-calendar';
import { queueFamilyNotices } from '../notifications/outbox';
import { assertFree, checkSlotDate, checkSlotRooms, insertVisit, lockForBooking, updateVisit } from '../schedule/book-visit';
import type { Slot } from '../schedule/book-visit';
import { visibleApplications } from './application-scope';
import { decideApplication } from './decide';
import { ACTION_LABELS, CHAIN, mayAct, STATUS_OF_STEP } from './review-chain';
import type { Action } from './review-chain';
import { stepLabel } from './review-chain';

export type ActionInput =
  | { action: 'forward' }
  | { action: 'refuse'; reason?: string | undefined }
  | { action: 'approve'; slot: Slot }
  | { action: 'notify'; how: string; at?: string | undefined }
  | { action: 'consent'; agreed: boolean; how: string; at?: string | undefined; reason?: string | undefined }
  | { action: 'inform-inmate'; at?: string | undefined };

/** The application if the caller sees it (404 otherwise, as for every scoped id). */
export async function findVisibleApplication(ctx: AppContext, me: StaffCaller, id: string): Promise<Application> {
  const scope = await scopeOf(ctx, me);
  const app = await ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('id', '=', id)
    .where(visibleApplications(ctx.db, scope))
    .executeTakeFirst();
  if (!app) throw notFound('申请不存在');
  return app;
}

/** A refusal the rules make names their requirement ids (e.g. R15.1(2)) and reads their sentence by default. */
function refusalFrom(decision: Decision, given: string | undefined): { reason: string; requirementIds: string[] } | null {
  if (decision.outcome === 'refused') return { reason: given ?? decision.message, requirementIds: decision.refusedBy };
  return given === undefined ? null : { reason: given, requirementIds: [] };
}

interface Effect {
  outcome: string;
  reason?: string | null;
  requirementIds?: string[];
  detail?: Record<string, unknown>;
  app?: Partial<Pick<Application, 'outcome' | 'decision' | 'refusal_reason' | 'refusal_requirements' | 'category'>>;
}

async function effectOf(
  ctx: AppContext,
  trx: Kysely<Database>,
  app: Application,
  input: ActionInput,
  today: string,
  now: string,
): Promise<Effect> {
  switch (input.action) {
    case 'forward':
      return { outcome: 'forwarded' };
    case 'refuse': {
      // Recompute against the wished slot (or today) so the refusal cites the rules as they stand.
      const decision = await decideApplication(trx, app, {
        id: app.id,
        date: app.preferred_date !== null && app.preferred_date >= today ? app.preferred_date : today,
        start: app.preferred_start ?? '09:00',
        minutes: Number(app.preferred_minutes),
        roomId: 'unassigned',
        reschedulesVisitId: null,
      });
      const refusal = refusalFrom(decision, input.reason);
      if (refusal === null) throw invalidField('body.reason', '规则未否决该申请，不予批准须写明理由（R8.2、R8.3、R9.1）');
      return {
        outcome: 'refused',
        reason: refusal.reason,
        requirementIds: refusal.requirementIds,
        app: {
          outcome: 'refused',
          decision: JSON.stringify(decision),
          refusal_reason: refusal.reason,
          refusal_requirements: JSON.stringify(refusal.requirementIds),
        },
      };
    }
    case 'approve': {
      const slot = input.slot;
      checkSlotDate(slot, today);
      await checkSlotRooms(trx, slot, app.prison_id, app.partner_id);
      await lockForBooking(ctx, trx, [slot.roomId, slot.remoteRoomId], app.inmate_id);
      const visitId = newId();
      // R8.3 / R9.1: the prison's decision recomputes the rules for the booked slot.
      const decision = await decideApplication(trx, app, {
        id: visitId,
        date: slot.date,
        start: slot.start,
        minutes: slot.minutes,
        roomId: slot.roomId,
        reschedulesVisitId: null,
      });
      if (decision.outcome === 'refused') {
        throw conflict(
          decision.message,
          decision.refusedBy.map((id) => ({
            path: id,
            message: decision.applied.find((a) => a.id === id && a.result === 'failed')?.reason ?? decision.message,
          })),
        );
      }
      await assertFree(trx, slot, app.inmate_id, null);
      await insertVisit(trx, now, {
        id: visitId,
        applicationId: app.id,
        inmateId: app.inmate_id,
        slot,
        priorityRescheduleOf: null,
      });
      return {
        outcome: 'approved',
        detail: {
          visitId,
          date: slot.date,
          start: slot.start,
          minutes: slot.minutes,
          roomId: slot.roomId,
          remoteRoomId: slot.remoteRoomId,
        },
        app: { outcome: 'approved', decision: JSON.stringify(decision), category: decision.category },
      };
    }
    case 'notify':
      return { outcome: 'notified', detail: { how: input.how, at: input.at ?? now } };
    case 'consent': {
      const detail = { how: input.how, at: input.at ?? now, agreed: input.agreed };
      if (input.agreed) return { outcome: 'agreed', detail };
      // R9.2: the relatives decline: the booked visit is released and the reason goes back to the prison.
      if (input.reason === undefined) throw invalidField('body.reason', '亲属不同意会见时须写明理由（R9.2）');
      const visits = await trx
        .selectFrom('visits')
        .select('id')
        .where('application_id', '=', app.id)
        .where('status', '=', 'scheduled')
        .execute();
      for (const v of visits) await updateVisit(trx, now, v.id, { status: 'cancelled' });
      return {
        outcome: 'declined',
        reason: input.reason,
        detail,
        app: { outcome: 'refused', refusal_reason: input.reason, refusal_requirements: JSON.stringify([]) },
      };
    }
    case 'inform-inmate':
      return { outcome: 'informed', detail: { at: input.at ?? now } };
  }
}

export async function act(ctx: AppContext, me: StaffCaller, applicationId: string, input: ActionInput): Promise<Application> {
  const app = await findVisibleApplication(ctx, me, applicationId);
  const step = await ctx.db
    .selectFrom('review_steps')
    .selectAll()
    .where('application_id', '=', app.id)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  const transitions = step ? CHAIN[step.kind as ReviewStep] : undefined;
  if (!step || !transitions || !(input.action in transitions)) {
    const where = step ? `正处于「${stepLabel(step.kind).label}」环节` : '审查已结束';
    throw conflict(`该申请${where}，不能${ACTION_LABELS[input.action]}`);
  }
  const scope = await scopeOf(ctx, me);
  const parent = await ctx.db
    .selectFrom('organisations')
    .select('parent_id')
    .where('id', '=', me.organisationId)
    .executeTakeFirst();
  if (!mayAct(scope, me, parent?.parent_id ?? null, step)) throw forbidden(`「${stepLabel(step.kind).label}」不由本单位办理`);

  const next = transitions[input.action as Action] ?? null;
  const calendar = await loadCalendar(ctx.db);
  const today = todayInChina(ctx.clock);
  // Computed before anything is written: an uncovered calendar year refuses the action whole.
  const nextDue = next === null ? null : reviewStepDueDate(calendar, next.kind, today);
  const now = nowIso(ctx.clock);

  await ctx.db.transaction().execute(async (trx) => {
    const effect = await effectOf(ctx, trx, app, input, today, now);
    const closed = await trx
      .updateTable('review_steps')
      .set({
        done_at: now,
        outcome: effect.outcome,
        reason: effect.reason ?? null,
        // A step opened with its own ids and detail (R9.3: a changed time) keeps them beside the action's.
        requirement_ids:
          effect.requirementIds && effect.requirementIds.length > 0
            ? JSON.stringify(effect.requirementIds)
            : step.requirement_ids,
        detail: effect.detail
          ? JSON.stringify({ ...(step.detail ? (JSON.parse(step.detail) as Record<string, unknown>) : {}), ...effect.detail })
          : step.detail,
        actor_id: me.staffId,
      })
      .where('id', '=', step.id)
      .where('done_at', 'is', null)
      .executeTakeFirst();
    if (Number(closed.numUpdatedRows) !== 1) throw conflict('该环节已由他人办理，请刷新后重试');
    const outcome = effect.app?.outcome ?? app.outcome;
    const opened =
      next !== null && nextDue !== null
        ? await openStep(trx, app.id, step, next.kind, next.at === 'prison' ? app.prison_id : app.partner_id, today, nextDue, now)
        : null;
    const status = next !== null ? (STATUS_OF_STEP[next.kind] ?? app.status) : outcome === 'approved' ? 'approved' : 'refused';
    await trx
      .updateTable('applications')
      .set({ ...effect.app, status, updated_at: now })
      .where('id', '=', app.id)
      .execute();
    // R8.4, R9.2: a step telling the relatives queues their text messages in this same transaction (issue #25 item 8).
    if (opened !== null) {
      await queueFamilyNotices(trx, opened, { now, createdBy: null, statusPageUrl: ctx.config.statusPageUrl });
    }
  });
  return ctx.db.selectFrom('applications').selectAll().where('id', '=', app.id).executeTakeFirstOrThrow();
}

async function openStep(
  trx: Kysely<Database>,
  applicationId: string,
  previous: ReviewStepRow,
  kind: ReviewStep,
  organisationId: string,
  today: string,
  dueOn: string,
  now: string,
): Promise<Pick<ReviewStepRow, 'id' | 'application_id' | 'kind' | 'due_on' | 'requirement_ids'>> {
  const id = newId();
  await trx
    .insertInto('review_steps')
    .values({
      id,
      application_id: applicationId,
      position: Number(previous.position) + 1,
      kind,
      organisation_id: organisationId,
      received_on: today,
      due_on: dueOn,
      done_at: null,
      outcome: null,
      reason: null,
      requirement_ids: null,
      detail: null,
      actor_id: null,
      created_at: now,
    })
    .execute();
  return { id, application_id: applicationId, kind, due_on: dueOn, requirement_ids: null };
}
