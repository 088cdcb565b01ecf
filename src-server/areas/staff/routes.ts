// Staff accounts: administrators create and manage accounts within their
// scope; supervisors read them; anyone reads their own (GET /api/auth/me).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { newId } from '../../ids';
import { badRequest, conflict, forbidden, invalidField, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { AFTER_SUCCESS } from '../../auth/lockout';
import { covers, scopeOf, scoped } from '../../auth/scope';
import type { Scope } from '../../auth/scope';
import { passwordSchema } from './password-schema';
import { roleIssues } from './role-rules';
import { withRoles } from './staff-view';
import { createStaffBody, staffEndpoints } from '../../../src-shared/store-api/endpoints/staff';

export function staffRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const findInScope = async (id: string, scope: Scope) => {
    const row = await ctx.db.selectFrom('staff').selectAll().where('id', '=', id).where(scoped.staff(scope)).executeTakeFirst();
    if (!row) throw notFound('工作人员不存在');
    return row;
  };
  const viewOf = async (id: string) => {
    const row = await ctx.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const [view] = await withRoles(ctx, [row]);
    if (!view) throw new Error('unreachable: staff view');
    return view;
  };

  return async (app) => {
    app.route({
      ...declaredRoute(staffEndpoints.list, { tags: ['staff'], summary: '工作人员列表（管理员、省厅监督人员）' }),
      onRequest: requireStaff(ctx, 'administrator', 'supervisor'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        let q = ctx.db.selectFrom('staff').selectAll().where(scoped.staff(scope));
        if (request.query.organisationId) q = q.where('organisation_id', '=', request.query.organisationId);
        const rows = await q.orderBy('username').limit(request.query.limit).offset(request.query.offset).execute();
        return withRoles(ctx, rows);
      },
    });

    app.route({
      ...declaredRoute(staffEndpoints.get, { tags: ['staff'] }),
      onRequest: requireStaff(ctx, 'administrator', 'supervisor'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const row = await findInScope(request.params.id, scope);
        return viewOf(row.id);
      },
    });

    app.route({
      ...declaredRoute(
        staffEndpoints.create,
        { tags: ['staff'], summary: '新建工作人员账号（管理员）' },
        { body: createStaffBody.extend({ password: passwordSchema }) },
      ),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request, reply) => {
        const body = request.body;
        const scope = await scopeOf(ctx, staffCaller(request));
        if (!covers(scope, body.organisationId)) throw forbidden('无权在该单位新建账号');
        const org = await ctx.db
          .selectFrom('organisations')
          .select('kind')
          .where('id', '=', body.organisationId)
          .executeTakeFirst();
        if (!org) throw invalidField('body.organisationId', '单位不存在');
        const issues = roleIssues(body.roles, org.kind, 'body.roles');
        if (issues.length > 0) throw badRequest('角色与单位不符', issues);
        const taken = await ctx.db.selectFrom('staff').select('id').where('username', '=', body.username).executeTakeFirst();
        if (taken) throw conflict(`用户名 ${body.username} 已被使用`, [{ path: 'body.username', message: '用户名已被使用' }]);

        const hash = await ctx.passwords.hash(body.password);
        const now = nowIso(ctx.clock);
        const id = newId();
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .insertInto('staff')
            .values({
              id,
              organisation_id: body.organisationId,
              username: body.username,
              display_name: body.displayName,
              password_hash: hash,
              active: 1,
              ...AFTER_SUCCESS,
              created_at: now,
              password_changed_at: now,
            })
            .execute();
          await trx
            .insertInto('staff_roles')
            .values(body.roles.map((role) => ({ staff_id: id, role })))
            .execute();
        });
        return reply.code(201).send(await viewOf(id));
      },
    });

    app.route({
      ...declaredRoute(staffEndpoints.update, { tags: ['staff'], summary: '修改姓名、角色或停用/启用账号（管理员）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request) => {
        const me = staffCaller(request);
        const scope = await scopeOf(ctx, me);
        const row = await findInScope(request.params.id, scope);
        const { displayName, active, roles } = request.body;
        if (row.id === me.staffId && (active === false || (roles && !roles.includes('administrator')))) {
          throw forbidden('不能停用本人账号或取消本人的管理员角色');
        }
        if (roles) {
          const org = await ctx.db
            .selectFrom('organisations')
            .select('kind')
            .where('id', '=', row.organisation_id)
            .executeTakeFirstOrThrow();
          const issues = roleIssues(roles, org.kind, 'body.roles');
          if (issues.length > 0) throw badRequest('角色与单位不符', issues);
        }
        await ctx.db.transaction().execute(async (trx) => {
          const set: { display_name?: string; active?: number } = {};
          if (displayName !== undefined) set.display_name = displayName;
          if (active !== undefined) set.active = active ? 1 : 0;
          if (Object.keys(set).length > 0) await trx.updateTable('staff').set(set).where('id', '=', row.id).execute();
          if (roles) {
            await trx.deleteFrom('staff_roles').where('staff_id', '=', row.id).execute();
            await trx
              .insertInto('staff_roles')
              .values(roles.map((role) => ({ staff_id: row.id, role })))
              .execute();
          }
        });
        if (active === false) ctx.sockets.withdraw({ kind: 'staff', id: row.id });
        if (active === true) ctx.sockets.reinstate({ kind: 'staff', id: row.id });
        return viewOf(row.id);
      },
    });

    app.route({
      ...declaredRoute(staffEndpoints.unlock, { tags: ['staff'], summary: '解除登录锁定（管理员）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const row = await findInScope(request.params.id, scope);
        await ctx.db.updateTable('staff').set(AFTER_SUCCESS).where('id', '=', row.id).execute();
        return viewOf(row.id);
      },
    });
  };
}
