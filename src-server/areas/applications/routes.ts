// Applications (Forms 1 and 2) and the review chain (R6–R9, R14.1, R14.3):
// receipt, the steps' actions, the warden's exceptions and the review queue.
// Staff only (a terminal gets 403); scoping through auth/scope.ts
// (./application-scope). Actions by reviewers and administrators of the
// organisation whose step it is; exceptions by the inmate's prison's warden.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SITE_KINDS } from '../../../src-shared/organisations/kinds';
import type { AppContext } from '../../context';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { scopeOf } from '../../auth/scope';
import { nowIso } from '../../clock';
import { conflict, forbidden, invalidField } from '../../http/api-error';
import { declaredRoute, type RouteDocs } from '../../http/declared-route';
import { newId } from '../../ids';
import type { Application } from '../../db/schema';
import { todayInChina } from '../calendar/load-calendar';
import { act, findVisibleApplication } from './act';
import type { ActionInput } from './act';
import { visibleApplications } from './application-scope';
import { toRecord, toSummaries } from './application-view';
import { REVIEW_ROLES } from './review-chain';
import { reviewQueue } from './review-queue';
import { previewApplication, submitApplication } from './submit';
import { withdrawApplication } from './withdraw';
import { applicationEndpoints } from '../../../src-shared/store-api/endpoints/applications';

export function applicationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const record = (app: Application) => toRecord(ctx.db, app, todayInChina(ctx.clock));
  const step = (summary: string): RouteDocs => ({ tags: ['applications'], summary });
  const reviewers = requireStaff(ctx, ...REVIEW_ROLES);

  return async (app) => {
    app.route({
      ...declaredRoute(applicationEndpoints.submit, {
        tags: ['applications'],
        summary: '受理会见申请（表一、表二；窗口或线上，R8.1、R9.1；仅工作日受理窗口申请，R14.1）',
      }),
      onRequest: requireStaff(ctx, ...REVIEW_ROLES),
      handler: async (request, reply) => {
        const created = await submitApplication(ctx, staffCaller(request), request.body);
        return reply.code(201).send(await record(created));
      },
    });

    app.route({
      ...declaredRoute(applicationEndpoints.preview, {
        tags: ['applications'],
        summary: '试算：与受理相同的检查和规则判断（含条款编号、首个环节到期日），不保存（窗口录入时实时显示）',
      }),
      onRequest: requireStaff(ctx, ...REVIEW_ROLES),
      handler: async (request) => previewApplication(ctx, staffCaller(request), request.body),
    });

    app.route({
      ...declaredRoute(applicationEndpoints.sites, {
        tags: ['applications'],
        summary: '可选的监狱、司法局、司法所（表二写明监狱，表一写明亲属所在司法局，R8.1、R9.1）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        // A directory of names, not records: every clerk may name any prison or bureau of the province.
        let q = ctx.db
          .selectFrom('organisations')
          .select(['id', 'kind', 'parent_id', 'code', 'name'])
          .where('kind', 'in', SITE_KINDS);
        if (request.query.kind) q = q.where('kind', '=', request.query.kind);
        const rows = await q.orderBy('kind').orderBy('code').execute();
        return rows.map((o) => ({ id: o.id, kind: o.kind, parentId: o.parent_id, code: o.code, name: o.name }));
      },
    });

    app.route({
      ...declaredRoute(applicationEndpoints.rooms, {
        tags: ['applications'],
        summary: '安排会见可选的会见室：监狱一方与亲属一方（司法局及其司法所，或另一所监狱，R6.2、R7.1）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const application = await findVisibleApplication(ctx, staffCaller(request), request.params.id);
        const roomsOf = (orgs: string[]) =>
          ctx.db
            .selectFrom('rooms')
            .select(['id', 'organisation_id', 'name'])
            .where('organisation_id', 'in', orgs)
            .orderBy('name')
            .orderBy('id')
            .execute();
        // The prison's rooms are at the prison or its wards; the relatives' side is the partner and, for a bureau, its offices (R6.2).
        const below = async (id: string) => [
          id,
          ...(await ctx.db.selectFrom('organisations').select('id').where('parent_id', '=', id).execute()).map((o) => o.id),
        ];
        const [prisonRooms, partnerRooms] = await Promise.all([
          roomsOf(await below(application.prison_id)),
          roomsOf(await below(application.partner_id)),
        ]);
        const view = (r: { id: string; organisation_id: string; name: string }) => ({
          id: r.id,
          organisationId: r.organisation_id,
          name: r.name,
        });
        return { prisonRooms: prisonRooms.map(view), partnerRooms: partnerRooms.map(view) };
      },
    });

    app.route({
      ...declaredRoute(applicationEndpoints.list, { tags: ['applications'], summary: '申请列表（按本单位范围）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const { status, inmateId, limit, offset } = request.query;
        let q = ctx.db.selectFrom('applications').selectAll().where(visibleApplications(ctx.db, scope));
        if (status) q = q.where('status', '=', status);
        if (inmateId) q = q.where('inmate_id', '=', inmateId);
        return toSummaries(ctx.db, await q.orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute());
      },
    });

    app.route({
      ...declaredRoute(applicationEndpoints.get, {
        tags: ['applications'],
        summary: '申请详情：申请人、规则判断、各环节到期日、会见安排',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => record(await findVisibleApplication(ctx, staffCaller(request), request.params.id)),
    });

    const run = async (request: { params: { id: string } } & Parameters<typeof staffCaller>[0], input: ActionInput) =>
      record(await act(ctx, staffCaller(request), request.params.id, input));

    app.route({
      ...declaredRoute(applicationEndpoints.forward, step('审核通过，转交下一环节（司法所初审 → 司法局审核 → 监狱审批，R8.2）')),
      onRequest: reviewers,
      handler: async (request) => run(request, { action: 'forward' }),
    });
    app.route({
      ...declaredRoute(applicationEndpoints.refuse, step('不予批准并写明理由；规则否决时记录其条款编号（R8.2、R8.3、R9.1）')),
      onRequest: reviewers,
      handler: async (request) => run(request, { action: 'refuse', reason: request.body.reason }),
    });
    app.route({
      ...declaredRoute(applicationEndpoints.approve, step('监狱批准并安排时间与双方会见室（R8.3、R9.1）')),
      onRequest: reviewers,
      handler: async (request) => run(request, { action: 'approve', slot: request.body }),
    });
    app.route({
      ...declaredRoute(applicationEndpoints.notify, step('司法局登记已通知亲属：方式与时间（R8.4）')),
      onRequest: reviewers,
      handler: async (request) => run(request, { action: 'notify', how: request.body.how, at: request.body.at }),
    });
    app.route({
      ...declaredRoute(applicationEndpoints.consent, step('司法局登记亲属是否同意并回复监狱（R9.2）')),
      onRequest: reviewers,
      handler: async (request) =>
        run(request, {
          action: 'consent',
          agreed: request.body.agreed,
          how: request.body.how,
          at: request.body.at,
          reason: request.body.reason,
        }),
    });
    app.route({
      ...declaredRoute(applicationEndpoints.informInmate, step('监狱登记已告知罪犯（R9.3）')),
      onRequest: reviewers,
      handler: async (request) => run(request, { action: 'inform-inmate', at: request.body.at }),
    });

    app.route({
      ...declaredRoute(
        applicationEndpoints.withdraw,
        step('申请人撤回申请：任何环节均可，记入审查环节；已安排的会见随之取消，终端当日名单随之撤下'),
      ),
      onRequest: reviewers,
      handler: async (request) =>
        record(await withdrawApplication(ctx, staffCaller(request), request.params.id, request.body.reason)),
    });

    app.route({
      ...declaredRoute(applicationEndpoints.exception, {
        tags: ['applications'],
        summary: '监狱长批准例外：延长时间、增加次数或人数、非规定时间（R14.3）',
      }),
      onRequest: requireStaff(ctx, 'warden'),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const application = await findVisibleApplication(ctx, me, request.params.id);
        // R14.3: the warden of the inmate's own prison, nobody else.
        if (me.organisationId !== application.prison_id) throw forbidden('只有罪犯所在监狱的监狱长可以批准例外（R14.3）');
        if (application.status === 'refused') throw conflict('申请已不予批准，不能再批准例外');
        const b = request.body;
        const today = todayInChina(ctx.clock);
        if (b.visitDate < today) throw invalidField('body.visitDate', '会见日期已过');
        const staff = await ctx.db
          .selectFrom('staff')
          .select('display_name')
          .where('id', '=', me.staffId)
          .executeTakeFirstOrThrow();
        await ctx.db
          .insertInto('warden_exceptions')
          .values({
            id: newId(),
            inmate_id: application.inmate_id,
            prison_id: application.prison_id,
            application_id: application.id,
            lifts: b.lifts,
            visit_date: b.visitDate,
            max_minutes: b.lifts === 'duration' ? (b.maxMinutes ?? null) : null,
            max_visitors: b.lifts === 'visitor-count' ? (b.maxVisitors ?? null) : null,
            reason: b.reason,
            approved_by: me.staffId,
            approved_by_name: staff.display_name,
            approved_on: today,
            created_at: nowIso(ctx.clock),
          })
          .execute();
        request.log.info({ applicationId: application.id, lifts: b.lifts }, 'warden exception approved');
        return reply.code(201).send(await record(application));
      },
    });

    app.route({
      ...declaredRoute(applicationEndpoints.reviewQueue, {
        tags: ['applications'],
        summary: '待办：本单位待办理的审查环节及到期日，逾期在前（R14.1）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => reviewQueue(ctx, staffCaller(request), request.query.limit),
    });
  };
}
