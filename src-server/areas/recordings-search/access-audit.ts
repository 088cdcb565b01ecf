// The store's recording access audit (R26.1; the province reads it, R29.1): one row per
// search, playback, download and legal hold, with who, when and which visit or file. This
// module is the one writer of recording_access_audit (migration 0014). A playback or
// download row also holds the media ticket's hash and expiry: the media GET accepts a
// ticket only if its audit row exists, so nothing is played that was not written down first.
import { createHash, randomBytes } from 'node:crypto';
import type { StaffCaller } from '../../auth/caller';
import type { Scope } from '../../auth/scope';
import { nowIso } from '../../clock';
import type { AppContext } from '../../context';
import { newId } from '../../ids';
import type { AccessAction, AccessEntry } from '../../../src-shared/store-api/endpoints/recordings-search';

const ticketHash = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

export interface AccessRecord {
  readonly visitId?: string | null;
  readonly uploadId?: string | null;
  readonly detail: Record<string, unknown>;
}

export async function recordAccess(ctx: AppContext, me: StaffCaller, action: AccessAction, record: AccessRecord): Promise<void> {
  await ctx.db
    .insertInto('recording_access_audit')
    .values({
      id: newId(),
      at: nowIso(ctx.clock),
      staff_id: me.staffId,
      organisation_id: me.organisationId,
      action,
      visit_id: record.visitId ?? null,
      upload_id: record.uploadId ?? null,
      detail: JSON.stringify(record.detail),
      ticket_hash: null,
      ticket_expires_at: null,
    })
    .execute();
}

/** Writes the playback or download entry and returns the ticket it carries (only its hash is kept). */
export async function issueTicket(
  ctx: AppContext,
  me: StaffCaller,
  action: 'playback' | 'download',
  record: AccessRecord & { uploadId: string; visitId: string },
  expiresAt: string,
): Promise<string> {
  const ticket = randomBytes(32).toString('base64url');
  await ctx.db
    .insertInto('recording_access_audit')
    .values({
      id: newId(),
      at: nowIso(ctx.clock),
      staff_id: me.staffId,
      organisation_id: me.organisationId,
      action,
      visit_id: record.visitId,
      upload_id: record.uploadId,
      detail: JSON.stringify(record.detail),
      ticket_hash: ticketHash(ticket),
      ticket_expires_at: expiresAt,
    })
    .execute();
  return ticket;
}

/** The upload a ticket opens, while it is good; null otherwise. */
export async function ticketUpload(
  ctx: AppContext,
  ticket: string,
): Promise<{ uploadId: string; action: 'playback' | 'download' } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(ticket)) return null;
  const row = await ctx.db
    .selectFrom('recording_access_audit')
    .select(['upload_id', 'action', 'ticket_expires_at'])
    .where('ticket_hash', '=', ticketHash(ticket))
    .executeTakeFirst();
  if (!row || row.upload_id === null || row.ticket_expires_at === null) return null;
  if (row.ticket_expires_at <= nowIso(ctx.clock)) return null;
  return { uploadId: row.upload_id, action: row.action === 'download' ? 'download' : 'playback' };
}

const ACTION_WORDS: Record<AccessAction, string> = {
  search: '查询',
  playback: '播放',
  download: '下载',
  hold: '设置法律保全',
  release: '解除法律保全',
};

/** One line in Chinese of what the entry did. */
export function accessSummary(action: AccessAction, detail: Record<string, unknown>): string {
  const d = detail as Record<string, string | number | undefined>;
  if (action === 'search') {
    const f = (detail['filters'] ?? {}) as Record<string, string | boolean | undefined>;
    const parts = [
      `${String(f['from'] ?? '')} 至 ${String(f['to'] ?? '')}`,
      f['visitorIdNumber'] ? `会见人证件号 ${String(f['visitorIdNumber'])}` : '',
      f['visitorName'] ? `会见人 ${String(f['visitorName'])}` : '',
      f['inmate'] ? `服刑人员 ${String(f['inmate'])}` : '',
      f['outcome'] ? `结果 ${String(f['outcome'])}` : '',
      f['hasWarnings'] ? '有警告' : '',
    ].filter(Boolean);
    return `查询 ${parts.join('，')}：${String(d['total'] ?? 0)} 条`;
  }
  if (action === 'hold' || action === 'release') return `${ACTION_WORDS[action]}：${String(d['reason'] ?? '')}`;
  return `${ACTION_WORDS[action]} ${String(d['site'] ?? '')} ${String(d['room'] ?? '')} 的录像（${String(d['filename'] ?? '')}）`.trim();
}

export async function listAccess(
  ctx: AppContext,
  scope: Scope,
  query: { limit: number; offset: number; action?: AccessAction | undefined; visitId?: string | undefined },
): Promise<AccessEntry[]> {
  let q = ctx.db
    .selectFrom('recording_access_audit')
    .innerJoin('staff', 'staff.id', 'recording_access_audit.staff_id')
    .innerJoin('organisations', 'organisations.id', 'recording_access_audit.organisation_id')
    .select([
      'recording_access_audit.id',
      'recording_access_audit.at',
      'recording_access_audit.action',
      'recording_access_audit.visit_id',
      'recording_access_audit.upload_id',
      'recording_access_audit.detail',
      'staff.display_name',
      'staff.username',
      'organisations.name as organisation',
    ]);
  if (!scope.all) q = q.where('recording_access_audit.organisation_id', 'in', scope.orgIds);
  if (query.action) q = q.where('recording_access_audit.action', '=', query.action);
  if (query.visitId) q = q.where('recording_access_audit.visit_id', '=', query.visitId);
  const rows = await q
    .orderBy('recording_access_audit.at', 'desc')
    .orderBy('recording_access_audit.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    staffName: r.display_name,
    username: r.username,
    organisation: r.organisation,
    action: r.action,
    visitId: r.visit_id,
    uploadId: r.upload_id,
    summary: accessSummary(r.action, JSON.parse(r.detail) as Record<string, unknown>),
  }));
}
