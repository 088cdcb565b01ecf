// Staff login (argon2id, lock-out), logout, password change, and "who am I".
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { invalidField, unauthenticated } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import type { ApiError } from '../../http/api-error';
import { AFTER_SUCCESS } from '../../auth/lockout';
import { admitLogin, recordFailedLogin } from '../../auth/failed-logins';
import type { LockoutConfig } from '../../config';
import { requireCaller, requireStaff, staffCaller } from '../../auth/authenticate';
import { issueToken, revokeToken } from '../../auth/sessions';
import { withRoles } from '../staff/staff-view';
import { passwordSchema } from '../staff/password-schema';
import { authEndpoints, passwordChangeBody } from '../../../src-shared/store-api/endpoints/auth';

/**
 * One answer for an unknown user, a wrong password, a locked and a disabled
 * account (same status, code and words, and an argon2 check in each case):
 * the answer must reveal neither which usernames exist nor whether a guessed
 * password of a locked or disabled account was right.
 */
function refusedLogin(policy: LockoutConfig): ApiError {
  return unauthenticated(
    `用户名或密码错误，或账号已锁定、已停用（连续输错 ${policy.maxFailures} 次锁定 ${policy.lockMinutes} 分钟），请核对后重试或联系管理员`,
  );
}

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(authEndpoints.login, {
        tags: ['auth'],
        summary: '工作人员登录（连续失败将锁定账号；用户名不存在、密码错误、账号锁定或停用时答复相同）',
      }),
      handler: async (request) => {
        const { username, password } = request.body;
        const policy = ctx.config.lockout;
        const staff = await ctx.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
        if (!staff) {
          await ctx.passwords.verifyDummy(password);
          throw refusedLogin(policy);
        }
        const now = ctx.clock();
        if (!(await ctx.passwords.verify(staff.password_hash, password))) {
          const after = await recordFailedLogin(ctx.db, staff.id, now, policy);
          request.log.warn({ username, failures: after?.failed_logins, locked: after?.locked_until != null }, 'login failed');
          throw refusedLogin(policy);
        }
        if (!(await admitLogin(ctx.db, staff.id, now))) {
          request.log.warn({ username, active: staff.active === 1 }, 'login refused: account locked or disabled');
          throw refusedLogin(policy);
        }

        const issued = await issueToken(ctx, { staffId: staff.id });
        const [view] = await withRoles(ctx, [{ ...staff, ...AFTER_SUCCESS }]);
        if (!view) throw new Error('unreachable: staff view');
        return { ...issued, staff: view };
      },
    });

    app.route({
      ...declaredRoute(authEndpoints.logout, { tags: ['auth'], summary: '注销当前令牌' }),
      onRequest: requireCaller(ctx),
      handler: async (request, reply) => {
        if (request.caller) await revokeToken(ctx, request.caller.tokenHash);
        return reply.code(204).send(null);
      },
    });

    app.route({
      ...declaredRoute(authEndpoints.me, { tags: ['auth'], summary: '当前调用者（工作人员或终端）' }),
      onRequest: requireCaller(ctx),
      handler: async (request) => {
        const caller = request.caller;
        if (caller?.kind === 'terminal') {
          return {
            kind: 'terminal' as const,
            terminalId: caller.terminalId,
            roomId: caller.roomId,
            organisationId: caller.organisationId,
          };
        }
        const me = staffCaller(request);
        const row = await ctx.db.selectFrom('staff').selectAll().where('id', '=', me.staffId).executeTakeFirstOrThrow();
        const [view] = await withRoles(ctx, [row]);
        if (!view) throw new Error('unreachable: staff view');
        return { kind: 'staff' as const, staff: view };
      },
    });

    app.route({
      ...declaredRoute(
        authEndpoints.password,
        { tags: ['auth'], summary: '修改本人密码（其他令牌随之失效）' },
        { body: passwordChangeBody.extend({ newPassword: passwordSchema }) },
      ),
      onRequest: requireStaff(ctx),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const row = await ctx.db
          .selectFrom('staff')
          .select('password_hash')
          .where('id', '=', me.staffId)
          .executeTakeFirstOrThrow();
        if (!(await ctx.passwords.verify(row.password_hash, request.body.currentPassword))) {
          throw invalidField('body.currentPassword', '当前密码不正确');
        }
        const hash = await ctx.passwords.hash(request.body.newPassword);
        const now = nowIso(ctx.clock);
        await ctx.db.transaction().execute(async (trx) => {
          await trx
            .updateTable('staff')
            .set({ password_hash: hash, password_changed_at: now })
            .where('id', '=', me.staffId)
            .execute();
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
    });
  };
}
