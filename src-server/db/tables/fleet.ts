// The fleet: terminal log bundles (0011), builds and rollouts (0012), heartbeats (0013).
// Row types, one interface per table; conventions in ../schema.ts.

// ── Terminal log bundles (migration 0011): an administrator's request for a terminal's logs
// and the bundle it answered with (stored with the recordings' tus storage under upload_id).
export interface TerminalLogRequestsTable {
  id: string;
  terminal_id: string;
  /** The terminal's room's organisation when asked (scoping). */
  organisation_id: string;
  requested_by: string;
  requested_at: string;
  status: 'requested' | 'uploading' | 'received';
  /** The tus upload carrying the bundle (also the storage key). */
  upload_id: string | null;
  /** bigint column: PostgreSQL returns it as text, SQLite as a number. */
  size: number | string | null;
  declared_sha256: string | null;
  received_at: string | null;
  reason: string | null;
}

export interface FleetTables {
  terminal_log_requests: TerminalLogRequestsTable;
}

// ── Terminal builds and rollouts (migration 0012, areas/updates).
export interface UpdateBuildsTable {
  id: string;
  version: string;
  channel: string;
  target: string;
  release_notes: string | null;
  signature: string;
  uploaded_by: string;
  created_at: string;
}

export interface UpdateBuildFilesTable {
  build_id: string;
  name: string;
  sha512: string;
  /** bigint column: PostgreSQL returns it as text, SQLite as a number. */
  size: number | string;
  storage_key: string | null;
  uploaded_at: string | null;
}

export interface UpdateRolloutsTable {
  id: string;
  build_id: string;
  target_kind: 'terminals' | 'percentage' | 'all';
  /** JSON list (kind 'terminals'). */
  terminal_ids: string | null;
  percent: number | null;
  started_by: string;
  started_at: string;
}

export interface FleetTables {
  update_builds: UpdateBuildsTable;
  update_build_files: UpdateBuildFilesTable;
  update_rollouts: UpdateRolloutsTable;
}

// ── The fleet's heartbeats (migration 0013), written by areas/fleet only.
export interface TerminalHeartbeatsLatestTable {
  terminal_id: string;
  heartbeat_id: string;
  sent_at: string;
  received_at: string;
  /** JSON: the heartbeat as validated. */
  body: string;
}

export interface TerminalHeartbeatHistoryTable {
  terminal_id: string;
  /** received_at rounded down to 10 minutes. */
  bucket_at: string;
  heartbeat_id: string;
  received_at: string;
  /** JSON: one chart point. */
  point: string;
}

export interface FleetTables {
  terminal_heartbeats_latest: TerminalHeartbeatsLatestTable;
  terminal_heartbeat_history: TerminalHeartbeatHistoryTable;
}
