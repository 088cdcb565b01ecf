// Terminal sync (migration 0005): the terminals' audit events and chain heads.
// Row types, one interface per table; conventions in ../schema.ts.

/** One event of a terminal's audit chain (R26.1), stored as received and verified; append only. */
export interface TerminalEventsTable {
  terminal_id: string;
  /** The terminal's chain ('main' unless the terminal started a new local store). */
  chain_id: string;
  seq: number;
  at: string;
  kind: string;
  actor: string;
  /** Canonical JSON, exactly as hashed. */
  payload: string;
  prev_hash: string;
  hash: string;
  received_at: string;
}

/** The last verified event of each terminal chain (seq 0 and 64 zeros before the first). */
export interface TerminalChainHeadsTable {
  terminal_id: string;
  chain_id: string;
  seq: number;
  hash: string;
  updated_at: string;
}

/** Store-wide change counters ('changes': the sync cursor's sequence). */
export interface SyncSequenceTable {
  name: string;
  value: number;
}

export interface TerminalSyncStateTable {
  terminal_id: string;
  visits_cursor: number;
  pulled_at: string | null;
  pushed_at: string | null;
}

export interface SyncTables {
  terminal_events: TerminalEventsTable;
  terminal_chain_heads: TerminalChainHeadsTable;
  sync_sequence: SyncSequenceTable;
  terminal_sync_state: TerminalSyncStateTable;
}
