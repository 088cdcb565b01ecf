// Rows of recordings_received: created pending with the upload, settled once
// (pending → confirmed | rejected) when the stored bytes have been hashed.
import type { Selectable } from 'kysely';
import type { AppContext } from '../context';
import type { ManifestSignatureStatus, RecordingsReceivedTable } from '../db/schema';
import type { UploadMetadata } from './metadata';

export type RecordingRow = Selectable<RecordingsReceivedTable>;

export async function insertPending(
  ctx: AppContext,
  id: string,
  meta: UploadMetadata,
  storage: 'file' | 's3',
  now: string,
): Promise<void> {
  await ctx.db
    .insertInto('recordings_received')
    .values({
      id,
      visit_id: meta.visitId,
      terminal_id: meta.terminalId,
      kind: meta.kind,
      filename: meta.filename,
      size: meta.size,
      declared_sha256: meta.sha256,
      stored_sha256: null,
      status: 'pending',
      reason: null,
      storage,
      created_at: now,
      received_at: null,
      signature_status: null,
      signature_key_sha256: null,
    })
    .execute();
}

export function findById(ctx: AppContext, id: string): Promise<RecordingRow | undefined> {
  return ctx.db.selectFrom('recordings_received').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The upload of a file for a visit: a confirmed one if any, otherwise the
 * latest (a rejected file is sent again as a new upload).
 */
export async function findByVisitAndHash(
  ctx: AppContext,
  visitId: string,
  sha256: string,
  terminalIds: readonly string[],
): Promise<RecordingRow | undefined> {
  if (terminalIds.length === 0) return undefined;
  const rows = await ctx.db
    .selectFrom('recordings_received')
    .selectAll()
    .where('visit_id', '=', visitId)
    .where('declared_sha256', '=', sha256)
    .where('terminal_id', 'in', terminalIds)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.find((r) => r.status === 'confirmed') ?? rows[0];
}

/** Settles a pending row; false if another request settled it first. */
export async function settle(
  ctx: AppContext,
  id: string,
  outcome: {
    status: 'confirmed' | 'rejected';
    storedSha256: string | null;
    reason: string | null;
    at: string;
    signatureStatus?: ManifestSignatureStatus;
    signatureKeySha256?: string | null;
  },
): Promise<boolean> {
  const result = await ctx.db
    .updateTable('recordings_received')
    .set({
      status: outcome.status,
      stored_sha256: outcome.storedSha256,
      reason: outcome.reason,
      received_at: outcome.at,
      ...(outcome.signatureStatus !== undefined
        ? { signature_status: outcome.signatureStatus, signature_key_sha256: outcome.signatureKeySha256 ?? null }
        : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Confirmed uploads received at or before cutoff whose bytes are still stored, oldest first. */
export function findExpired(ctx: AppContext, cutoffIso: string, limit: number): Promise<RecordingRow[]> {
  return (
    ctx.db
      .selectFrom('recordings_received')
      .selectAll()
      .where('status', '=', 'confirmed')
      .where('purged_at', 'is', null)
      .where('received_at', '<=', cutoffIso)
      // A visit under legal hold (areas/recordings-search/legal-hold.ts) keeps its recordings past any period.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('recording_legal_holds')
              .select('recording_legal_holds.visit_id')
              .whereRef('recording_legal_holds.visit_id', '=', 'recordings_received.visit_id'),
          ),
        ),
      )
      .orderBy('received_at')
      .limit(limit)
      .execute()
  );
}

/** Records that the bytes are gone; false if another node recorded it first. */
export async function markPurged(ctx: AppContext, id: string, at: string): Promise<boolean> {
  const result = await ctx.db
    .updateTable('recordings_received')
    .set({ purged_at: at })
    .where('id', '=', id)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
