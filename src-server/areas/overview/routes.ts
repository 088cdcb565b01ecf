// The overview for prisons, bureaus and the province (R29.1):
// GET /api/overview?from&to as JSON, GET /api/overview.csv the same as CSV.
// Staff only; scoped like everything else (the province sees all, a prison or
// a bureau its own).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import type { AppContext } from '../../context';
import { declaredRoute } from '../../http/declared-route';
import { buildOverview } from './build-overview';
import { overviewCsv } from './overview-csv';
import { overviewEndpoints } from '../../../src-shared/store-api/endpoints/overview';

export function overviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(overviewEndpoints.overview, {
        tags: ['overview'],
        summary: '会见概况：每日每单位会见次数，完成、放弃、中断、中止（含原因），逾期审查环节，终端同步情况',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request) => buildOverview(ctx, staffCaller(request), request.query.from, request.query.to),
    });

    app.route({
      ...declaredRoute(overviewEndpoints.csv, {
        tags: ['overview'],
        summary: '会见概况导出为 CSV（UTF-8 带 BOM，Excel 可直接打开）',
      }),
      onRequest: requireStaff(ctx),
      handler: async (request, reply) => {
        const { from, to } = request.query;
        const csv = overviewCsv(await buildOverview(ctx, staffCaller(request), from, to));
        const filename = `会见概况_${from}_${to}.csv`;
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="overview_${from}_${to}.csv"; filename*=UTF-8''${encodeURIComponent(filename)}`,
          )
          .send(csv);
      },
    });
  };
}
