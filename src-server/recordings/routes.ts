// Uploads of recordings: the tus endpoint at /api/uploads
// and the terminals' "is this confirmed?" query. Registered with one line in
// server.ts; on close it lets running uploads reach a resumable point (./in-flight).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireTerminal, terminalCaller } from '../auth/authenticate';
import type { AppContext } from '../context';
import { notFound } from '../http/api-error';
import { declaredRoute } from '../http/declared-route';
import { recordingEndpoints } from '../../src-shared/store-api/endpoints/recordings';
import { confirmationOf } from './confirmation';
import { InFlightUploads } from './in-flight';
import { PgUploadLocker } from './pg-upload-locker';
import { purgeExpiredRecordings, PURGE_INTERVAL_MS } from './purge-expired';
import { findById, findByVisitAndHash } from './records';
import { createRecordingStorage } from './storage';
import { loadUploadConfig } from './storage-config';
import type { UploadConfig } from './storage-config';
import { createTusServer, UPLOADS_PATH } from './tus-server';
import type { CallerByRequest } from './tus-server';
import { assertTerminalOfVisit } from './visit-access';
import { terminalLogRoutes } from '../areas/terminal-logs/routes';
import { recordingSearchRoutes } from '../areas/recordings-search/routes';
import type { ReadinessCheck } from '../areas/health/routes';

/** How long a node keeps an upload's lock (and state) after a PATCH, unless another node asks. */
const UPLOAD_LOCK_KEEP_MS = 30_000;

export interface UploadRoutesOptions {
  /** Default: from the environment (./storage-config). */
  config?: UploadConfig;
  /** /ready's checks: the storage joins them (a node without its folder or bucket takes no uploads). */
  readiness?: ReadinessCheck[];
}

export function uploadRoutes(ctx: AppContext, options: UploadRoutesOptions = {}): FastifyPluginAsyncZod {
  return async (app) => {
    const config = options.config ?? loadUploadConfig(process.env, ctx.config.dataDir);
    // The S3 store keeps an upload's state while its lock is held: on PostgreSQL the locker says
    // when it lets go (forget); on SQLite this node alone serves the uploads.
    const storage = await createRecordingStorage(config.storage, { stateCache: true });
    if (storage.tightened.length > 0)
      app.log.warn({ paths: storage.tightened }, 'recordings folder readable by other local users made owner-only (0700)');
    options.readiness?.push({ message: '录像存储不可用', check: () => storage.reachable() });
    const callers: CallerByRequest = new WeakMap();
    // On PostgreSQL several nodes may serve the same uploads (#20): their locks live in the database.
    const locker =
      ctx.config.database.engine === 'postgres'
        ? new PgUploadLocker({
            connectionString: ctx.config.database.connectionString,
            // Kept between a terminal's PATCHes (seconds apart at most), then let go.
            keepMs: UPLOAD_LOCK_KEEP_MS,
            onLetGo: (id) => storage.forget(id),
            onSessionLost: (err) => app.log.warn({ err }, 'upload lock session lost: running uploads cut, they resume'),
          })
        : undefined;
    const tus = createTusServer(ctx, storage, config, callers, app.log, locker);
    const inFlight = new InFlightUploads();
    inFlight.watch(storage.datastore);
    app.addHook('preClose', () => inFlight.drain(config.shutdownGraceMs));
    // After the drain: the uploads cut there have unlocked by now.
    if (locker) app.addHook('onClose', () => locker.close());
    // R13.1: what is past retention leaves the storage; once in the cluster (../cluster/scheduled-jobs).
    ctx.jobs.every('recordings.retention', PURGE_INTERVAL_MS, () => purgeExpiredRecordings(ctx, storage, app.log));
    // Log bundles arrive through the same intake and live in the same storage.
    await app.register(terminalLogRoutes(ctx, storage));
    // Search, playback and legal hold of the recordings this storage keeps (issue #19 item 3).
    await app.register(recordingSearchRoutes(ctx, storage));

    app.route({
      ...declaredRoute(recordingEndpoints.confirmation, {
        tags: ['uploads'],
        summary: '终端查询录像上传是否已被中心库确认（按 uploadId，或按 visitId + sha256）',
      }),
      onRequest: requireTerminal(ctx),
      handler: async (request) => {
        const caller = terminalCaller(request);
        const roomTerminals = (
          await ctx.db.selectFrom('terminals').select('id').where('room_id', '=', caller.roomId).execute()
        ).map((t) => t.id);
        const q = request.query;
        let row;
        if (q.uploadId !== undefined) {
          row = await findById(ctx, q.uploadId);
          // Uploads of this room's terminals only; another room's upload is "not found".
          if (!row || !roomTerminals.includes(row.terminal_id)) throw notFound('上传不存在');
          await assertTerminalOfVisit(ctx, caller, row.visit_id, 'query.uploadId');
        } else {
          const visitId = q.visitId ?? '';
          await assertTerminalOfVisit(ctx, caller, visitId, 'query.visitId');
          row = await findByVisitAndHash(ctx, visitId, q.sha256 ?? '', roomTerminals);
          if (!row) throw notFound('该会见下没有此 SHA-256 的上传');
        }
        return confirmationOf(ctx, storage, row, request.log);
      },
    });

    // The tus protocol itself: raw request and response go to @tus/server untouched.
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      // Leave every body unread: tus streams PATCH bodies straight into the store.
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

      const passThrough = async (request: FastifyRequest, reply: FastifyReply) => {
        reply.hijack();
        if (request.caller?.kind === 'terminal') callers.set(request.raw, request.caller);
        await inFlight.track(request.raw, reply.raw, () => tus.handle(request.raw, reply.raw));
      };
      const tusSchema = { tags: ['uploads'], summary: 'tus 1.0.0 可续传上传（creation 扩展；元数据见 README「Uploads」）' };
      for (const url of [UPLOADS_PATH, `${UPLOADS_PATH}/:uploadId`]) {
        scope.route({
          method: ['POST', 'PATCH', 'HEAD'],
          url,
          onRequest: requireTerminal(ctx),
          schema: tusSchema,
          handler: passThrough,
        });
        // Capability discovery needs no credential.
        scope.route({ method: 'OPTIONS', url, schema: tusSchema, handler: passThrough });
      }
    });
  };
}
