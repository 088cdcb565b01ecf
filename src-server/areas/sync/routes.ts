// Terminal sync: a terminal pulls its room's visits by cursor
// and pushes its audit chain in batches. Terminals only, each for its own room
// and its own chain.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { errorBodySchema, forbidden } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { requireTerminal, terminalCaller } from '../../auth/authenticate';
import { chainHead, ingestEventBatch } from './ingest-events';
import { DEFAULT_CHAIN_ID, MAX_EVENTS_PER_BATCH } from '../../../src-shared/sync/schemas';
import { syncEndpoints } from '../../../src-shared/store-api/endpoints/sync';
import type { SyncedVisit } from '../../../src-shared/sync/schemas';
import { listRoomVisitsChangedSince } from './visit-feed';
import type { VisitFeedRow } from './visit-feed';
import { loadVisitDetails } from './visit-details';
import type { VisitDetails } from './visit-details';
import { listSiteStaff } from './staff-feed';
import { configPage } from './config-feed';
import { iceConfigFromEnv } from '../../signaling/ice-config';
import { turnSecretFromEnv } from '../../signaling/turn-credentials';

/** Room for MAX_EVENTS_PER_BATCH events with large payloads; the store-wide default is 1 MiB. */
const EVENTS_BODY_LIMIT = 16 * 1024 * 1024;

const NO_DETAILS: VisitDetails = {
  inmate: { id: '', name: '' },
  visitors: [],
  languages: [{ kind: 'mandarin' }],
  interpreterRequired: false,
};

const toSyncedVisit = (roomId: string, v: VisitFeedRow, details: VisitDetails = NO_DETAILS): SyncedVisit => ({
  id: v.id,
  roomId: v.room_id,
  remoteRoomId: v.remote_room_id,
  side: v.room_id === roomId ? 'inmate' : 'visitor',
  date: v.date,
  startTime: v.start_time,
  minutes: v.minutes,
  status: v.status,
  seq: v.updated_seq,
  ...details,
});

export function syncRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  // The same STUN/TURN servers signaling hands out; a bad value stops the store at start.
  // The per-visit coturn credential (#23) comes with signaling's welcome only: a config page is not per visit.
  const ice = iceConfigFromEnv(process.env, turnSecretFromEnv(process.env) !== null);
  return async (app) => {
    app.route({
      ...declaredRoute(syncEndpoints.config, {
        tags: ['sync'],
        summary: '终端按游标拉取配置：录像保存天数、限额、STUN/TURN 服务器、工作日历调整',
        description: 'cursor 为配置内容的摘要；与中心库当前配置相同时返回 changed=false，不含配置。',
      }),
      onRequest: requireTerminal(ctx),
      handler: async (request) => configPage(ctx, ice, request.query.cursor),
    });

    app.route({
      ...declaredRoute(syncEndpoints.visits, {
        tags: ['sync'],
        summary: '终端按游标拉取本会见室（任一方）变更过的会见',
        description: '返回 cursor 之后变更的会见（按变更序号升序），以及下次使用的 cursor；hasMore 为 true 时应立即再次拉取。',
      }),
      onRequest: requireTerminal(ctx),
      handler: async (request) => {
        const me = terminalCaller(request);
        const { cursor, limit, roomId } = request.query;
        if (roomId !== undefined && roomId !== me.roomId) throw forbidden('终端只能拉取本会见室的会见');
        const rows = await listRoomVisitsChangedSince(ctx.db, me.roomId, cursor, limit + 1);
        const page = rows.slice(0, limit);
        const next = page.at(-1)?.updated_seq ?? cursor;
        // The cursor the terminal came with is what it has: recorded for the overview.
        const now = nowIso(ctx.clock);
        await ctx.db
          .insertInto('terminal_sync_state')
          .values({ terminal_id: me.terminalId, visits_cursor: cursor, pulled_at: now, pushed_at: null })
          .onConflict((oc) => oc.column('terminal_id').doUpdateSet({ visits_cursor: cursor, pulled_at: now }))
          .execute();
        const details = await loadVisitDetails(
          ctx.db,
          page.map((v) => v.id),
        );
        return {
          visits: page.map((v) => toSyncedVisit(me.roomId, v, details.get(v.id))),
          cursor: next,
          hasMore: rows.length > limit,
        };
      },
    });

    app.route({
      ...declaredRoute(syncEndpoints.staff, {
        tags: ['sync'],
        summary: '终端拉取本场所管理员及其 argon2id 口令哈希（离线登录，R25.1）',
        description:
          '只含终端所在会见室的单位（监区或司法所时另含其上级监狱或司法局）中具有管理员角色的账号；停用的账号以 active=false 返回。',
      }),
      onRequest: requireTerminal(ctx),
      handler: async (request) => listSiteStaff(ctx.db, terminalCaller(request).roomId),
    });

    app.route({
      ...declaredRoute(
        syncEndpoints.pushEvents,
        {
          tags: ['sync'],
          summary: '终端上传一批审计事件（幂等；到达时校验哈希链）',
          description:
            `一批为同一条链上从 fromSeq 起连续的事件（至多 ${MAX_EVENTS_PER_BATCH} 条）。` +
            '重复上传同一批不改变任何数据并得到相同的确认；已存序号内容不同 → 409（指明序号）；' +
            'fromSeq 超过链头+1 → 409（指明应从第几条开始）；哈希链断裂 → 422（指明第一条坏事件），整批不保存。' +
            '确认即该链在中心库的链头 {seq, hash}。',
        },
        { responses: { 422: errorBodySchema } },
      ),
      onRequest: requireTerminal(ctx),
      bodyLimit: EVENTS_BODY_LIMIT,
      handler: async (request) => {
        const me = terminalCaller(request);
        if (request.body.terminalId !== me.terminalId) throw forbidden('终端只能上传本终端的审计事件');
        try {
          return await ingestEventBatch(ctx, me.terminalId, request.body);
        } catch (err) {
          request.log.warn({ terminalId: me.terminalId, fromSeq: request.body.fromSeq, err }, 'audit batch refused');
          throw err;
        }
      },
    });

    app.route({
      ...declaredRoute(syncEndpoints.eventsHead, {
        tags: ['sync'],
        summary: '本终端审计链在中心库的链头（断点续传从 seq+1 开始）',
      }),
      onRequest: requireTerminal(ctx),
      handler: async (request) => chainHead(ctx, terminalCaller(request).terminalId, request.query.chainId ?? DEFAULT_CHAIN_ID),
    });
  };
}
