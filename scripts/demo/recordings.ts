// Where a visit's recordings end up: the terminal's sealed copy (signed manifest, segments,
// archive) and what the central store received over tus (R13.1). The store keeps received
// files under its upload ids; the demo copies them back under their names into one folder
// per recording, so `npm run verify -- <manifest>` can check the central copy too.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize } from 'node:path';
import type { Terminal } from '../../src-main/terminal-types';
import type { SignedManifest } from '../../src-main/recording/manifest/manifest';
import { checkRecording, type RecordingCheck } from '../../harness/recording-check';
import { TONE_HZ } from '../../harness/fake-media';
import { verifyManifest } from '../../src-main/recording/manifest/verify-manifest';
import { MANIFEST_FILE } from '../../src-main/recording/seal/seal-recording';
import type { DemoStore } from './central-store';
import { waitUntil } from './terminal-steps';

/** Finds <recordingId>/manifest.json under the terminal's recording folder. */
export function findManifest(recordingDir: string, recordingId: string): string {
  const direct = join(recordingDir, recordingId, MANIFEST_FILE);
  if (existsSync(direct)) return direct;
  for (const entry of readdirSync(recordingDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name === MANIFEST_FILE && basename(entry.parentPath) === recordingId)
      return join(entry.parentPath, entry.name);
  }
  throw new Error(`找不到录像 ${recordingId} 的签名清单 manifest not found under ${recordingDir}`);
}

export async function sealedRecording(
  terminal: Terminal,
  visitId: string,
): Promise<{ recordingId: string; durationMs: number | null }> {
  const list = await waitUntil(
    '录像封存 recording sealed',
    () => terminal.services.recording.list(undefined),
    (rows) => rows.some((r) => r.visitId === visitId && r.state !== 'recording'),
    90_000,
  );
  const row = list.find((r) => r.visitId === visitId);
  if (!row || row.state === 'interrupted') throw new Error(`录像未能正常封存 recording not sealed: ${JSON.stringify(row)}`);
  return { recordingId: row.recordingId, durationMs: row.durationMs };
}

interface Received {
  id: string;
  kind: string;
  filename: string;
  status: string;
}

/** Runs sync rounds until the store confirmed this terminal's manifest (and nothing of it is pending). */
export async function waitForUpload(
  store: DemoStore,
  terminal: Terminal,
  terminalId: string,
  visitId: string,
): Promise<Received[]> {
  return waitUntil(
    '上传到中心库 upload confirmed by the store',
    async () => {
      await terminal.services.sync.syncNow(undefined);
      return store.app.ctx.db
        .selectFrom('recordings_received')
        .select(['id', 'kind', 'filename', 'status'])
        .where('visit_id', '=', visitId)
        .where('terminal_id', '=', terminalId)
        .execute();
    },
    (rows) => rows.some((r) => r.kind === 'manifest' && r.status === 'confirmed') && rows.every((r) => r.status === 'confirmed'),
    150_000,
  );
}

/** Copies the store's received files back under their names; returns the central copy's manifest path. */
export function centralCopy(store: DemoStore, received: Received[], into: string): string {
  mkdirSync(into, { recursive: true });
  let manifest = '';
  for (const r of received) {
    const name = normalize(r.filename);
    if (name.startsWith('..') || name.startsWith('/'))
      throw new Error(`中心库记录的文件名不安全 unsafe file name: ${r.filename}`);
    const target = join(into, name);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(store.dataDir, 'recordings', basename(r.id)), target);
    if (r.kind === 'manifest') manifest = target;
  }
  if (!manifest) throw new Error('中心库没有收到签名清单 the store has no manifest');
  return manifest;
}

export interface VerifyOutcome {
  ok: boolean;
  message: string;
}

export async function verify(manifestPath: string): Promise<VerifyOutcome> {
  const result = await verifyManifest(manifestPath);
  if (result.ok)
    return { ok: true, message: `签名有效、${result.segmentsChecked} 个分段与归档哈希一致 signature valid, hashes match` };
  return { ok: false, message: result.problems.map((p) => p.message).join('；') };
}

/**
 * R13.1: the sealed archive carries both parties' sound (each terminal's microphone is a tone
 * at its own frequency) in every 2-second window, and both halves of the picture move in each.
 */
export function checkArchive(manifestPath: string): RecordingCheck {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as SignedManifest;
  if (!manifest.archive) throw new Error(`录像没有归档文件 the recording has no archive: ${manifestPath}`);
  return checkRecording(join(dirname(manifestPath), manifest.archive.file), {
    windowS: 2,
    parties: [
      { name: '服刑人员 inmate', hz: TONE_HZ.prison },
      { name: '会见人 visitors', hz: TONE_HZ.bureau },
    ],
  });
}
