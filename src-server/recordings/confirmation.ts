// The answer to a terminal's "is this confirmed?": confirmed (with the stored
// hash and time), pending (with the bytes received so far) or rejected (with
// the reason). An upload whose bytes all arrived but whose check never ran
// (the store stopped between the last write and the hash) is checked here.
import type { FastifyBaseLogger } from 'fastify';
import type { Confirmation } from '../../src-shared/store-api/endpoints/recordings';
import type { AppContext } from '../context';
import type { RecordingRow } from './records';
import type { RecordingStorage } from './storage';
import { verifyStoredUpload } from './verify';

async function receivedBytes(storage: RecordingStorage, id: string): Promise<number | null> {
  try {
    return (await storage.datastore.getUpload(id)).offset;
  } catch {
    return null; // created in the database, nothing stored yet
  }
}

export async function confirmationOf(
  ctx: AppContext,
  storage: RecordingStorage,
  found: RecordingRow,
  log?: FastifyBaseLogger,
): Promise<Confirmation> {
  let row = found;
  let bytes: number | null = null;
  if (row.status === 'pending') {
    bytes = await receivedBytes(storage, row.id);
    if (bytes !== null && bytes === Number(row.size)) {
      row = await verifyStoredUpload(ctx, storage, row, log);
      bytes = null;
    }
  }
  return {
    uploadId: row.id,
    visitId: row.visit_id,
    terminalId: row.terminal_id,
    kind: row.kind,
    filename: row.filename,
    size: Number(row.size),
    status: row.status,
    declaredSha256: row.declared_sha256,
    storedSha256: row.stored_sha256,
    receivedAt: row.received_at,
    receivedBytes: row.status === 'pending' ? (bytes ?? 0) : null,
    reason: row.status === 'pending' ? `上传尚未完成（已收到 ${bytes ?? 0} / ${Number(row.size)} 字节）` : row.reason,
    signature: row.signature_status,
    signatureKeySha256: row.signature_key_sha256,
  };
}
