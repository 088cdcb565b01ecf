// The tus 1.0 server (@tus/server) behind /api/uploads. Fastify has already
// authenticated the terminal (routes.ts) and hands over the raw request; the
// hooks here check the metadata and the visit, keep recordings_received in
// step, and verify the stored bytes when the last one arrives. A terminal's log bundle
// (metadata kind logBundle) takes the same way into the same storage; its bookkeeping is
// the terminal-logs area's (../areas/terminal-logs/intake).
import type { FastifyBaseLogger } from 'fastify';
import { Server } from '@tus/server';
import type { Locker, Upload } from '@tus/server';
import type { TerminalCaller } from '../auth/caller';
import { nowIso } from '../clock';
import type { AppContext } from '../context';
import { ApiError, forbidden, notFound, unauthenticated } from '../http/api-error';
import { newId } from '../ids';
import { createLogUpload, finishLogUpload, isLogBundleUpload, logUploadTerminal } from '../areas/terminal-logs/intake';
import { parseUploadMetadata } from './metadata';
import { findById, insertPending } from './records';
import type { RecordingStorage } from './storage';
import type { UploadConfig } from './storage-config';
import { asTusErrors } from './tus-error';
import { verifyStoredUpload } from './verify';
import { assertTerminalOfVisit } from './visit-access';

export const UPLOADS_PATH = '/api/uploads';

type TusRequest = Parameters<NonNullable<ConstructorParameters<typeof Server>[0]['onUploadCreate']>>[0];

/** The authenticated terminal of each raw request, set by the Fastify route before it hands over. */
export type CallerByRequest = WeakMap<object, TerminalCaller>;

export function createTusServer(
  ctx: AppContext,
  storage: RecordingStorage,
  config: UploadConfig,
  callers: CallerByRequest,
  log?: FastifyBaseLogger,
  /** Upload locks; default @tus/server's in-memory locker (one node only: SQLite). */
  locker?: Locker,
): Server {
  const callerOf = (req: TusRequest): TerminalCaller => {
    const raw = req.runtime?.node?.req;
    const caller = raw ? callers.get(raw) : undefined;
    if (!caller) throw unauthenticated();
    return caller;
  };

  return new Server({
    path: UPLOADS_PATH,
    datastore: storage.datastore,
    ...(locker !== undefined ? { locker } : {}),
    // The terminal resolves it against the endpoint it knows (works behind proxies and across restarts).
    relativeLocation: true,
    maxSize: config.maxUploadBytes,
    namingFunction: () => newId(),

    // HEAD and PATCH: only the terminal that created an upload may see or continue it.
    onIncomingRequest: (req, id) =>
      asTusErrors(async () => {
        if (req.method === 'POST') return;
        const caller = callerOf(req);
        const row = await findById(ctx, id);
        if (!row) {
          if ((await logUploadTerminal(ctx, id)) === caller.terminalId) return;
          throw notFound('上传不存在');
        }
        if (row.terminal_id !== caller.terminalId) throw notFound('上传不存在');
        if (row.status === 'rejected') throw new ApiError(410, 'NOT_FOUND', `该上传已被拒收：${row.reason ?? ''}`);
      }),

    onUploadCreate: (req, upload) =>
      asTusErrors(async () => {
        const caller = callerOf(req);
        if (isLogBundleUpload(upload.metadata)) {
          await createLogUpload(ctx, storage, caller, upload.id, upload.metadata, upload.size);
          return {};
        }
        const meta = parseUploadMetadata(upload.metadata, upload.size);
        if (meta.terminalId !== caller.terminalId) throw forbidden('metadata.terminalId 须为本终端的编号');
        await assertTerminalOfVisit(ctx, caller, meta.visitId);
        await insertPending(ctx, upload.id, meta, storage.kind, nowIso(ctx.clock));
        return {};
      }),

    onUploadFinish: (_req, upload: Upload) =>
      asTusErrors(async () => {
        const row = await findById(ctx, upload.id);
        if (!row) {
          const bundle = await finishLogUpload(ctx, storage, upload.id);
          if (!bundle.received)
            throw new ApiError(460, 'VALIDATION_FAILED', bundle.reason ?? '已拒收', [
              { path: 'metadata.sha256', message: bundle.reason ?? '已拒收' },
            ]);
          return { headers: { 'Upload-Status': 'confirmed', 'Upload-Sha256': bundle.sha256 } };
        }
        const settled = await verifyStoredUpload(ctx, storage, row, log);
        if (settled.status !== 'confirmed') {
          const reason = settled.reason ?? '已拒收';
          // 460 Checksum Mismatch (tus checksum extension); not retried by tus clients.
          const path = settled.signature_status !== null ? 'manifest.signature' : 'metadata.sha256';
          throw new ApiError(460, 'VALIDATION_FAILED', reason, [{ path, message: reason }]);
        }
        return { headers: { 'Upload-Status': 'confirmed', 'Upload-Sha256': settled.stored_sha256 ?? '' } };
      }),

    exposedHeaders: ['Upload-Status', 'Upload-Sha256'],
  });
}
