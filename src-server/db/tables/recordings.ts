// Recordings received (0006, 0010 signatures, 0017 retention) and recordings at the store (0014).
// Row types, one interface per table; conventions in ../schema.ts.
import type { RecordingFileKind } from '../../../src-shared/sync/recording-kinds';

/** Uploaded recordings (src-server/recordings), one row per tus upload. */
export type RecordingKind = RecordingFileKind;
export type RecordingStatus = 'pending' | 'confirmed' | 'rejected';

export interface RecordingsReceivedTable {
  /** The tus upload id (also the storage key). */
  id: string;
  visit_id: string;
  terminal_id: string;
  kind: RecordingKind;
  filename: string;
  /** bigint column: PostgreSQL returns it as text, SQLite as a number. */
  size: number | string;
  declared_sha256: string;
  /** SHA-256 of the stored bytes, once all arrived and were hashed. */
  stored_sha256: string | null;
  status: RecordingStatus;
  reason: string | null;
  storage: 'file' | 's3';
  created_at: string;
  /** When the stored bytes were hashed (confirmed or rejected); retention counts from here. */
  received_at: string | null;
  /** Manifests only (migration 0010): the signature check against the terminal's enrolled key; null before 0010 and for other kinds. */
  signature_status: ManifestSignatureStatus | null;
  /** SHA-256 (hex) of the SPKI DER of the key that signed the manifest, when it could be read. */
  signature_key_sha256: string | null;
}

/**
 * valid: signed by the key the terminal enrolled with. unbound: a valid signature, but the
 * terminal enrolled without a key (before keys were sent), so it proves integrity only.
 * mismatch: another key, a broken signature, or another terminal's or visit's manifest.
 * unsigned / malformed: no signature, or not a manifest at all.
 */
export type ManifestSignatureStatus = 'valid' | 'unbound' | 'mismatch' | 'unsigned' | 'malformed';

export interface RecordingTables {
  recordings_received: RecordingsReceivedTable;
}

// ── Recordings past retention (migration 0017), written by recordings/records.ts only.
export interface RecordingsReceivedTable {
  /** When the stored bytes were removed after the retention period (R13.1); null while kept. */
  purged_at: string | null;
}

// ── Recordings at the store (migration 0014, areas/recordings-search): the access audit
// with the media tickets, the legal hold, and each confirmed manifest's index row.
export interface RecordingAccessAuditTable {
  id: string;
  at: string;
  staff_id: string;
  organisation_id: string;
  action: 'search' | 'playback' | 'download' | 'hold' | 'release';
  visit_id: string | null;
  upload_id: string | null;
  /** JSON object. */
  detail: string;
  ticket_hash: string | null;
  ticket_expires_at: string | null;
}

export interface RecordingLegalHoldsTable {
  visit_id: string;
  held_by: string;
  held_at: string;
  reason: string;
}

export interface RecordingManifestsTable {
  upload_id: string;
  visit_id: string;
  terminal_id: string;
  recording_id: string;
  started_at: string;
  archive_sha256: string | null;
  archive_duration_ms: number | null;
  warnings: number;
  terminations: number;
  /** JSON list of the manifest's incidents. */
  incidents: string;
}

export interface RecordingTables {
  recording_access_audit: RecordingAccessAuditTable;
  recording_legal_holds: RecordingLegalHoldsTable;
  recording_manifests: RecordingManifestsTable;
}
