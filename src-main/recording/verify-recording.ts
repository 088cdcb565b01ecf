// recording.verify (R13.1): a sealed recording's manifest checked against its files and
// against this terminal's own key (a manifest re-signed with another key fails), and the
// check recorded in the audit log as the administrators' action.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceError } from '../../src-shared/ipc/result';
import { appendAudit } from '../audit/audit-log';
import { VERIFIED_AUDIT_KIND } from './list-recordings';
import { verifiedAuditPayload, verifySummary, type VerifySummary } from './manager-results';
import { loadOrCreateSigningKey } from './manifest/signing-key';
import { verifyManifest } from './manifest/verify-manifest';
import { MANIFEST_FILE } from './seal/seal-recording';

export interface VerifyContext {
  readonly db: Database;
  readonly terminalId: string;
  readonly recordingDir: string;
  readonly keyPath: string;
  readonly now: () => Date;
  readonly actor: () => string;
  /** The recording is still open (not sealed yet). */
  readonly isOpen: (recordingId: string) => boolean;
}

export async function verifyRecording(ctx: VerifyContext, recordingId: string): Promise<VerifySummary> {
  if (ctx.isOpen(recordingId)) throw new ServiceError('CONFLICT', `录像 ${recordingId} 尚未结束，结束后才能校验。`);
  const manifestPath = join(ctx.recordingDir, recordingId, MANIFEST_FILE);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(recordingId) || !existsSync(manifestPath))
    throw new ServiceError('NOT_FOUND', `没有找到录像 ${recordingId} 的清单。`);
  // Pinned to this terminal's own key: a manifest re-signed with another key fails.
  const result = await verifyManifest(manifestPath, { trustedKeyIds: [loadOrCreateSigningKey(ctx.keyPath).keyId] });
  const at = ctx.now();
  appendAudit(
    ctx.db,
    ctx.terminalId,
    { kind: VERIFIED_AUDIT_KIND, actor: ctx.actor(), payload: verifiedAuditPayload(recordingId, result) },
    at,
  );
  return verifySummary(recordingId, result, at);
}
