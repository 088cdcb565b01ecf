// The fleet: terminals report heartbeats (POST /api/fleet/heartbeats, terminals only, each
// for itself); staff list their terminals with the latest heartbeat and alerts, a terminal's
// history and the list as CSV, scoped like everything else. Owns the heartbeat tables.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fleetEndpoints } from '../../../src-shared/store-api/endpoints/fleet';
import { requireStaff, requireTerminal, staffCaller, terminalCaller } from '../../auth/authenticate';
import { scopeOf, scoped } from '../../auth/scope';
import type { AppContext } from '../../context';
import { notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { fleetCsv } from './fleet-csv';
import { listFleet, terminalHistory } from './fleet-list';
import { ingestHeartbeat } from './ingest-heartbeat';
import { pruneHeartbeatHistory, PRUNE_INTERVAL_MS } from './prune-history';
import { rolloutTargets } from '../updates/builds';

/** A heartbeat is a few kilobytes; room for its capped lists, no more. */
const HEARTBEAT_BODY_LIMIT = 64 * 1024;

export function fleetRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    ctx.jobs.every('fleet.prune-history', PRUNE_INTERVAL_MS, () => pruneHeartbeatHistory(ctx.db, ctx.clock()));

    app.route({
      ...declaredRoute(fleetEndpoints.heartbeat, {
        tags: ['fleet'],
        summary: '终端上报状态（每分钟及状态变化时）',
        description:
          '同一 id 重复上报不产生变化（duplicate=true）。receivedAt 与 answeredAt 为中心库时间，终端据此计算时钟偏差。',
      }),
      bodyLimit: HEARTBEAT_BODY_LIMIT,
      onRequest: requireTerminal(ctx),
      handler: async (request) => {
        const receivedAt = ctx.clock();
        const stored = await ingestHeartbeat(ctx.db, terminalCaller(request).terminalId, request.body, receivedAt);
        return { receivedAt: receivedAt.toISOString(), answeredAt: ctx.clock().toISOString(), duplicate: !stored };
      },
    });

    app.route({
      ...declaredRoute(fleetEndpoints.list, { tags: ['fleet'], summary: '终端状态列表：最近一次上报与告警' }),
      onRequest: requireStaff(ctx, 'administrator', 'supervisor'),
      handler: async (request) =>
        listFleet(ctx, await scopeOf(ctx, staffCaller(request)), request.query.roomId, await rolloutTargets(ctx)),
    });

    app.route({
      ...declaredRoute(fleetEndpoints.history, { tags: ['fleet'], summary: '单个终端的状态历史（每 10 分钟一点，最多 30 天）' }),
      onRequest: requireStaff(ctx, 'administrator', 'supervisor'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const terminal = await ctx.db
          .selectFrom('terminals')
          .select('id')
          .where('id', '=', request.params.id)
          .where(scoped.terminals(scope))
          .executeTakeFirst();
        if (!terminal) throw notFound('终端不存在');
        return { terminalId: terminal.id, points: await terminalHistory(ctx, terminal.id, request.query.days) };
      },
    });

    app.route({
      ...declaredRoute(fleetEndpoints.csv, {
        tags: ['fleet'],
        summary: '终端状态列表导出为 CSV（UTF-8 带 BOM，Excel 可直接打开）',
      }),
      onRequest: requireStaff(ctx, 'administrator', 'supervisor'),
      handler: async (request, reply) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        const csv = fleetCsv(await listFleet(ctx, scope, request.query.roomId, await rolloutTargets(ctx)));
        const day = ctx.clock().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="fleet_${day}.csv"; filename*=UTF-8''${encodeURIComponent(`终端状态_${day}.csv`)}`,
          )
          .send(csv);
      },
    });
  };
}
