// The end of a live recording: the disk watch stopped, the spool closed for writing, the
// last ffmpeg left to finish, then the archive and the signed manifest sealed and the
// folder released. The segments and the archive now hold everything; a spool ffmpeg could
// not consume stays, with the run lists, for a technician. sealPlan and leftovers decide;
// stopRecording carries them out.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { FfmpegPaths } from '../ffmpeg/ffmpeg-locator';
import type { SigningKey } from '../manifest/signing-key';
import type { FolderClaim } from '../seal/folder-claim';
import { sealRecording, type SealResult } from '../seal/seal-recording';
import { listFileName } from '../segments/segment-run';
import type { Spool } from '../segments/spool';
import type { TypedEvents } from '../typed-events';
import type { FfmpegSupervisor } from './ffmpeg-supervisor';
import type { RecordingEvents } from './recording-types';

/**
 * How the recording is sealed: an interrupted one (with a reason) ends where its stream was
 * cut off, the last chunk's arrival; a whole one ends now.
 */
export function sealPlan(
  reason: string | null,
  lastWriteAt: Date | null,
  now: () => Date,
): { readonly state: 'sealed' | 'interrupted'; readonly endedAt: Date } {
  return reason ? { state: 'interrupted', endedAt: lastWriteAt ?? now() } : { state: 'sealed', endedAt: now() };
}

/** The working files to delete after sealing: the spool and the run lists, only when ffmpeg consumed the spool. */
export function leftovers(consumed: boolean, spoolPath: string, dir: string, runs: number): string[] {
  if (!consumed) return [];
  return [spoolPath, ...Array.from({ length: runs }, (_, i) => join(dir, listFileName(i + 1)))];
}

export interface StopParts {
  readonly db: Database;
  readonly recordingId: string;
  readonly dir: string;
  readonly ffmpeg: FfmpegPaths;
  readonly ffmpegVersion: string;
  readonly key: SigningKey;
  readonly claim: FolderClaim;
  readonly spool: Spool;
  readonly supervisor: FfmpegSupervisor;
  readonly diskWatch: { stop(): void };
  readonly events: TypedEvents<RecordingEvents>;
  readonly now: () => Date;
  readonly lastWriteAt: () => Date | null;
}

export async function stopRecording(parts: StopParts, reason: string | null): Promise<SealResult> {
  const { spool, now } = parts;
  parts.diskWatch.stop();
  spool.endWriting();
  const consumed = await parts.supervisor.consumed;
  let result: SealResult;
  try {
    const { state, endedAt } = sealPlan(reason, parts.lastWriteAt(), now);
    const { db, recordingId, dir, ffmpeg, ffmpegVersion, key } = parts;
    result = await sealRecording({ db, recordingId, dir, ffmpeg, ffmpegVersion, key, state, endedAt, now, reason });
  } finally {
    parts.claim.release();
  }
  spool.close();
  for (const file of leftovers(consumed, spool.path, parts.dir, parts.supervisor.runs())) rmSync(file, { force: true });
  parts.events.emit('sealed', result);
  return result;
}
