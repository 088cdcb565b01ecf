// Closes a recording, after a normal stop or at the next start after a crash: archive
// from the sealed segments, chapters side-car, signed manifest, then in ONE transaction
// the manifest row, the final state, an outbox row for the upload and the audit entry.
import type { Database } from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { appendAudit } from '../../audit/audit-log';
import { archiveParts, buildArchive } from './archive';
import { ffmetadataChapters, webVttChapters, type Chapter } from './chapters';
import { RecorderError } from '../errors';
import type { FfmpegPaths } from '../ffmpeg/ffmpeg-locator';
import { hashFile } from '../manifest/hash-file';
import {
  MANIFEST_FORMAT,
  serializeManifest,
  signManifest,
  type ManifestIncident,
  type Participant,
  type SignedManifest,
} from '../manifest/manifest';
import { enqueueOutbox } from '../../store/outbox';
import { closeRecording, getRecording, incidentsOf, insertManifest, segmentsOf } from '../recorder-db';
import type { SigningKey } from '../manifest/signing-key';
import { PRIVATE_FILE_MODE, tightenFile } from '../../store/private-files';

export const MANIFEST_FILE = 'manifest.json';
export const CHAPTERS_FILE = 'archive.chapters.vtt';
export const UPLOAD_OUTBOX_KIND = 'recording.upload';

export interface SealResult {
  readonly recordingId: string;
  readonly state: 'sealed' | 'interrupted';
  /** Absolute path of manifest.json. */
  readonly manifestPath: string;
  readonly manifestSha256: string;
  readonly manifest: SignedManifest;
  /** Why no archive could be made (zh-CN), when manifest.archive is null. */
  readonly archiveProblem: string | null;
}

function writeDurably(path: string, text: string): void {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'w', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  // A .partial left by a crash under an older release kept its 0644.
  tightenFile(path);
}

const chapterTitle = (incident: ManifestIncident): string => `${incident.note}（${incident.actor}）`;

export async function sealRecording(options: {
  db: Database;
  recordingId: string;
  /** The recording's folder. */
  dir: string;
  ffmpeg: FfmpegPaths;
  ffmpegVersion: string;
  key: SigningKey;
  state: 'sealed' | 'interrupted';
  endedAt: Date;
  now: () => Date;
  /** Why an interrupted recording ended (zh-CN), for the audit log. */
  reason?: string | null;
}): Promise<SealResult> {
  const { db, recordingId, dir } = options;
  const row = getRecording(db, recordingId);
  if (!row) throw new RecorderError(`找不到录像记录 ${recordingId}`);
  const terminalId = row.terminal_id ?? 'unknown';
  const segments = segmentsOf(db, recordingId);
  const incidents: ManifestIncident[] = incidentsOf(db, recordingId).map((i) => ({
    at: i.at,
    offsetMs: i.offset_ms,
    note: i.note,
    actor: i.actor,
  }));
  const chapters: Chapter[] = incidents.map((i) => ({ offsetMs: i.offsetMs, title: chapterTitle(i) }));
  const segmentsMs = segments.reduce((sum, s) => sum + (s.end_ms - s.start_ms), 0);

  let archive: SignedManifest['archive'] = null;
  let chaptersFile: SignedManifest['chapters'] = null;
  let archiveProblem: string | null = null;
  if (segments.length > 0) {
    try {
      const built = await buildArchive({
        ffmpeg: options.ffmpeg.ffmpeg,
        ffprobe: options.ffmpeg.ffprobe,
        dir,
        segments: archiveParts(segments),
        chapters: chapters.length > 0 ? ffmetadataChapters(chapters, segmentsMs) : null,
      });
      archive = { file: built.file, ...(await hashFile(join(dir, built.file))), durationMs: built.durationMs, container: 'webm' };
      writeDurably(join(dir, CHAPTERS_FILE), webVttChapters(chapters, built.durationMs));
      chaptersFile = { file: CHAPTERS_FILE, ...(await hashFile(join(dir, CHAPTERS_FILE))), format: 'webvtt' };
    } catch (error) {
      // The sealed segments remain the evidence; the manifest says there is no archive.
      archiveProblem = error instanceof Error ? error.message : String(error);
    }
  } else {
    archiveProblem = '没有已封存的录像分段';
  }

  const manifest = signManifest(
    {
      format: MANIFEST_FORMAT,
      recordingId,
      visitId: row.visit_id,
      terminalId,
      participants: JSON.parse(row.participants) as Participant[],
      state: options.state === 'sealed' ? 'complete' : 'interrupted',
      startedAt: row.started_at,
      endedAt: options.endedAt.toISOString(),
      ffmpegVersion: options.ffmpegVersion,
      segments: segments.map((s) => ({
        index: s.seq,
        file: s.file,
        run: s.run,
        startMs: s.start_ms,
        endMs: s.end_ms,
        bytes: s.bytes,
        sha256: s.sha256,
      })),
      archive,
      chapters: chaptersFile,
      incidents,
    },
    options.key,
  );
  const manifestPath = join(dir, MANIFEST_FILE);
  writeDurably(manifestPath, serializeManifest(manifest));
  const manifestDigest = await hashFile(manifestPath);

  const at = options.now();
  db.transaction(() => {
    insertManifest(db, {
      recordingId,
      file: MANIFEST_FILE,
      sha256: manifestDigest.sha256,
      archiveFile: archive?.file ?? null,
      archiveSha256: archive?.sha256 ?? null,
      archiveBytes: archive?.bytes ?? null,
      durationMs: archive?.durationMs ?? null,
      keyId: options.key.keyId,
      signedAt: at.toISOString(),
    });
    closeRecording(db, recordingId, options.state, options.endedAt.toISOString());
    enqueueOutbox(
      db,
      UPLOAD_OUTBOX_KIND,
      {
        recordingId,
        visitId: row.visit_id,
        terminalId,
        state: options.state,
        manifest: MANIFEST_FILE,
        manifestSha256: manifestDigest.sha256,
        archive: archive?.file ?? null,
        archiveSha256: archive?.sha256 ?? null,
        archiveBytes: archive?.bytes ?? null,
      },
      at.toISOString(),
    );
    appendAudit(
      db,
      terminalId,
      {
        kind: options.state === 'sealed' ? 'recording.sealed' : 'recording.interrupted',
        payload: {
          recordingId,
          visitId: row.visit_id,
          segments: segments.length,
          manifestSha256: manifestDigest.sha256,
          archiveSha256: archive?.sha256 ?? null,
          durationMs: archive?.durationMs ?? null,
          keyId: options.key.keyId,
          archiveProblem,
          ...(options.reason ? { reason: options.reason } : {}),
        },
      },
      at,
    );
  })();
  return { recordingId, state: options.state, manifestPath, manifestSha256: manifestDigest.sha256, manifest, archiveProblem };
}
