// Terminal log bundles for support: an administrator asks for a terminal's logs (the province
// any terminal, a site its own), the terminal learns of it at its next sync round and sends the
// bundle through the tus intake (./intake), the administrator lists and downloads it. Requests
// and downloads are kept in staff_audit. Registered by the uploads plugin, whose storage holds
// the bundles (src-server/recordings/routes.ts).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff, requireTerminal, staffCaller, terminalCaller } from '../../auth/authenticate';
import { scopeOf, scoped } from '../../auth/scope';
import { nowIso } from '../../clock';
import type { AppContext } from '../../context';
import { conflict, notFound } from '../../http/api-error';
import { declaredRoute } from '../../http/declared-route';
import { newId } from '../../ids';
import type { RecordingStorage } from '../../recordings/storage';
import { logEndpoints } from '../../../src-shared/store-api/endpoints/logs';
import { MAX_LOG_BUNDLE_BYTES } from '../../../src-shared/sync/log-bundle';
import { auditStaffAction } from '../audit/staff-audit';
import { findLogRequest, insertLogRequest, openLogRequests, toLogRequestView } from './requests';

async function readBundle(storage: RecordingStorage, uploadId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of (await storage.open(uploadId)) as AsyncIterable<Buffer>) {
    length += chunk.length;
    // Checked at intake too; a stored file that grew is not sent whole.
    if (length > MAX_LOG_BUNDLE_BYTES) throw conflict('日志包超过大小上限');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function terminalLogRoutes(ctx: AppContext, storage: RecordingStorage): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...declaredRoute(logEndpoints.request, {
        tags: ['terminal-logs'],
        summary: '请求终端上传日志包（省局管理员：全部终端；场所管理员：本单位终端）',
      }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request, reply) => {
        const me = staffCaller(request);
        const scope = await scopeOf(ctx, me);
        const terminal = await ctx.db
          .selectFrom('terminals')
          .innerJoin('rooms', 'rooms.id', 'terminals.room_id')
          .select(['terminals.id', 'rooms.organisation_id'])
          .where('terminals.id', '=', request.body.terminalId)
          .where(scoped.terminals(scope))
          .executeTakeFirst();
        // Another site's terminal is "not found", as everywhere else.
        if (!terminal) throw notFound('终端不存在');
        const open = await openLogRequests(ctx, terminal.id);
        if (open.length >= 5) throw conflict('该终端已有 5 个未完成的日志请求，请等待终端上传');
        const row = await insertLogRequest(ctx, {
          id: newId(),
          terminal_id: terminal.id,
          organisation_id: terminal.organisation_id,
          requested_by: me.staffId,
          requested_at: nowIso(ctx.clock),
        });
        await auditStaffAction(ctx, me, 'terminalLogs.request', row.id, { terminalId: terminal.id });
        return reply.code(201).send(toLogRequestView(row));
      },
    });

    app.route({
      ...declaredRoute(logEndpoints.list, { tags: ['terminal-logs'], summary: '日志请求与已收到的日志包（按权限范围）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request) => {
        const scope = await scopeOf(ctx, staffCaller(request));
        let q = ctx.db
          .selectFrom('terminal_log_requests')
          .selectAll()
          .where((eb) => (scope.all ? eb.lit(true) : eb('organisation_id', 'in', scope.orgIds)));
        if (request.query.terminalId) q = q.where('terminal_id', '=', request.query.terminalId);
        const rows = await q
          .orderBy('requested_at', 'desc')
          .orderBy('id')
          .limit(request.query.limit)
          .offset(request.query.offset)
          .execute();
        return rows.map(toLogRequestView);
      },
    });

    app.route({
      ...declaredRoute(logEndpoints.download, { tags: ['terminal-logs'], summary: '下载已收到的日志包（gzip，base64）' }),
      onRequest: requireStaff(ctx, 'administrator'),
      handler: async (request) => {
        const me = staffCaller(request);
        const scope = await scopeOf(ctx, me);
        const row = await findLogRequest(ctx, request.params.id);
        if (!row || !(scope.all || scope.orgIds.includes(row.organisation_id))) throw notFound('日志请求不存在');
        if (row.status !== 'received' || row.upload_id === null || row.declared_sha256 === null)
          throw conflict('尚未收到该终端的日志包');
        const bytes = await readBundle(storage, row.upload_id);
        await auditStaffAction(ctx, me, 'terminalLogs.download', row.id, {
          terminalId: row.terminal_id,
          sha256: row.declared_sha256,
          size: bytes.length,
        });
        return {
          requestId: row.id,
          terminalId: row.terminal_id,
          filename: `logs-${row.terminal_id}-${row.requested_at.slice(0, 10)}.klb.gz`,
          size: bytes.length,
          sha256: row.declared_sha256,
          contentBase64: bytes.toString('base64'),
        };
      },
    });

    app.route({
      ...declaredRoute(logEndpoints.pending, { tags: ['terminal-logs'], summary: '终端查询待上传的日志请求' }),
      onRequest: requireTerminal(ctx),
      handler: async (request) => {
        const rows = await openLogRequests(ctx, terminalCaller(request).terminalId);
        return { requests: rows.map((r) => ({ id: r.id, requestedAt: r.requested_at })) };
      },
    });
  };
}
