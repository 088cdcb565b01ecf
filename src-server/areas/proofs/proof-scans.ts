// The one writer of proof_scans (migration 0019; R8.1, R35.1): a checked scan is stored with
// its application, listed without its bytes, read with its bytes, and emptied by the
// retention run (./purge-proofs). Callers check the scope (the application's) first.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context';
import { nowIso } from '../../clock';
import { newId } from '../../ids';
import type { StaffCaller } from '../../auth/caller';
import type { ProofMediaType, ProofScanKind } from '../../../src-shared/proofs/scan-file';
import type { ProofSummary } from '../../../src-shared/store-api/endpoints/proofs';

const summaryColumns = [
  'proof_scans.id',
  'proof_scans.application_id',
  'proof_scans.kind',
  'proof_scans.file_name',
  'proof_scans.media_type',
  'proof_scans.size',
  'proof_scans.sha256',
  'proof_scans.uploaded_at',
  'staff.display_name',
  'organisations.name as organisation',
] as const;

function baseQuery(ctx: AppContext) {
  return ctx.db
    .selectFrom('proof_scans')
    .innerJoin('staff', 'staff.id', 'proof_scans.uploaded_by')
    .innerJoin('organisations', 'organisations.id', 'proof_scans.organisation_id')
    .where('proof_scans.purged_at', 'is', null);
}

type Row = {
  id: string;
  application_id: string;
  kind: string;
  file_name: string;
  media_type: ProofMediaType;
  size: number;
  sha256: string;
  uploaded_at: string;
  display_name: string;
  organisation: string;
};

const toSummary = (r: Row): ProofSummary => ({
  id: r.id,
  applicationId: r.application_id,
  kind: r.kind as ProofScanKind,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  uploadedAt: r.uploaded_at,
  uploadedBy: r.display_name,
  organisation: r.organisation,
});

export async function countProofs(ctx: AppContext, applicationId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('proof_scans')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('application_id', '=', applicationId)
    .where('purged_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function storeProof(
  ctx: AppContext,
  me: StaffCaller,
  applicationId: string,
  scan: { kind: ProofScanKind; name: string; type: ProofMediaType; bytes: Buffer },
): Promise<ProofSummary> {
  const id = newId();
  await ctx.db
    .insertInto('proof_scans')
    .values({
      id,
      application_id: applicationId,
      kind: scan.kind,
      file_name: scan.name,
      media_type: scan.type,
      size: scan.bytes.length,
      sha256: createHash('sha256').update(scan.bytes).digest('hex'),
      uploaded_by: me.staffId,
      organisation_id: me.organisationId,
      uploaded_at: nowIso(ctx.clock),
      content: scan.bytes.toString('base64'),
      purged_at: null,
    })
    .execute();
  const stored = await readProof(ctx, applicationId, id);
  if (!stored) throw new Error('proof scan vanished after insert');
  return stored.proof;
}

export async function listProofs(ctx: AppContext, applicationId: string): Promise<ProofSummary[]> {
  const rows = await baseQuery(ctx)
    .select(summaryColumns)
    .where('proof_scans.application_id', '=', applicationId)
    .orderBy('proof_scans.uploaded_at')
    .orderBy('proof_scans.id')
    .execute();
  return rows.map(toSummary);
}

export async function readProof(
  ctx: AppContext,
  applicationId: string,
  proofId: string,
): Promise<{ proof: ProofSummary; contentBase64: string } | null> {
  const row = await baseQuery(ctx)
    .select([...summaryColumns, 'proof_scans.content'])
    .where('proof_scans.application_id', '=', applicationId)
    .where('proof_scans.id', '=', proofId)
    .executeTakeFirst();
  if (!row || row.content === null) return null;
  return { proof: toSummary(row), contentBase64: row.content };
}

/** Scans received at or before the cutoff and still kept (oldest first). */
export async function findExpiredProofs(
  ctx: AppContext,
  cutoffIso: string,
  limit: number,
): Promise<Array<{ id: string; uploaded_at: string }>> {
  return ctx.db
    .selectFrom('proof_scans')
    .select(['id', 'uploaded_at'])
    .where('purged_at', 'is', null)
    .where('uploaded_at', '<=', cutoffIso)
    .orderBy('uploaded_at')
    .limit(limit)
    .execute();
}

/** Empties the bytes and records when; false if another run did it first. */
export async function markProofPurged(ctx: AppContext, id: string, at: string): Promise<boolean> {
  const res = await ctx.db
    .updateTable('proof_scans')
    .set({ content: null, purged_at: at })
    .where('id', '=', id)
    .where('purged_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
