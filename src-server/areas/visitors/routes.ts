// Visitors (relatives and guardians) with their identity document and their
// relationship to inmates (R36.1, R37.1; proofs R35.1). A bureau or office
// registers and sees its own visitors; a prison sees those related to its
// inmates (scoping: auth/scope.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { newId } from '../../ids';
import { conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { covers, scopeOf, scoped } from '../../auth/scope';
import type { Visitor } from '../../db/schema';
import { toVisitorRecords } from './visitor-view';
import { visitorEndpoints } from '../../../src-shared/store-api/endpoints/visitors';

const WRITERS = ['administrator', 'reviewer'] as const;

export function visitorRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const visitorRecord = async (row: Visitor) => {
    const [record] = await toVisitorRecords(ctx.db, [row]);
    if (!record) throw new Error('unreachable: visitor record');
    return record;
  };

  return async (app) => {
    app.route({
      ...declaredRoute(visitorEndpoints.list, { tags: ['visitors'], summary: '会见人列表（按本单位范围）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const { documentNumber, name, limit, offset } = request.query;
        let q = ctx.db.selectFrom('visitors').selectAll().where(scoped.visitors(scope));
        if (documentNumber) q = q.where('document_number', '=', documentNumber.trim().toUpperCase());
        if (name) q = q.where('name', '=', name);
        const rows = await q.orderBy('created_at').orderBy('id').limit(limit).offset(offset).execute();
        return toVisitorRecords(ctx.db, rows);
      },
    });

    app.route({
      ...declaredRoute(visitorEndpoints.get, { tags: ['visitors'] }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const row = await ctx.db
          .selectFrom('visitors')
          .selectAll()
          .where('id', '=', request.params.id)
          .where(scoped.visitors(scope))
          .executeTakeFirst();
        if (!row) throw notFound('会见人不存在');
        return visitorRecord(row);
      },
    });

    app.route({
      ...declaredRoute(visitorEndpoints.create, { tags: ['visitors'], summary: '登记会见人（管理员、审核人员）' }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const body = request.body;
        const organisationId = body.organisationId ?? me.organisationId;
        if (!covers(await scopeOf(ctx, me), organisationId)) throw forbidden('无权在其他单位登记会见人');
        const org = await ctx.db.selectFrom('organisations').select('kind').where('id', '=', organisationId).executeTakeFirst();
        if (!org) throw invalidField('body.organisationId', '单位不存在');
        if (org.kind === 'province') throw invalidField('body.organisationId', '会见人须登记在司法局、司法所或监狱');
        const number = body.document.number.toUpperCase();
        const taken = await ctx.db
          .selectFrom('visitors')
          .select('id')
          .where('organisation_id', '=', organisationId)
          .where('document_kind', '=', body.document.kind)
          .where('document_number', '=', number)
          .executeTakeFirst();
        if (taken) throw conflict('该证件号码的会见人已登记', [{ path: 'body.document.number', message: '已登记' }]);
        const row = {
          id: newId(),
          organisation_id: organisationId,
          name: body.name,
          document_kind: body.document.kind,
          document_number: number,
          phone: body.phone ?? null,
          address: body.address ?? null,
          created_by: me.staffId,
          created_at: nowIso(ctx.clock),
        };
        await ctx.db.insertInto('visitors').values(row).execute();
        return reply.code(201).send(await visitorRecord(row));
      },
    });

    app.route({
      ...declaredRoute(visitorEndpoints.addRelationship, {
        tags: ['visitors'],
        summary: '登记会见人与罪犯的关系（R36.1、R37.1，证明 R35.1）',
      }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const scope = await scopeOf(ctx, me);
        const visitor = await ctx.db
          .selectFrom('visitors')
          .selectAll()
          .where('id', '=', request.params.id)
          .where(scoped.visitors(scope))
          .executeTakeFirst();
        if (!visitor) throw notFound('会见人不存在');
        // A relative applies at a bureau for an inmate in any prison (R6.1), so a bureau may name
        // any inmate; prison-side staff only their own.
        const prisonSide = me.organisationKind === 'prison' || me.organisationKind === 'ward';
        let inmateQuery = ctx.db.selectFrom('inmates').select('id').where('id', '=', request.body.inmateId);
        if (prisonSide) inmateQuery = inmateQuery.where(scoped.inmates(scope));
        if (!(await inmateQuery.executeTakeFirst())) throw invalidField('body.inmateId', '罪犯不存在');
        const existing = await ctx.db
          .selectFrom('visitor_relationships')
          .select('id')
          .where('visitor_id', '=', visitor.id)
          .where('inmate_id', '=', request.body.inmateId)
          .executeTakeFirst();
        if (existing) throw conflict('已登记该会见人与该罪犯的关系', [{ path: 'body.inmateId', message: '关系已登记' }]);
        await ctx.db
          .insertInto('visitor_relationships')
          .values({
            id: newId(),
            visitor_id: visitor.id,
            inmate_id: request.body.inmateId,
            relationship: request.body.relationship,
            proofs: JSON.stringify([...new Set(request.body.proofs)]),
            created_by: me.staffId,
            created_at: nowIso(ctx.clock),
          })
          .execute();
        return reply.code(201).send(await visitorRecord(visitor));
      },
    });
  };
}
