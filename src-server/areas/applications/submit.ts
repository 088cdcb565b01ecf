// Receiving an application (R6.1, R6.2, R7.1, R8.1, R9.1, R14.1):
// Form 2 at an office (first review there, R8.2), at a bureau (its review),
// or at the relative's own prison when the relative is an inmate too (R7.1:
// that prison takes the bureau's part); Form 1 at the inmate's prison (R9.1).
// R14.1: the desk accepts on working days only; an online application that
// arrives on a day off is stored with that day and its first step counts
// from the next working day (reviewStepDueDate). The regulation's decision is
// stored with it; a refusal by the rules does not stop the receipt — the
// reviewers see it and refuse with the requirement ids.
import { formatZhDate, REVIEW_STEPS, reviewStepDueDate } from '../../../src-shared/calendar';
import type { ApplicationPreview } from '../../../src-shared/desk/records';
import type { Decision } from '../../../src-shared/regulation';
import type { ReviewStep } from '../../../src-shared/calendar';
import type { StaffCaller } from '../../auth/caller';
import { covers, scopeOf, scoped } from '../../auth/scope';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import type { Application, ApplicationPath } from '../../db/schema';
import { conflict, forbidden, invalidField } from '../../http/api-error';
import { newId } from '../../ids';
import { loadCalendar, todayInChina } from '../calendar/load-calendar';
import type { SubmitBody } from '../../../src-shared/store-api/endpoints/applications';
import { decideApplication } from './decide';
import { decisionForApplicant } from './applicant-decision';
import { auditStaffAction } from '../audit/staff-audit';
import { STATUS_OF_STEP } from './review-chain';

interface Route {
  path: ApplicationPath;
  partnerId: string;
  first: ReviewStep;
  firstAt: string;
}

async function routeOf(
  ctx: AppContext,
  body: SubmitBody,
  receiver: { id: string; kind: string; parent_id: string | null },
  inmatePrisonId: string,
): Promise<Route> {
  if (body.form === 'form-1') {
    if (receiver.id !== inmatePrisonId) throw invalidField('body.organisationId', '表一由罪犯所在监狱受理（R6.1）');
    if (body.relativesBureauId === undefined)
      throw invalidField('body.relativesBureauId', '表一须写明亲属所在的县（市、区）司法局（R9.1）');
    const bureau = await ctx.db
      .selectFrom('organisations')
      .select('kind')
      .where('id', '=', body.relativesBureauId)
      .executeTakeFirst();
    if (bureau?.kind !== 'bureau') throw invalidField('body.relativesBureauId', '须为县（市、区）司法局');
    return {
      path: 'inmate',
      partnerId: body.relativesBureauId,
      first: 'prison-decision-inmate-application',
      firstAt: inmatePrisonId,
    };
  }
  if (receiver.kind === 'office' && receiver.parent_id !== null)
    return { path: 'relative', partnerId: receiver.parent_id, first: 'office-first-review', firstAt: receiver.id };
  if (receiver.kind === 'bureau')
    return { path: 'relative', partnerId: receiver.id, first: 'bureau-review', firstAt: receiver.id };
  if (receiver.kind === 'prison' && receiver.id !== inmatePrisonId)
    return { path: 'prison-to-prison', partnerId: receiver.id, first: 'bureau-review', firstAt: receiver.id };
  throw invalidField('body.organisationId', '表二由司法所、县（市、区）司法局受理，或由亲属服刑的另一所监狱受理（R6.1、R7.1）');
}

/** Thrown inside the transaction to undo a preview's rows once its decision is known. */
class PreviewRollback extends Error {
  constructor(readonly decision: Decision) {
    super('preview rollback');
  }
}

export async function submitApplication(ctx: AppContext, me: StaffCaller, body: SubmitBody): Promise<Application> {
  return (await receive(ctx, me, body, false)).app;
}

/**
 * What submitting would decide (shown while the clerk types): the
 * same checks and the same decision as submitApplication, inside a
 * transaction that is always rolled back, so no application is stored. A day
 * off (R14.1) is reported, not refused. A caller who cannot see the inmate (a
 * bureau or office on Form 2) gets the decision as it concerns the applicants
 * and a neutral sentence, not the prison's records (./applicant-decision).
 * Every preview is kept in staff_audit: it reads an inmate's records.
 */
export async function previewApplication(ctx: AppContext, me: StaffCaller, body: SubmitBody): Promise<ApplicationPreview> {
  const { app, decision, route, dueOn, acceptedToday } = await receive(ctx, me, body, true);
  const step = REVIEW_STEPS[route.first];
  const scope = await scopeOf(ctx, me);
  const seesInmate =
    (await ctx.db
      .selectFrom('inmates')
      .select('id')
      .where('id', '=', app.inmate_id)
      .where(scoped.inmates(scope))
      .executeTakeFirst()) !== undefined;
  await auditStaffAction(ctx, me, 'application.preview', app.inmate_id, {
    form: app.form,
    prisonId: app.prison_id,
    organisationId: app.organisation_id,
    outcome: decision.outcome,
    shown: seesInmate ? 'full' : 'applicant',
  });
  return {
    decision: seesInmate ? (decision as ApplicationPreview['decision']) : decisionForApplicant(decision),
    path: route.path,
    firstStep: {
      kind: route.first,
      label: step.label,
      requirement: step.requirement,
      organisationId: route.firstAt,
      receivedOn: app.received_on,
      dueOn,
    },
    acceptedToday,
  };
}

async function receive(
  ctx: AppContext,
  me: StaffCaller,
  body: SubmitBody,
  preview: boolean,
): Promise<{ app: Application; decision: Decision; route: Route; dueOn: string; acceptedToday: boolean }> {
  const scope = await scopeOf(ctx, me);
  const organisationId = body.organisationId ?? me.organisationId;
  if (!covers(scope, organisationId) || me.organisationKind === 'province') throw forbidden('只能在本单位受理申请');
  const receiver = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'kind', 'parent_id'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!receiver) throw invalidField('body.organisationId', '单位不存在');

  // R6.1: a relative applies at a bureau for an inmate of any prison; prison-side staff only for their own.
  let inmateQuery = ctx.db.selectFrom('inmates').select(['id', 'prison_id']).where('id', '=', body.inmateId);
  if (body.form === 'form-1') inmateQuery = inmateQuery.where(scoped.inmates(scope));
  const inmate = await inmateQuery.executeTakeFirst();
  if (!inmate) throw invalidField('body.inmateId', '罪犯不存在');
  const route = await routeOf(ctx, body, receiver, inmate.prison_id);

  // Visitors named must be ones the caller can see.
  for (const [i, person] of body.applicants.entries()) {
    if (person.visitorId === undefined) continue;
    const known = await ctx.db
      .selectFrom('visitors')
      .select('id')
      .where('id', '=', person.visitorId)
      .where(scoped.visitors(scope))
      .executeTakeFirst();
    if (!known) throw invalidField(`body.applicants.${i}.visitorId`, '会见人不存在');
  }

  const calendar = await loadCalendar(ctx.db);
  const today = todayInChina(ctx.clock);
  const acceptedToday = body.channel !== 'desk' || calendar.acceptsApplications(today);
  if (!acceptedToday && !preview) {
    const day = calendar.describeDay(today);
    throw conflict(
      `根据《云南省远程视频会见管理办法》第十四条（R14.1），会见申请只在工作日受理；${formatZhDate(today)}${day.name ? `（${day.name.split(',')[1] ?? day.name}）` : ''}不是工作日，请于${formatZhDate(calendar.nextWorkingDayOnOrAfter(today))}再来申请。`,
      [{ path: 'R14.1', message: `${today} 不是工作日` }],
    );
  }
  const dueOn = reviewStepDueDate(calendar, route.first, today);

  const id = newId();
  const now = nowIso(ctx.clock);
  const preferredMinutes = body.preferred?.minutes ?? 30;
  const app: Application = {
    id,
    form: body.form,
    channel: body.channel,
    path: route.path,
    inmate_id: inmate.id,
    prison_id: inmate.prison_id,
    organisation_id: receiver.id,
    partner_id: route.partnerId,
    status: STATUS_OF_STEP[route.first] ?? 'bureau-review',
    outcome: null,
    category: 'family',
    received_on: today,
    preferred_date: body.preferred?.date ?? null,
    preferred_start: body.preferred?.start ?? null,
    preferred_minutes: preferredMinutes,
    decision: '',
    refusal_reason: null,
    refusal_requirements: null,
    languages: JSON.stringify(body.languages),
    withdrawn_reason: null,
    created_by: me.staffId,
    created_at: now,
    updated_at: now,
  };
  // Set inside the transaction's callback (an object, so the type is not narrowed to null).
  const decided: { value: Decision | null } = { value: null };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('applications')
        .values({ ...app, decision: '{}' })
        .execute();
      await trx
        .insertInto('applicants')
        .values(
          body.applicants.map((p, position) => ({
            id: newId(),
            application_id: id,
            position,
            name: p.name,
            role: JSON.stringify(p.role),
            document_kind: p.document.kind,
            document_number: p.document.number.toUpperCase(),
            address: p.address,
            phone: p.phone,
            visitor_id: p.visitorId ?? null,
          })),
        )
        .execute();
      // Until a slot is booked the rules are checked against the wished date, or the day the review starts.
      const decision = await decideApplication(trx, app, {
        id,
        date: app.preferred_date ?? calendar.nextWorkingDayOnOrAfter(today),
        start: app.preferred_start ?? '09:00',
        minutes: preferredMinutes,
        roomId: 'unassigned',
        reschedulesVisitId: null,
      });
      decided.value = decision;
      if (preview) throw new PreviewRollback(decision);
      app.decision = JSON.stringify(decision);
      app.category = decision.category;
      await trx
        .updateTable('applications')
        .set({ decision: app.decision, category: app.category })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('review_steps')
        .values({
          id: newId(),
          application_id: id,
          position: 1,
          kind: route.first,
          organisation_id: route.firstAt,
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
    });
  } catch (err) {
    if (!(err instanceof PreviewRollback)) throw err;
  }
  if (decided.value === null) throw new Error('unreachable: no decision');
  return { app, decision: decided.value, route, dueOn, acceptedToday };
}
