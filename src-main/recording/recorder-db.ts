// The recorder's rows in the local store (tables of ./migration.ts plus the foundation's
// `recordings`): the one module that writes them. Plain statements, no business rules.
import type { Database } from 'better-sqlite3';
import { getVisit } from '../visit-day/visit-store';

export interface RecordingRow {
  readonly recording_id: string;
  readonly visit_id: string;
  readonly terminal_id: string | null;
  readonly state: 'recording' | 'sealed' | 'interrupted' | 'uploaded' | 'verified';
  readonly started_at: string;
  readonly ended_at: string | null;
  readonly bytes: number;
  /** JSON array of { role, name }. */
  readonly participants: string;
}

export interface SegmentRow {
  readonly recording_id: string;
  readonly seq: number;
  readonly file: string;
  readonly run: number;
  readonly start_ms: number;
  readonly end_ms: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly sealed_at: string;
}

export interface IncidentRow {
  readonly at: string;
  readonly offset_ms: number;
  readonly note: string;
  readonly actor: string;
}

export function insertRecording(
  db: Database,
  row: { recordingId: string; visitId: string; terminalId: string; startedAt: string; participants: unknown },
): void {
  db.prepare(
    `INSERT INTO recordings (recording_id, visit_id, terminal_id, state, started_at, bytes, participants)
     VALUES (?, ?, ?, 'recording', ?, 0, ?)`,
  ).run(row.recordingId, row.visitId, row.terminalId, row.startedAt, JSON.stringify(row.participants));
}

export const getRecording = (db: Database, recordingId: string): RecordingRow | undefined =>
  db.prepare<[string], RecordingRow>('SELECT * FROM recordings WHERE recording_id = ?').get(recordingId);

export const openRecordings = (db: Database): RecordingRow[] =>
  db.prepare<[], RecordingRow>("SELECT * FROM recordings WHERE state = 'recording' ORDER BY started_at, recording_id").all();

export const segmentsOf = (db: Database, recordingId: string): SegmentRow[] =>
  db.prepare<[string], SegmentRow>('SELECT * FROM recording_segments WHERE recording_id = ? ORDER BY seq').all(recordingId);

export const incidentsOf = (db: Database, recordingId: string): IncidentRow[] =>
  db
    .prepare<[string], IncidentRow>(
      'SELECT at, offset_ms, note, actor FROM recording_incidents WHERE recording_id = ? ORDER BY offset_ms, id',
    )
    .all(recordingId);

export function insertSegment(db: Database, row: SegmentRow): void {
  db.prepare(
    `INSERT INTO recording_segments (recording_id, seq, file, run, start_ms, end_ms, bytes, sha256, sealed_at)
     VALUES (@recording_id, @seq, @file, @run, @start_ms, @end_ms, @bytes, @sha256, @sealed_at)`,
  ).run(row);
  db.prepare('UPDATE recordings SET bytes = bytes + ? WHERE recording_id = ?').run(row.bytes, row.recording_id);
}

export function insertIncident(db: Database, recordingId: string, incident: IncidentRow): void {
  db.prepare('INSERT INTO recording_incidents (recording_id, at, offset_ms, note, actor) VALUES (?, ?, ?, ?, ?)').run(
    recordingId,
    incident.at,
    incident.offset_ms,
    incident.note,
    incident.actor,
  );
}

export function insertManifest(
  db: Database,
  row: {
    recordingId: string;
    file: string;
    sha256: string;
    archiveFile: string | null;
    archiveSha256: string | null;
    archiveBytes: number | null;
    durationMs: number | null;
    keyId: string;
    signedAt: string;
  },
): void {
  db.prepare(
    `INSERT INTO recording_manifests (recording_id, file, sha256, archive_file, archive_sha256, archive_bytes, duration_ms, key_id, signed_at)
     VALUES (@recordingId, @file, @sha256, @archiveFile, @archiveSha256, @archiveBytes, @durationMs, @keyId, @signedAt)`,
  ).run(row);
}

export function closeRecording(db: Database, recordingId: string, state: 'sealed' | 'interrupted', endedAt: string): void {
  db.prepare('UPDATE recordings SET state = ?, ended_at = ? WHERE recording_id = ?').run(state, endedAt, recordingId);
}

/** The central store confirmed the hash of every file of the recording (R13.1). */
export function markRecordingHashConfirmed(db: Database, recordingId: string, at: string): void {
  db.prepare('UPDATE recordings SET hash_confirmed_at = ? WHERE recording_id = ?').run(at, recordingId);
}

/** The recording's files are gone from this disk (retention passed after the store confirmed them). */
export function markRecordingDeleted(db: Database, recordingId: string, at: string): void {
  db.prepare('UPDATE recordings SET deleted_at = ? WHERE recording_id = ?').run(at, recordingId);
}

export const visitMinutes = (db: Database, visitId: string): number | null => getVisit(db, visitId)?.minutes ?? null;

/**
 * Re-places a recording's incidents on the archive's timeline once its time 0 is known
 * (or better known) on the wall clock: offset = at − zero, never negative.
 */
export function reoffsetIncidents(db: Database, recordingId: string, zeroAtMs: number): void {
  const rows = db
    .prepare<[string], { id: number; at: string }>('SELECT id, at FROM recording_incidents WHERE recording_id = ?')
    .all(recordingId);
  if (rows.length === 0) return;
  const update = db.prepare<[number, number]>('UPDATE recording_incidents SET offset_ms = ? WHERE id = ?');
  db.transaction(() => {
    for (const row of rows) update.run(Math.max(0, Math.round(Date.parse(row.at) - zeroAtMs)), row.id);
  })();
}
