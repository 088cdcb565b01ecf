// R17.2 suspension proposals (0008), alarms for the province and the staff's reads on the record (0009).
// Row types, one interface per table; conventions in ../schema.ts.

// ── R17.2 suspension proposals (migration 0008): one row per accepted chain entry.
export interface SuspensionProposalsTable {
  id: string;
  terminal_id: string;
  chain_id: string;
  seq: number;
  visit_id: string;
  inmate_id: string;
  at: string;
  received_at: string;
  months: number;
  code: string | null;
  reason: string | null;
  note: string;
  operator: string;
  /** JSON list of names. */
  supervisors: string;
}

// ── Alarms for the province and staff reads on the record (migration 0009).
export interface AlarmsTable {
  id: string;
  at: string;
  kind: string;
  code: string;
  message: string;
  terminal_id: string | null;
  organisation_id: string | null;
  visit_id: string | null;
  /** JSON object. */
  detail: string;
}

export interface StaffAuditTable {
  id: string;
  at: string;
  staff_id: string;
  organisation_id: string;
  action: string;
  subject_id: string | null;
  /** JSON object. */
  detail: string;
}

export interface OversightTables {
  suspension_proposals: SuspensionProposalsTable;
  alarms: AlarmsTable;
  staff_audit: StaffAuditTable;
}
