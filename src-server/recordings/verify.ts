// Settles an upload once all its bytes are stored: hashes the stored bytes and
// accepts only a match with the declared SHA-256. A mismatch is rejected and its
// bytes removed (the terminal keeps its copy, which it may delete only after a
// confirmation, and sends the file again); the reason is kept for the
// confirmation query. A manifest is also checked against the key its terminal
// enrolled with (./manifest-signature): one that is unsigned, signed by another
// key or for another terminal or visit is rejected and flagged, never confirmed.
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context';
import { nowIso } from '../clock';
import { raiseAlarm } from '../areas/alarms/raise-alarm';
import { storedSha256 } from './hash-stored';
import { checkManifestSignature, MAX_MANIFEST_BYTES, type ManifestSignatureCheck } from './manifest-signature';
import { indexManifest } from './manifest-index';
import { findById, settle } from './records';
import type { RecordingRow } from './records';
import type { RecordingStorage } from './storage';

async function readAll(storage: RecordingStorage, id: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of (await storage.open(id)) as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > MAX_MANIFEST_BYTES) break;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function checkManifest(ctx: AppContext, storage: RecordingStorage, row: RecordingRow): Promise<ManifestSignatureCheck> {
  const terminal = await ctx.db
    .selectFrom('terminals')
    .select('public_key_pem')
    .where('id', '=', row.terminal_id)
    .executeTakeFirst();
  return checkManifestSignature(
    await readAll(storage, row.id),
    { visitId: row.visit_id, terminalId: row.terminal_id },
    terminal?.public_key_pem ?? null,
  );
}

function logSignature(log: FastifyBaseLogger | undefined, row: RecordingRow, check: ManifestSignatureCheck): void {
  const fields = {
    alarm: 'manifest-signature',
    uploadId: row.id,
    terminalId: row.terminal_id,
    visitId: row.visit_id,
    signature: check.status,
    keySha256: check.keySha256,
    reason: check.reason,
  };
  if (check.status === 'unbound') log?.warn(fields, 'manifest accepted unbound: the terminal enrolled without a public key');
  else if (check.status !== 'valid') log?.error(fields, 'manifest refused: signature not bound to the terminal');
}

export async function verifyStoredUpload(
  ctx: AppContext,
  storage: RecordingStorage,
  row: RecordingRow,
  log?: FastifyBaseLogger,
): Promise<RecordingRow> {
  if (row.status !== 'pending') return row;
  const size = Number(row.size);
  const { sha256, bytes } = await storedSha256(storage, row.id, size);
  const at = nowIso(ctx.clock);
  const hashOk = bytes === size && sha256 === row.declared_sha256;
  const signature = hashOk && row.kind === 'manifest' ? await checkManifest(ctx, storage, row) : null;
  const signatureFields = signature ? { signatureStatus: signature.status, signatureKeySha256: signature.keySha256 } : {};
  if (hashOk && (signature === null || signature.status === 'valid' || signature.status === 'unbound')) {
    if (
      (await settle(ctx, row.id, {
        status: 'confirmed',
        storedSha256: sha256,
        reason: signature?.reason ?? null,
        at,
        ...signatureFields,
      })) &&
      signature
    ) {
      logSignature(log, row, signature);
      // The store's recording search filters on what the manifest marked (./manifest-index).
      await indexManifest(ctx, row, await readAll(storage, row.id));
    }
  } else {
    const reason =
      signature?.reason ??
      (bytes !== size
        ? `存储的字节数（${bytes}）与声明的大小（${size}）不符，已拒收，请重新上传`
        : `存储内容的 SHA-256（${sha256}）与声明的（${row.declared_sha256}）不符，已拒收，请重新上传`);
    // Only the request that settles the row removes the bytes.
    if (await settle(ctx, row.id, { status: 'rejected', storedSha256: sha256, reason, at, ...signatureFields })) {
      if (signature) {
        logSignature(log, row, signature);
        await raiseAlarm(ctx.db, at, {
          kind: 'manifest-signature-refused',
          code: signature.status.toUpperCase(),
          message: `录像清单签名未通过校验：${signature.reason ?? signature.status}`,
          terminalId: row.terminal_id,
          visitId: row.visit_id,
          detail: { uploadId: row.id, keySha256: signature.keySha256 },
        });
      }
      await storage.remove(row.id);
    }
  }
  const settled = await findById(ctx, row.id);
  if (!settled) throw new Error(`recordings_received ${row.id} vanished`);
  return settled;
}
