// A recording's bytes for a <video> at the desk (issue #19 item 3): GET/HEAD
// /api/recordings/media/:ticket with HTTP Range (a player seeks with Range requests; an
// archive of a 30-minute visit is hundreds of megabytes). The ticket is the credential: a
// <video> element sends no bearer token, so the desk first asks for a ticket with its token
// (routes.ts, recordingsSearch.ticket), which writes the playback or download entry of the
// access audit; a ticket opens one file, for a limited time.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context';
import { findById } from '../../recordings/records';
import type { RecordingStorage } from '../../recordings/storage';
import { RECORDING_MEDIA_PREFIX } from '../../../src-shared/store-api/endpoints/recordings-search';
import { ticketUpload } from './access-audit';

export type ByteRange = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/** One `bytes=` range (the only form a media element sends); anything else: the whole file. */
export function byteRange(header: string | undefined, size: number): ByteRange {
  if (!header) return { kind: 'whole' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'whole' };
  const [, from = '', to = ''] = m;
  let start: number;
  let end: number;
  if (from === '') {
    const n = Number(to);
    if (n === 0) return { kind: 'unsatisfiable' };
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start >= size || start > end)
    return { kind: 'unsatisfiable' };
  return { kind: 'part', start, end };
}

const plain = (reply: FastifyReply, status: number, text: string) =>
  reply.code(status).header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'no-store').send(text);

export function recordingMediaRoutes(ctx: AppContext, storage: RecordingStorage): FastifyPluginAsyncZod {
  return async (app) => {
    const handler = async (request: FastifyRequest<{ Params: { ticket: string } }>, reply: FastifyReply) => {
      const granted = await ticketUpload(ctx, request.params.ticket);
      if (!granted) return plain(reply, 403, '播放凭证无效或已过期，请重新打开录像');
      const row = await findById(ctx, granted.uploadId);
      if (!row || row.status !== 'confirmed') return plain(reply, 404, '录像文件不存在');
      const size = Number(row.size);
      const range = byteRange(request.headers.range, size);
      reply
        .header('accept-ranges', 'bytes')
        .header('content-type', row.filename.endsWith('.vtt') ? 'text/vtt; charset=utf-8' : 'video/webm')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff');
      if (granted.action === 'download')
        reply.header(
          'content-disposition',
          `attachment; filename="${row.id}.webm"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        );
      if (range.kind === 'unsatisfiable') return reply.code(416).header('content-range', `bytes */${size}`).send();
      const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, size - 1];
      reply.header('content-length', String(end - start + 1));
      if (range.kind === 'part') reply.code(206).header('content-range', `bytes ${start}-${end}/${size}`);
      if (request.method === 'HEAD' || size === 0) return reply.send();
      return reply.send(await storage.openRange(row.id, start, end));
    };
    app.route({
      method: ['GET', 'HEAD'],
      url: `${RECORDING_MEDIA_PREFIX}:ticket`,
      schema: { tags: ['recordings'], summary: '录像文件（凭证访问，支持 Range）', hide: false },
      handler,
    });
  };
}
