// Recordings at the store (issue #19 item 3): search, one visit's two sides with chapters
// and the signature check, the media ticket, the legal hold and the access audit; routes
// registered from src-shared/store-api/endpoints/recordings-search.ts. Every search,
// playback, download and hold is written to the access audit (./access-audit, R26.1), which
// the province reads (R29.1). Registered by the uploads plugin, whose storage holds the
// recordings (src-server/recordings/routes.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { StaffCaller } from '../../auth/caller';
import { requireStaff, staffCaller } from '../../auth/authenticate';
import { scopeOf } from '../../auth/scope';
import type { AppContext } from '../../context';
import { conflict, forbidden, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { findById } from '../../recordings/records';
import type { RecordingStorage } from '../../recordings/storage';
import {
  RECORDING_MEDIA_PREFIX,
  recordingSearchEndpoints as endpoints,
} from '../../../src-shared/store-api/endpoints/recordings-search';
import { issueTicket, listAccess, recordAccess } from './access-audit';
import { setHold } from './legal-hold';
import { recordingMediaRoutes } from './media';
import { searchVisits, visitInScope } from './search';
import { visitDetail } from './visit-detail';

const tags = ['recordings'];
/** Who may find and play recordings: the supervisors, the sites' administrators, the wardens. */
const VIEWERS = ['supervisor', 'administrator', 'warden'] as const;
/** Who may hold them past retention. */
const HOLDERS = ['supervisor', 'administrator'] as const;
const mayHold = (me: StaffCaller) => HOLDERS.some((r) => me.roles.includes(r));
/** A ticket lasts the archive's length and a quarter of an hour more, at most three hours. */
const ticketMs = (durationMs: number) => Math.min(durationMs + 15 * 60_000, 3 * 3_600_000);

export function recordingSearchRoutes(ctx: AppContext, storage: RecordingStorage): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(recordingMediaRoutes(ctx, storage));

    app.route({
      ...declaredRoute(endpoints.search, { tags, summary: '查询有录像的会见（按权限范围；记入录像访问审计）' }),
      onRequest: requireStaff(ctx, ...VIEWERS),
      handler: async (request) => {
        const me = staffCaller(request);
        const { limit, offset, ...filters } = request.query;
        const found = await searchVisits(ctx, await scopeOf(ctx, me), { ...filters, limit, offset });
        await recordAccess(ctx, me, 'search', {
          detail: { filters, total: found.total, visitIds: found.visits.map((v) => v.visitId) },
        });
        return found;
      },
    });

    app.route({
      ...declaredRoute(endpoints.visit, { tags, summary: '一次会见双方的录像、章节与清单签名核验' }),
      onRequest: requireStaff(ctx, ...VIEWERS),
      handler: async (request) => {
        const me = staffCaller(request);
        const visit = await visitInScope(ctx, await scopeOf(ctx, me), request.params.visitId);
        // Another site's visit is "not found", as everywhere else.
        if (!visit) throw notFound('会见不存在');
        const { sides, chapters } = await visitDetail(ctx, storage, visit);
        return { visit, sides, chapters, retentionDays: ctx.config.retentionDays, mayHold: mayHold(me) };
      },
    });

    app.route({
      ...declaredRoute(endpoints.ticket, { tags, summary: '录像播放或下载凭证（记入录像访问审计）' }),
      onRequest: requireStaff(ctx, ...VIEWERS),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const row = await findById(ctx, request.params.uploadId);
        const visit = row ? await visitInScope(ctx, await scopeOf(ctx, me), row.visit_id) : null;
        if (!row || !visit || row.kind !== 'archive') throw notFound('录像文件不存在');
        if (row.status !== 'confirmed') throw conflict('该录像文件尚未确认接收，不能播放');
        const manifest = await ctx.db
          .selectFrom('recording_manifests')
          .select('archive_duration_ms')
          .where('visit_id', '=', row.visit_id)
          .where('archive_sha256', '=', row.declared_sha256)
          .executeTakeFirst();
        const side = row.terminal_id;
        const expiresAt = new Date(ctx.clock().getTime() + ticketMs(manifest?.archive_duration_ms ?? 3_600_000)).toISOString();
        const purpose = request.body.purpose;
        const ticket = await issueTicket(
          ctx,
          me,
          purpose,
          {
            visitId: row.visit_id,
            uploadId: row.id,
            detail: { terminalId: side, filename: row.filename, sha256: row.stored_sha256, site: visit.prison, room: visit.room },
          },
          expiresAt,
        );
        const filename = `会见录像_${visit.date}_${visit.inmate.name}_${row.id.slice(0, 8)}.webm`;
        return reply.code(201).send({ path: `${RECORDING_MEDIA_PREFIX}${ticket}`, expiresAt, filename });
      },
    });

    app.route({
      ...declaredRoute(endpoints.hold, { tags, summary: '设置或解除录像的法律保全（保存期满后仍保留）' }),
      onRequest: requireStaff(ctx, ...HOLDERS),
      handler: async (request) => {
        const me = staffCaller(request);
        const visit = await visitInScope(ctx, await scopeOf(ctx, me), request.params.visitId);
        if (!visit) throw notFound('会见不存在');
        const { held, reason } = request.body;
        const legalHold = await setHold(ctx, me, visit.visitId, held, reason);
        await recordAccess(ctx, me, held ? 'hold' : 'release', { visitId: visit.visitId, detail: { reason } });
        return { legalHold };
      },
    });

    app.route({
      ...declaredRoute(endpoints.accessAudit, { tags, summary: '录像访问审计：查询、播放、下载、保全（省局）' }),
      onRequest: requireStaff(ctx),
      handler: async (request) => {
        const me = staffCaller(request);
        if (me.organisationKind !== 'province') throw forbidden('录像访问审计仅省局可查看（R29.1）');
        return listAccess(ctx, await scopeOf(ctx, me), request.query);
      },
    });
  };
}
