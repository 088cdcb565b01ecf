// Staff login (argon2id, lock-out), logout, password change, and "who am I".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { ApiError, errorBodySchema, errorResponses, invalidField, unauthenticated } from '../../http/api-error';
import { AFTER_SUCCESS, afterFailure, isLocked } from '../../auth/lockout';
import { requireCaller, requireStaff, staffCaller } from '../../auth/authenticate';
import { issueToken, revokeToken } from '../../auth/sessions';
import { staffSchema, withRoles } from '../staff/staff-view';
import { passwordSchema } from '../staff/password-schema';

const loginBody = z.object({ username: z.string().trim().min(1, '请输入用户名').max(64), password: z.string().min(1, '请输入密码').max(256) });
const loginReply = z.object({ token: z.string(), expiresAt: z.string(), staff: staffSchema });

const meReply = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('staff'), staff: staffSchema }),
  z.object({ kind: z.literal('terminal'), terminalId: z.string(), roomId: z.string(), organisationId: z.string() }),
]);

const WRONG_CREDENTIALS = '用户名或密码错误';

function lockedError(lockedUntil: string): ApiError {
  return new ApiError(423, 'ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${lockedUntil}（UTC），请稍后再试或联系管理员解锁`);
}

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: '工作人员登录（连续失败将锁定账号）',
          body: loginBody,
          response: { 200: loginReply, ...errorResponses, 423: errorBodySchema },
        },
      },
      async (request) => {
        const { username, password } = request.body;
        const staff = await ctx.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
        if (!staff) {
          await ctx.passwords.verifyDummy(password);
          throw unauthenticated(WRONG_CREDENTIALS);
        }
        const now = ctx.clock();
        if (isLocked(staff, now) && staff.locked_until !== null) throw lockedError(staff.locked_until);

        if (!(await ctx.passwords.verify(staff.password_hash, password))) {
          const next = afterFailure(staff, now, ctx.config.lockout);
          await ctx.db.updateTable('staff').set(next).where('id', '=', staff.id).execute();
          request.log.warn({ username, failures: next.failed_logins, locked: next.locked_until !== null }, 'login failed');
          if (next.locked_until !== null) throw lockedError(next.locked_until);
          throw unauthenticated(WRONG_CREDENTIALS);
        }
        if (staff.active !== 1) throw new ApiError(403, 'FORBIDDEN', '账号已停用');

        await ctx.db.updateTable('staff').set(AFTER_SUCCESS).where('id', '=', staff.id).execute();
        const issued = await issueToken(ctx, { staffId: staff.id });
        const [view] = await withRoles(ctx, [{ ...staff, ...AFTER_SUCCESS }]);
        if (!view) throw new Error('unreachable: staff view');
        return { ...issued, staff: view };
      },
    );

    app.post(
      '/api/auth/logout',
      { onRequest: requireCaller(ctx), schema: { tags: ['auth'], summary: '注销当前令牌', response: { 204: z.null(), ...errorResponses } } },
      async (request, reply) => {
        if (request.caller) await revokeToken(ctx, request.caller.tokenHash);
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/auth/me',
      { onRequest: requireCaller(ctx), schema: { tags: ['auth'], summary: '当前调用者（工作人员或终端）', response: { 200: meReply, ...errorResponses } } },
      async (request) => {
        const caller = request.caller;
        if (caller?.kind === 'terminal') {
          return { kind: 'terminal' as const, terminalId: caller.terminalId, roomId: caller.roomId, organisationId: caller.organisationId };
        }
        const me = staffCaller(request);
        const row = await ctx.db.selectFrom('staff').selectAll().where('id', '=', me.staffId).executeTakeFirstOrThrow();
        const [view] = await withRoles(ctx, [row]);
        if (!view) throw new Error('unreachable: staff view');
        return { kind: 'staff' as const, staff: view };
      },
    );

    app.post(
      '/api/auth/password',
      {
        onRequest: requireStaff(ctx),
        schema: {
          tags: ['auth'],
          summary: '修改本人密码（其他令牌随之失效）',
          body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }),
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        const me = staffCaller(request);
        const row = await ctx.db.selectFrom('staff').select('password_hash').where('id', '=', me.staffId).executeTakeFirstOrThrow();
        if (!(await ctx.passwords.verify(row.password_hash, request.body.currentPassword))) {
          throw invalidField('body.currentPassword', '当前密码不正确');
        }
        const hash = await ctx.passwords.hash(request.body.newPassword);
        const now = nowIso(ctx.clock);
        await ctx.db.transaction().execute(async (trx) => {
          await trx.updateTable('staff').set({ password_hash: hash, password_changed_at: now }).where('id', '=', me.staffId).execute();
          await trx
            .updateTable('sessions')
            .set({ revoked_at: now })
            .where('staff_id', '=', me.staffId)
            .where('token_hash', '!=', me.tokenHash)
            .where('revoked_at', 'is', null)
            .execute();
        });
        return reply.code(204).send(null);
      },
    );
  };
}
