// terminal_log_requests' one writer: an administrator's request (requested), the terminal's
// upload of its bundle (uploading, with the tus upload id), and its end once the stored bytes
// were hashed (received; a mismatch goes back to requested, with the reason, to be sent again).
import type { Selectable } from 'kysely';
import type { AppContext } from '../../context';
import type { TerminalLogRequestsTable } from '../../db/schema';
import type { LogRequestView } from '../../../src-shared/store-api/endpoints/logs';

export type LogRequestRow = Selectable<TerminalLogRequestsTable>;

export const toLogRequestView = (r: LogRequestRow): LogRequestView => ({
  id: r.id,
  terminalId: r.terminal_id,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  status: r.status,
  size: r.size === null ? null : Number(r.size),
  sha256: r.status === 'received' ? r.declared_sha256 : null,
  receivedAt: r.received_at,
  reason: r.reason,
});

export async function insertLogRequest(
  ctx: AppContext,
  row: Pick<LogRequestRow, 'id' | 'terminal_id' | 'organisation_id' | 'requested_by' | 'requested_at'>,
): Promise<LogRequestRow> {
  const full: LogRequestRow = {
    ...row,
    status: 'requested',
    upload_id: null,
    size: null,
    declared_sha256: null,
    received_at: null,
    reason: null,
  };
  await ctx.db.insertInto('terminal_log_requests').values(full).execute();
  return full;
}

export const findLogRequest = (ctx: AppContext, id: string): Promise<LogRequestRow | undefined> =>
  ctx.db.selectFrom('terminal_log_requests').selectAll().where('id', '=', id).executeTakeFirst();

export const findLogRequestByUpload = (ctx: AppContext, uploadId: string): Promise<LogRequestRow | undefined> =>
  ctx.db.selectFrom('terminal_log_requests').selectAll().where('upload_id', '=', uploadId).executeTakeFirst();

/** A terminal's requests still waiting for a bundle, oldest first. */
export const openLogRequests = (ctx: AppContext, terminalId: string): Promise<LogRequestRow[]> =>
  ctx.db
    .selectFrom('terminal_log_requests')
    .selectAll()
    .where('terminal_id', '=', terminalId)
    .where('status', 'in', ['requested', 'uploading'])
    .orderBy('requested_at')
    .orderBy('id')
    .limit(10)
    .execute();

/** The terminal began (or began again) sending the bundle; the previous upload id, if any, is answered. */
export async function beginLogUpload(
  ctx: AppContext,
  id: string,
  upload: { uploadId: string; size: number; sha256: string },
): Promise<string | null> {
  const before = await findLogRequest(ctx, id);
  await ctx.db
    .updateTable('terminal_log_requests')
    .set({ status: 'uploading', upload_id: upload.uploadId, size: upload.size, declared_sha256: upload.sha256, reason: null })
    .where('id', '=', id)
    .where('status', 'in', ['requested', 'uploading'])
    .execute();
  return before?.upload_id ?? null;
}

/** Settles an upload; false if it is no longer this request's upload (another settled or replaced it). */
export async function settleLogUpload(
  ctx: AppContext,
  uploadId: string,
  outcome: { received: boolean; reason: string | null; at: string },
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('terminal_log_requests')
    .set(
      outcome.received
        ? { status: 'received', received_at: outcome.at, reason: null }
        : { status: 'requested', upload_id: null, size: null, declared_sha256: null, reason: outcome.reason },
    )
    .where('upload_id', '=', uploadId)
    .where('status', '=', 'uploading')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
