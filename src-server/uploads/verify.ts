// Settles an upload once all its bytes are stored: hashes the stored bytes and
// accepts only a match with the declared SHA-256. A mismatch is rejected and its
// bytes removed (the terminal keeps its copy, which it may delete only after a
// confirmation, and sends the file again); the reason is kept for the
// confirmation query.
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import { sha256OfStream } from './hash-stored';
import { findById, settle } from './records';
import type { RecordingRow } from './records';
import type { RecordingStorage } from './storage';

export async function verifyStoredUpload(ctx: AppContext, storage: RecordingStorage, row: RecordingRow): Promise<RecordingRow> {
  if (row.status !== 'pending') return row;
  const { sha256, bytes } = await sha256OfStream(await storage.open(row.id));
  const size = Number(row.size);
  const at = nowIso(ctx.clock);
  if (bytes === size && sha256 === row.declared_sha256) {
    await settle(ctx, row.id, { status: 'confirmed', storedSha256: sha256, reason: null, at });
  } else {
    const reason =
      bytes !== size
        ? `存储的字节数（${bytes}）与声明的大小（${size}）不符，已拒收，请重新上传`
        : `存储内容的 SHA-256（${sha256}）与声明的（${row.declared_sha256}）不符，已拒收，请重新上传`;
    // Only the request that settles the row removes the bytes.
    if (await settle(ctx, row.id, { status: 'rejected', storedSha256: sha256, reason, at })) {
      await storage.remove(row.id);
    }
  }
  const settled = await findById(ctx, row.id);
  if (!settled) throw new Error(`recordings_received ${row.id} vanished`);
  return settled;
}
