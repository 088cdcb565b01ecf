// A new recording's place before any media arrives: ffmpeg located and version-checked,
// the signing key loaded, the folder created owner-only and claimed, and the recording's
// row written together with its 'recording.started' audit entry.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../../audit/audit-log';
import { PRIVATE_DIR_MODE } from '../../store/private-files';
import type { FfmpegPaths } from '../ffmpeg/ffmpeg-locator';
import { ffmpegTools } from '../ffmpeg/ffmpeg-tools';
import { loadOrCreateSigningKey, type SigningKey } from '../manifest/signing-key';
import { insertRecording } from '../recorder-db';
import { claimFolder, type FolderClaim } from '../seal/folder-claim';
import type { StartRecordingOptions } from './recording-types';

export interface OpenedRecording {
  readonly recordingId: string;
  /** The recording's own folder. */
  readonly dir: string;
  readonly startedAt: Date;
  readonly ffmpeg: FfmpegPaths;
  readonly ffmpegVersion: string;
  readonly key: SigningKey;
  readonly claim: FolderClaim;
}

const stamp = (at: Date): string => at.toISOString().replace(/[-:.]/g, '');

export async function openRecording(options: StartRecordingOptions, now: () => Date): Promise<OpenedRecording> {
  // Cached per process (ffmpeg-tools.ts): the lookup and `-version` cost seconds under load.
  const { paths: ffmpeg, version } = await ffmpegTools.resolve({
    ...(options.ffmpeg ? { ffmpeg: options.ffmpeg } : {}),
    ...(options.locate ? { locate: options.locate } : {}),
  });
  const key = loadOrCreateSigningKey(options.keyPath);
  const startedAt = now();
  const recordingId = `${options.visitId}-${stamp(startedAt)}`;
  const dir = join(options.dir, recordingId);
  // Owner-only: what ffmpeg writes inside is unreachable for other local users whatever its mode.
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // Before anything is written: never two recorders (or a recovery) on one folder.
  const claim = claimFolder(dir, 'recording');
  const { db, terminalId, visitId } = options;
  try {
    db.transaction(() => {
      insertRecording(db, {
        recordingId,
        visitId,
        terminalId,
        startedAt: startedAt.toISOString(),
        participants: options.participants ?? [],
      });
      appendAudit(
        db,
        terminalId,
        {
          kind: 'recording.started',
          payload: {
            recordingId,
            visitId,
            ffmpeg: ffmpeg.ffmpeg,
            ffmpegSource: ffmpeg.sources.ffmpeg,
            ffmpegVersion: version,
            keyId: key.keyId,
          },
        },
        startedAt,
      );
    })();
  } catch (error) {
    claim.release();
    throw error;
  }
  return { recordingId, dir, startedAt, ffmpeg, ffmpegVersion: version, key, claim };
}
