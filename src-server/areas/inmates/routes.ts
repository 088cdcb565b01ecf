// Inmate records of a prison: create, read, bulk import from CSV, and the
// entries the regulation module reads: status periods (R15.1), penalties
// (R15.1(4)), suspensions (R17.2). Reads are scoped (a prison sees only its
// inmates, a ward only its own); writes need an administrator or the warden.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { newId } from '../../ids';
import { ApiError, badRequest, conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { covers, scopeOf, scoped } from '../../auth/scope';
import type { Scope } from '../../auth/scope';
import { checkInmateCsv } from './import-csv';
import { decodeText } from '../../imports/decode-text';
import { commitInmates, importTarget } from './import-target';
import { importFileRoutes } from './import-file-route';
import { loadInmateRecord, toInmateSummary, wardNamesOf } from './inmate-view';
import { existingInmateNumbers, insertInmateRows, toInmateRow } from './insert-inmates';
import { listSuspensionProposals } from './suspension-proposals';
import { inmateEndpoints } from '../../../src-shared/store-api/endpoints/inmates';

const CSV_BODY_LIMIT = 10 * 1024 * 1024;
const WRITERS = ['administrator', 'warden'] as const;

export function inmateRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const findInmate = async (id: string, scope: Scope) => {
    const row = await ctx.db
      .selectFrom('inmates')
      .selectAll()
      .where('id', '=', id)
      .where(scoped.inmates(scope))
      .executeTakeFirst();
    if (!row) throw notFound('罪犯记录不存在');
    return row;
  };

  return async (app) => {
    // The bytes as sent: a CSV from Excel on Chinese Windows is GBK, whatever its charset says
    // (issue #25 item 7); decodeText reads UTF-8 (BOM or not), GB18030 or UTF-16LE, or refuses.
    app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) => {
      const decoded = decodeText(body as Buffer);
      if (decoded.ok) done(null, decoded.text);
      else done(badRequest(decoded.message), undefined);
    });

    app.route({
      ...declaredRoute(inmateEndpoints.list, { tags: ['inmates'], summary: '罪犯列表（按本单位范围）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const { wardId, inmateNumber, name, limit, offset } = request.query;
        let q = ctx.db.selectFrom('inmates').selectAll().where(scoped.inmates(scope));
        if (wardId) q = q.where('ward_id', '=', wardId);
        if (inmateNumber) q = q.where('inmate_number', '=', inmateNumber);
        if (name) q = q.where('name', '=', name);
        const rows = await q.orderBy('inmate_number').orderBy('id').limit(limit).offset(offset).execute();
        const wardNames = await wardNamesOf(ctx.db, rows);
        return rows.map((row) => toInmateSummary(row, wardNames));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.lookup, {
        tags: ['inmates'],
        summary: '按监狱、罪犯编号和姓名查找罪犯（表二：亲属在司法局申请时写明监狱与罪犯，R6.1、R8.1）',
        description: '编号与姓名须同时一致；只答复填写申请所需的编号、姓名和监狱，不含其他记录。',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const { prisonId, inmateNumber, name } = request.query;
        // Both must match: a clerk cannot browse another prison's inmates, only confirm the one the applicant names.
        const rows = await ctx.db
          .selectFrom('inmates')
          .innerJoin('organisations', 'organisations.id', 'inmates.prison_id')
          .select([
            'inmates.id',
            'inmates.inmate_number',
            'inmates.name',
            'inmates.prison_id',
            'organisations.name as prison_name',
          ])
          .where('inmates.prison_id', '=', prisonId)
          .where('inmates.inmate_number', '=', inmateNumber)
          .where('inmates.name', '=', name)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          inmateNumber: r.inmate_number,
          name: r.name,
          prisonId: r.prison_id,
          prisonName: r.prison_name,
        }));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.get, { tags: ['inmates'], summary: '罪犯记录（含状态期间、处分、暂停会见）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        return loadInmateRecord(ctx.db, await findInmate(request.params.id, scope));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.create, { tags: ['inmates'], summary: '登记罪犯（监狱管理员、监狱长）' }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request, reply) => {
        const body = request.body;
        const scope = await scopeOf(ctx, staffCaller(request));
        const ward = await ctx.db
          .selectFrom('organisations')
          .select(['id', 'kind', 'parent_id'])
          .where('id', '=', body.wardId)
          .executeTakeFirst();
        if (!ward || ward.kind !== 'ward' || ward.parent_id === null) throw invalidField('body.wardId', '监区不存在');
        if (!covers(scope, ward.id)) throw forbidden('无权在其他监狱或监区登记罪犯');
        const taken = await existingInmateNumbers(ctx.db, ward.parent_id, [body.inmateNumber]);
        if (taken.size > 0)
          throw conflict(`罪犯编号 ${body.inmateNumber} 已在本监狱登记`, [
            { path: 'body.inmateNumber', message: '罪犯编号已登记' },
          ]);
        const row = toInmateRow({ ...body, prisonId: ward.parent_id, wardId: ward.id }, nowIso(ctx.clock));
        await insertInmateRows(ctx.db, [row]);
        return reply.code(201).send(await loadInmateRecord(ctx.db, row));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.import, {
        tags: ['inmates'],
        summary: '从 CSV 批量导入罪犯（text/csv；任一行有误则全部不导入）',
        description:
          '列：罪犯编号/inmate_number，姓名/name，监区/ward（编码或名称），出生日期/birth_date，可选：身份证号码/id_number，国籍/citizenship，国别/country，限制民事行为能力/limited_civil_capacity，入监日期/admitted_on，家庭住址/home_address。',
      }),
      onRequest: requireStaff(ctx, ...WRITERS),
      // JSON would parse and then fail as "not a string"; say what is wrong instead.
      preValidation: async (request) => {
        if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('text/csv')) {
          throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 Content-Type: text/csv 上传 CSV 文件');
        }
      },
      handler: async (request, reply) => {
        const caller = staffCaller(request);
        const scope = await scopeOf(ctx, caller);
        const { prisonId, wards } = await importTarget(ctx, caller, scope, request.query.prisonId);
        const check = await checkInmateCsv(request.body, prisonId, wards, (numbers) =>
          existingInmateNumbers(ctx.db, prisonId, numbers),
        );
        if (!check.ok) throw badRequest(check.message, check.issues);
        const rows = await commitInmates(ctx, prisonId, check.inmates);
        request.log.info({ prisonId, imported: rows.length }, 'inmates imported');
        return reply.code(201).send({ imported: rows.length });
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.update, {
        tags: ['inmates'],
        summary: '修改罪犯的家庭住址（表一、表二打印，R8.1、R9.1）',
      }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request) => {
        const inmate = await findInmate(request.params.id, await scopeOf(ctx, staffCaller(request)));
        const now = nowIso(ctx.clock);
        await ctx.db
          .updateTable('inmates')
          .set({ home_address: request.body.homeAddress, updated_at: now })
          .where('id', '=', inmate.id)
          .execute();
        return loadInmateRecord(ctx.db, { ...inmate, home_address: request.body.homeAddress, updated_at: now });
      },
    });

    await app.register(importFileRoutes(ctx));

    app.route({
      ...declaredRoute(inmateEndpoints.addStatusPeriod, { tags: ['inmates'], summary: '登记不予安排会见的期间（R15.1）' }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const inmate = await findInmate(request.params.id, await scopeOf(ctx, me));
        const p = request.body;
        await ctx.db
          .insertInto('inmate_status_periods')
          .values({
            id: newId(),
            inmate_id: inmate.id,
            kind: p.kind,
            starts_on: p.start,
            ends_on: p.end,
            reason: p.kind === 'other-restriction' ? p.reason : null,
            created_by: me.staffId,
            created_at: nowIso(ctx.clock),
          })
          .execute();
        return reply.code(201).send(await loadInmateRecord(ctx.db, inmate));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.endStatusPeriod, { tags: ['inmates'], summary: '结束一个状态期间（如禁闭期满）' }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request) => {
        const inmate = await findInmate(request.params.id, await scopeOf(ctx, staffCaller(request)));
        const period = await ctx.db
          .selectFrom('inmate_status_periods')
          .selectAll()
          .where('id', '=', request.params.periodId)
          .where('inmate_id', '=', inmate.id)
          .executeTakeFirst();
        if (!period) throw notFound('状态期间不存在');
        if (request.body.end < period.starts_on) throw invalidField('body.end', '结束日期早于开始日期');
        await ctx.db
          .updateTable('inmate_status_periods')
          .set({ ends_on: request.body.end })
          .where('id', '=', period.id)
          .execute();
        return loadInmateRecord(ctx.db, inmate);
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.addPenalty, { tags: ['inmates'], summary: '登记警告、记过、禁闭处分（R15.1(4)）' }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const inmate = await findInmate(request.params.id, await scopeOf(ctx, me));
        await ctx.db
          .insertInto('inmate_penalties')
          .values({
            id: newId(),
            inmate_id: inmate.id,
            kind: request.body.kind,
            decided_on: request.body.date,
            created_by: me.staffId,
            created_at: nowIso(ctx.clock),
          })
          .execute();
        return reply.code(201).send(await loadInmateRecord(ctx.db, inmate));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.addSuspension, { tags: ['inmates'], summary: '暂停会见一至三个月（R17.2）' }),
      onRequest: requireStaff(ctx, ...WRITERS),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const inmate = await findInmate(request.params.id, await scopeOf(ctx, me));
        const s = request.body;
        await ctx.db
          .insertInto('inmate_suspensions')
          .values({
            id: newId(),
            inmate_id: inmate.id,
            starts_on: s.start,
            ends_on: s.end,
            reason_code: s.reason,
            decided_by: s.decidedBy,
            created_by: me.staffId,
            created_at: nowIso(ctx.clock),
          })
          .execute();
        return reply.code(201).send(await loadInmateRecord(ctx.db, inmate));
      },
    });

    app.route({
      ...declaredRoute(inmateEndpoints.suspensionProposals, {
        tags: ['inmates'],
        summary: '会见室终端提出的停止会见建议（R17.2），按本单位范围',
        description:
          '监狱端管理员因 R17.1 第(6)至(9)项中止会见后提出 1 至 3 个月的建议，随终端审计链到达；status=open 只列尚未作出暂停决定的。',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) =>
        listSuspensionProposals(ctx, await scopeOf(ctx, staffCaller(request)), request.query.status === 'open'),
    });
  };
}
