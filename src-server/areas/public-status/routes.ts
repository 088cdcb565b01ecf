// The relatives' status page (issue #25 item 9): GET /status (the page), GET /status/status.js
// (its script), POST /api/public/status (the query). Public: no account, so each query is
// rate-limited (per IP and per application number) and recorded (status_lookups), and every
// miss answers the same neutral sentence, so nothing tells whether a number exists.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { ApiError } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { publicStatusEndpoints } from '../../../src-shared/store-api/endpoints/public-status';
import { lookUpStatus } from './lookup';
import { STATUS_PAGE_CSP, STATUS_PAGE_HTML, STATUS_PAGE_SCRIPT } from './page';
import { overLimit, recordLookup } from './rate-limit';

export const NEUTRAL_ANSWER = '未查到与所填申请编号和证件号码相符的申请。请核对后重试，或向受理申请的司法所、司法局询问。';

export function publicStatusRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(publicStatusEndpoints.page, { tags: ['public'], summary: '亲属查询申请进度的页面（中文）' }),
      handler: async (_request, reply) =>
        reply
          .header('content-type', 'text/html; charset=utf-8')
          .header('content-security-policy', STATUS_PAGE_CSP)
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'no-store')
          .send(STATUS_PAGE_HTML),
    });

    app.route({
      ...declaredRoute(publicStatusEndpoints.script, { tags: ['public'], summary: '查询页面的脚本' }),
      handler: async (_request, reply) =>
        reply
          .header('content-type', 'text/javascript; charset=utf-8')
          .header('x-content-type-options', 'nosniff')
          .send(STATUS_PAGE_SCRIPT),
    });

    app.route({
      ...declaredRoute(publicStatusEndpoints.query, {
        tags: ['public'],
        summary: '亲属查询申请进度：当前环节、办理期限，安排后的会见时间和地点',
        description:
          '申请编号与申请人之一的证件号码须同时相符；不相符、编号不存在时答复同一句话。按 IP 和按申请编号限制次数（超过时 429），每次查询都记录（不记证件号码）。',
      }),
      handler: async (request, reply) => {
        const ip = request.ip;
        const number = request.body.applicationNumber.trim().toLowerCase();
        reply.header('cache-control', 'no-store');
        if (await overLimit(ctx, ip, number)) {
          await recordLookup(ctx, ip, number, 'limited');
          throw new ApiError(429, 'RATE_LIMITED', '查询次数过多，请稍后再试');
        }
        const found = await lookUpStatus(ctx.db, number, request.body.idNumber);
        await recordLookup(ctx, ip, number, found ? 'answered' : 'neutral');
        return found ?? { found: false as const, message: NEUTRAL_ANSWER };
      },
    });
  };
}
