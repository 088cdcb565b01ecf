// Organisations (prisons, wards, bureaus, offices under the province) and
// their visitation rooms. Reads are scoped; creation needs an administrator
// whose scope holds the parent.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { newId } from '../../ids';
import { conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireCaller, requireStaff, staffCaller } from '../../auth/authenticate';
import { covers, scopeOf, scoped } from '../../auth/scope';
import { ALLOWED_CHILDREN, ORGANISATION_KIND_LABELS, toOrganisationView, toRoomView } from './organisation-view';
import { organisationEndpoints } from '../../../src-shared/store-api/endpoints/organisations';

export function organisationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(organisationEndpoints.list, { tags: ['organisations'], summary: '本单位及下级单位列表' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const { kind, parentId, limit, offset } = request.query;
        let q = ctx.db.selectFrom('organisations').selectAll().where(scoped.organisations(scope));
        if (kind) q = q.where('kind', '=', kind);
        if (parentId) q = q.where('parent_id', '=', parentId);
        const rows = await q.orderBy('code').limit(limit).offset(offset).execute();
        return rows.map(toOrganisationView);
      },
    });

    app.route({
      ...declaredRoute(organisationEndpoints.get, { tags: ['organisations'] }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const row = await ctx.db
          .selectFrom('organisations')
          .selectAll()
          .where('id', '=', request.params.id)
          .where(scoped.organisations(scope))
          .executeTakeFirst();
        if (!row) throw notFound('单位不存在');
        return toOrganisationView(row);
      },
    });

    app.route({
      ...declaredRoute(organisationEndpoints.create, { tags: ['organisations'], summary: '新建下级单位（管理员）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request, reply) => {
        const body = request.body;
        const scope = await scopeOf(ctx, staffCaller(request));
        if (!covers(scope, body.parentId)) throw forbidden('无权在该单位下新建单位');
        const parent = await ctx.db.selectFrom('organisations').selectAll().where('id', '=', body.parentId).executeTakeFirst();
        if (!parent) throw invalidField('body.parentId', '上级单位不存在');
        if (!ALLOWED_CHILDREN[parent.kind].includes(body.kind)) {
          throw invalidField(
            'body.kind',
            `${ORGANISATION_KIND_LABELS[parent.kind]}下不能设立${ORGANISATION_KIND_LABELS[body.kind]}`,
          );
        }
        const taken = await ctx.db.selectFrom('organisations').select('id').where('code', '=', body.code).executeTakeFirst();
        if (taken) throw conflict(`单位编码 ${body.code} 已被使用`, [{ path: 'body.code', message: '单位编码已被使用' }]);
        const row = {
          id: newId(),
          kind: body.kind,
          parent_id: parent.id,
          code: body.code,
          name: body.name,
          created_at: nowIso(ctx.clock),
        };
        await ctx.db.insertInto('organisations').values(row).execute();
        return reply.code(201).send(toOrganisationView(row));
      },
    });

    app.route({
      ...declaredRoute(organisationEndpoints.rooms, { tags: ['rooms'], summary: '会见室列表' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        let q = ctx.db.selectFrom('rooms').selectAll().where(scoped.rooms(scope));
        if (request.query.organisationId) q = q.where('organisation_id', '=', request.query.organisationId);
        const rows = await q.orderBy('name').limit(request.query.limit).offset(request.query.offset).execute();
        return rows.map(toRoomView);
      },
    });

    app.route({
      ...declaredRoute(organisationEndpoints.room, { tags: ['rooms'], summary: '会见室（终端只能读取本室）' }),
      onRequest: requireCaller(ctx),
      handler: async (request) => {
        const caller = request.caller;
        if (caller?.kind === 'terminal' && caller.roomId !== request.params.id) throw forbidden('终端只能访问本会见室');
        const scope = await scopeOf(ctx, caller ?? staffCaller(request));
        const row = await ctx.db
          .selectFrom('rooms')
          .selectAll()
          .where('id', '=', request.params.id)
          .where(scoped.rooms(scope))
          .executeTakeFirst();
        if (!row) throw notFound('会见室不存在');
        return toRoomView(row);
      },
    });

    app.route({
      ...declaredRoute(organisationEndpoints.createRoom, { tags: ['rooms'], summary: '新建会见室（管理员）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request, reply) => {
        const { organisationId, name } = request.body;
        const scope = await scopeOf(ctx, staffCaller(request));
        if (!covers(scope, organisationId)) throw forbidden('无权在该单位新建会见室');
        const org = await ctx.db.selectFrom('organisations').select('kind').where('id', '=', organisationId).executeTakeFirst();
        if (!org) throw invalidField('body.organisationId', '单位不存在');
        if (org.kind === 'province') throw invalidField('body.organisationId', '省司法厅不设会见室');
        const taken = await ctx.db
          .selectFrom('rooms')
          .select('id')
          .where('organisation_id', '=', organisationId)
          .where('name', '=', name)
          .executeTakeFirst();
        if (taken) throw conflict('该单位已有同名会见室', [{ path: 'body.name', message: '同名会见室已存在' }]);
        const row = { id: newId(), organisation_id: organisationId, name, created_at: nowIso(ctx.clock) };
        await ctx.db.insertInto('rooms').values(row).execute();
        return reply.code(201).send(toRoomView(row));
      },
    });
  };
}
