// GET /api/alarms: what terminals reported and the store refused (areas/alarms/raise-alarm.ts),
// newest first, for supervisors and administrators; scoped like everything else (the province
// sees every site's, a prison or bureau its own terminals').
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { scopeOf, scoped } from '../../auth/scope';
import type { AppContext } from '../../context';
import { declaredRoute } from '../../http/declared-route';
import { auditEndpoints } from '../../../src-shared/store-api/endpoints/audit';

export function alarmRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(auditEndpoints.alarms, {
        tags: ['audit'],
        summary: '告警：终端上报而中心库拒绝的会见结果、停止会见建议等，最新在前',
      }),
      onRequest: requireStaff(ctx, 'supervisor', 'administrator'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const rows = await ctx.db
          .selectFrom('alarms')
          .selectAll()
          // Scoped before the limit: another site's alarms never crowd out one's own.
          .where(scoped.alarms(scope))
          .orderBy('at', 'desc')
          .orderBy('id')
          .limit(request.query.limit)
          .execute();
        return rows.map((r) => ({
          id: r.id,
          at: r.at,
          kind: r.kind,
          code: r.code,
          message: r.message,
          terminalId: r.terminal_id,
          organisationId: r.organisation_id,
          visitId: r.visit_id,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
        }));
      },
    });
  };
}
