// Log bundles through the recordings' tus intake (src-server/recordings/tus-server.ts): the
// metadata kind logBundle names the request it answers. Only the terminal asked may send, only
// while its request is open, at most MAX_LOG_BUNDLE_BYTES; the stored bytes are hashed when the
// last one arrives and a mismatch is thrown away (the request opens again for a new bundle).
import { z } from 'zod';
import type { TerminalCaller } from '../../auth/caller';
import { nowIso } from '../../clock';
import type { AppContext } from '../../context';
import { ApiError, badRequest, forbidden, notFound } from '../../http/api-error';
import { storedSha256 } from '../../recordings/hash-stored';
import type { RecordingStorage } from '../../recordings/storage';
import { LOG_BUNDLE_KIND, MAX_LOG_BUNDLE_BYTES } from '../../../src-shared/sync/log-bundle';
import { terminalIdSchema } from '../../../src-shared/sync/terminal-id';
import { beginLogUpload, findLogRequest, findLogRequestByUpload, settleLogUpload } from './requests';

const metadataSchema = z.object({
  kind: z.literal(LOG_BUNDLE_KIND),
  terminalId: terminalIdSchema,
  requestId: z.uuid('须为日志请求的 UUID'),
  filename: z.string('缺少文件名').regex(/^[A-Za-z0-9._-]{1,100}$/, '文件名只能由字母、数字、点、下划线和连字符组成'),
  sha256: z.string('缺少 SHA-256').regex(/^[0-9a-f]{64}$/, '须为 64 位小写十六进制 SHA-256'),
  size: z
    .string('缺少文件大小')
    .regex(/^(0|[1-9][0-9]{0,15})$/, '须为字节数（非负整数）')
    .transform(Number),
});

export const isLogBundleUpload = (metadata: Record<string, string | null> | undefined): boolean =>
  metadata?.kind === LOG_BUNDLE_KIND;

/** The terminal a log upload belongs to; undefined when the id is not a log upload. */
export async function logUploadTerminal(ctx: AppContext, uploadId: string): Promise<string | undefined> {
  return (await findLogRequestByUpload(ctx, uploadId))?.terminal_id;
}

/** tus creation of a log bundle: checked and recorded against its request, or refused. */
export async function createLogUpload(
  ctx: AppContext,
  storage: RecordingStorage,
  caller: TerminalCaller,
  uploadId: string,
  raw: Record<string, string | null> | undefined,
  uploadLength: number | undefined,
): Promise<void> {
  const parsed = metadataSchema.safeParse(Object.fromEntries(Object.entries(raw ?? {}).filter(([, v]) => v !== null)));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: ['metadata', ...i.path.map(String)].join('.'), message: i.message }));
    throw badRequest(`上传元数据有误：${issues.map((i) => i.path).join('、')}`, issues);
  }
  const meta = parsed.data;
  if (uploadLength === undefined || meta.size !== uploadLength)
    throw badRequest('metadata.size 须与 Upload-Length 一致', [{ path: 'metadata.size', message: '与 Upload-Length 不一致' }]);
  if (meta.size > MAX_LOG_BUNDLE_BYTES)
    throw new ApiError(413, 'VALIDATION_FAILED', `日志包不能超过 ${MAX_LOG_BUNDLE_BYTES} 字节`, [
      { path: 'metadata.size', message: '超过上限' },
    ]);
  if (meta.terminalId !== caller.terminalId) throw forbidden('metadata.terminalId 须为本终端的编号');
  const request = await findLogRequest(ctx, meta.requestId);
  if (!request || request.terminal_id !== caller.terminalId) throw notFound('日志请求不存在');
  if (request.status !== 'requested' && request.status !== 'uploading')
    throw new ApiError(409, 'CONFLICT', '该日志请求已收到日志包');
  const previous = await beginLogUpload(ctx, request.id, { uploadId, size: meta.size, sha256: meta.sha256 });
  // A bundle packed again (the terminal restarted) replaces the half-sent one.
  if (previous !== null && previous !== uploadId) await storage.remove(previous).catch(() => undefined);
}

/** The last byte arrived: hash what is stored; a match settles the request, a mismatch is thrown away. */
export async function finishLogUpload(
  ctx: AppContext,
  storage: RecordingStorage,
  uploadId: string,
): Promise<{ received: boolean; sha256: string; reason: string | null }> {
  const request = await findLogRequestByUpload(ctx, uploadId);
  if (!request) throw notFound('上传不存在');
  const { sha256, bytes } = await storedSha256(storage, uploadId, Number(request.size));
  const ok = sha256 === request.declared_sha256 && bytes === Number(request.size);
  const reason = ok ? null : `日志包的 SHA-256（${sha256}）与声明的不符，已拒收，请重新上传`;
  if ((await settleLogUpload(ctx, uploadId, { received: ok, reason, at: nowIso(ctx.clock) })) && !ok)
    await storage.remove(uploadId);
  return { received: ok, sha256, reason };
}
