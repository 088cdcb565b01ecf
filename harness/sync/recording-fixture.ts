// A sealed recording as the recorder leaves it (rows plus files on disk), with chosen
// sizes, for the fault tests: segments, the archive and the signed manifest.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { appendAudit } from '../../src-main/audit/audit-log';
import {
  MANIFEST_FORMAT,
  serializeManifest,
  signManifest,
  type ManifestSegment,
} from '../../src-main/recording/manifest/manifest';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE } from '../../src-main/recording/manifest/signing-key';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

export interface RecordingSpec {
  readonly db: Database;
  readonly recordingDir: string;
  readonly terminalId: string;
  readonly visitId: string;
  readonly at: Date;
  readonly segmentBytes: readonly number[];
  readonly archiveBytes: number;
  /** Also a chapters side-car (archive.chapters.vtt), listed in the manifest as the recorder does. */
  readonly chapters?: boolean;
  /** The key that signs the manifest; default: the terminal's own, `<dataDir>/recording-signing-key.pem` next to recordingDir. */
  readonly keyPath?: string;
}

/** Writes the recording; returns its id and the total bytes of its files. */
export function addSealedRecording(spec: RecordingSpec): { recordingId: string; total: number } {
  const { db, at } = spec;
  const recordingId = crypto.randomUUID();
  const dir = join(spec.recordingDir, recordingId);
  mkdirSync(dir, { recursive: true });
  const iso = at.toISOString();
  db.transaction(() => {
    db.prepare(
      "INSERT OR IGNORE INTO visits (visit_id, date, start_time, minutes, inmate_name, status, updated_at) VALUES (?, '2026-03-02', '09:00', 30, '测试罪犯', 'completed', ?)",
    ).run(spec.visitId, iso);
    db.prepare(
      "INSERT INTO recordings (recording_id, visit_id, terminal_id, state, started_at, ended_at) VALUES (?, ?, ?, 'sealed', ?, ?)",
    ).run(recordingId, spec.visitId, spec.terminalId, iso, iso);
  })();
  let total = 0;
  const segments: ManifestSegment[] = [];
  spec.segmentBytes.forEach((n, i) => {
    const bytes = randomBytes(n);
    const file = `segment-${String(i).padStart(5, '0')}.mkv`;
    writeFileSync(join(dir, file), bytes);
    segments.push({ index: i, file, bytes: n, sha256: sha(bytes), run: 1, startMs: i * 1000, endMs: i * 1000 + 999 });
    db.prepare(
      'INSERT INTO recording_segments (recording_id, seq, file, run, start_ms, end_ms, bytes, sha256, sealed_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?)',
    ).run(recordingId, i, file, i * 1000, i * 1000 + 999, n, sha(bytes), iso);
    total += n;
  });
  const archive = randomBytes(spec.archiveBytes);
  const vtt = spec.chapters ? Buffer.from('WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n警告 R16.1(2)\n') : null;
  if (vtt) writeFileSync(join(dir, 'archive.chapters.vtt'), vtt);
  const chapters = vtt ? { file: 'archive.chapters.vtt', sha256: sha(vtt), bytes: vtt.length } : null;
  const key = loadOrCreateSigningKey(spec.keyPath ?? join(dirname(spec.recordingDir), SIGNING_KEY_FILE));
  const signed = signManifest(
    {
      format: MANIFEST_FORMAT,
      recordingId,
      visitId: spec.visitId,
      terminalId: spec.terminalId,
      participants: [],
      state: 'complete',
      startedAt: iso,
      endedAt: iso,
      ffmpegVersion: 'test',
      segments,
      archive: { file: 'archive.mkv', bytes: archive.length, sha256: sha(archive), durationMs: 2000, container: 'webm' },
      chapters: chapters ? { ...chapters, format: 'webvtt' } : null,
      incidents: [],
    },
    key,
  );
  const manifest = Buffer.from(serializeManifest(signed));
  writeFileSync(join(dir, 'archive.mkv'), archive);
  writeFileSync(join(dir, 'manifest.json'), manifest);
  db.prepare(
    "INSERT INTO recording_manifests (recording_id, file, sha256, archive_file, archive_sha256, archive_bytes, duration_ms, key_id, signed_at) VALUES (?, 'manifest.json', ?, 'archive.mkv', ?, ?, 2000, ?, ?)",
  ).run(recordingId, sha(manifest), sha(archive), archive.length, key.keyId, iso);
  db.prepare("INSERT INTO outbox (kind, payload, created_at) VALUES ('recording.upload', ?, ?)").run(
    JSON.stringify({ recordingId, visitId: spec.visitId }),
    iso,
  );
  return { recordingId, total: total + archive.length + manifest.length + (vtt?.length ?? 0) };
}

/** n audit entries in one transaction (synchronous=FULL would fsync each one). */
export function fillAudit(db: Database, terminalId: string, n: number, at: Date, payloadChars = 20): void {
  const pad = 'x'.repeat(payloadChars);
  db.transaction(() => {
    for (let i = 0; i < n; i++)
      appendAudit(db, terminalId, { kind: 'visit.note', payload: { n: i, text: `第 ${i} 条 ${pad}` } }, at);
  })();
}
