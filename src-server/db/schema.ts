// Row types of the central store, one interface per table.
// One representation on both engines (see README "Storage"):
//  - ids: UUID text; timestamps: ISO-8601 UTC text ('2026-03-01T08:00:00.000Z',
//    sorts as it reads); calendar dates: 'YYYY-MM-DD' text (China Standard Time);
//  - booleans: integer 0/1; lists: JSON text.
import type { Generated, Insertable, Selectable } from 'kysely';
import type { OrganisationKind } from '../../src-shared/organisations/kinds';
import type { RecordingFileKind } from '../../src-shared/sync/recording-kinds';

export type { OrganisationKind } from '../../src-shared/organisations/kinds';
export type StaffRole = 'administrator' | 'reviewer' | 'warden' | 'supervisor';

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  parent_id: string | null;
  code: string;
  name: string;
  created_at: string;
}

export interface RoomsTable {
  id: string;
  organisation_id: string;
  name: string;
  created_at: string;
}

export interface StaffTable {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  active: number;
  failed_logins: number;
  first_failed_at: string | null;
  locked_until: string | null;
  created_at: string;
  password_changed_at: string;
}

export interface StaffRolesTable {
  staff_id: string;
  role: StaffRole;
}

export interface SessionsTable {
  token_hash: string;
  staff_id: string | null;
  terminal_id: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface EnrolmentCodesTable {
  code_hash: string;
  room_id: string;
  issued_by: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  terminal_id: string | null;
}

export interface TerminalsTable {
  id: string;
  room_id: string;
  name: string;
  secret_hash: string;
  public_key_pem: string | null;
  enrolled_at: string;
  revoked_at: string | null;
}

export interface InmatesTable {
  id: string;
  prison_id: string;
  ward_id: string;
  inmate_number: string;
  name: string;
  id_number: string | null;
  birth_date: string;
  /** R3.1: 'chinese' | 'foreign' | 'stateless' (src-shared/regulation citizenshipSchema). */
  citizenship: 'chinese' | 'foreign' | 'stateless';
  citizenship_country: string | null;
  limited_civil_capacity: number;
  admitted_on: string | null;
  /** 家庭住址, printed on Forms 1 and 2 (migration 0015); null when the register does not know it. */
  home_address: string | null;
  created_at: string;
  updated_at: string;
}

export interface InmateStatusPeriodsTable {
  id: string;
  inmate_id: string;
  kind: string;
  starts_on: string;
  ends_on: string | null;
  reason: string | null;
  created_by: string;
  created_at: string;
}

export interface InmatePenaltiesTable {
  id: string;
  inmate_id: string;
  kind: string;
  decided_on: string;
  created_by: string;
  created_at: string;
}

export interface InmateSuspensionsTable {
  id: string;
  inmate_id: string;
  starts_on: string;
  ends_on: string;
  reason_code: string;
  decided_by: string;
  created_by: string;
  created_at: string;
}

export interface VisitorsTable {
  id: string;
  organisation_id: string;
  name: string;
  document_kind: string;
  document_number: string;
  phone: string | null;
  address: string | null;
  created_by: string;
  created_at: string;
}

export interface VisitorRelationshipsTable {
  id: string;
  visitor_id: string;
  inmate_id: string;
  relationship: string;
  /** JSON array of R35.1 proof codes. */
  proofs: string;
  created_by: string;
  created_at: string;
}

export interface Database {
  organisations: OrganisationsTable;
  rooms: RoomsTable;
  staff: StaffTable;
  staff_roles: StaffRolesTable;
  sessions: SessionsTable;
  enrolment_codes: EnrolmentCodesTable;
  terminals: TerminalsTable;
  inmates: InmatesTable;
  inmate_status_periods: InmateStatusPeriodsTable;
  inmate_penalties: InmatePenaltiesTable;
  inmate_suspensions: InmateSuspensionsTable;
  visitors: VisitorsTable;
  visitor_relationships: VisitorRelationshipsTable;
}

export type Organisation = Selectable<OrganisationsTable>;
export type Room = Selectable<RoomsTable>;
export type Staff = Selectable<StaffTable>;
export type Terminal = Selectable<TerminalsTable>;
export type Inmate = Selectable<InmatesTable>;
export type NewInmate = Insertable<InmatesTable>;
export type Visitor = Selectable<VisitorsTable>;

// ── Terminal sync (migration 0005). Declared as an interface merge so areas
// appending their tables here do not edit the same lines.

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

export interface Database {
  terminal_events: TerminalEventsTable;
  terminal_chain_heads: TerminalChainHeadsTable;
  sync_sequence: SyncSequenceTable;
  terminal_sync_state: TerminalSyncStateTable;
}

// ── Applications, review chain and visits (migration 0004). Interface merge,
// as above, so each area appends its own block.

export type ApplicationForm = 'form-1' | 'form-2';
/** R8.1: at the desk, or online through the same API. */
export type ApplicationChannel = 'desk' | 'online';
/** relative: Form 2 at an office/bureau (R8); inmate: Form 1 (R9); prison-to-prison: R7.1. */
export type ApplicationPath = 'relative' | 'inmate' | 'prison-to-prison';
export type ApplicationStatus =
  | 'office-review'
  | 'bureau-review'
  | 'prison-decision'
  | 'bureau-notification'
  | 'inmate-notification'
  | 'approved'
  | 'refused'
  // The applicant withdrew it (migration 0018).
  | 'withdrawn';
export type VisitStatus = 'scheduled' | 'completed' | 'forfeited' | 'interrupted' | 'terminated' | 'cancelled';

export interface ApplicationsTable {
  id: string;
  form: ApplicationForm;
  channel: ApplicationChannel;
  path: ApplicationPath;
  inmate_id: string;
  /** The inmate's prison (denormalised for scoping and queues). */
  prison_id: string;
  /** Where it was received: an office, a bureau, or a prison (Form 1, R7.1). */
  organisation_id: string;
  /** The relatives' side that reviews and notifies: the county bureau, or the relative's prison (R7.1). */
  partner_id: string;
  status: ApplicationStatus;
  /** The decision once taken (a refusal may still wait for its notification). */
  outcome: 'approved' | 'refused' | null;
  category: 'family' | 'special';
  /** The day it arrived (a holiday for an online application, R14.1). */
  received_on: string;
  preferred_date: string | null;
  preferred_start: string | null;
  preferred_minutes: number;
  /** JSON: the regulation module's latest Decision. */
  decision: string;
  refusal_reason: string | null;
  /** JSON list of requirement ids when the rules refused. */
  refusal_requirements: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ApplicantsTable {
  id: string;
  application_id: string;
  position: number;
  name: string;
  /** JSON: src-shared/regulation visitorRoleSchema. */
  role: string;
  document_kind: string;
  document_number: string;
  address: string;
  phone: string;
  visitor_id: string | null;
}

export interface ReviewStepsTable {
  id: string;
  application_id: string;
  /** 1, 2, … in the order the steps were opened (unique per application: one step opens at a time). */
  position: number;
  /** src-shared/calendar ReviewStep. */
  kind: string;
  organisation_id: string;
  received_on: string;
  due_on: string;
  done_at: string | null;
  outcome: string | null;
  reason: string | null;
  requirement_ids: string | null;
  detail: string | null;
  actor_id: string | null;
  created_at: string;
}

export interface WardenExceptionsTable {
  id: string;
  inmate_id: string;
  prison_id: string;
  application_id: string | null;
  lifts: 'monthly-quota' | 'duration' | 'visitor-count' | 'visiting-hours';
  visit_date: string;
  max_minutes: number | null;
  max_visitors: number | null;
  reason: string;
  approved_by: string;
  approved_by_name: string;
  approved_on: string;
  created_at: string;
}

export interface CalendarYearsTable {
  year: number;
  holidays: string;
  workdays: string;
  source: string;
  updated_by: string;
  updated_at: string;
}

export interface CalendarDaysTable {
  date: string;
  working: number;
  note: string;
  updated_by: string;
  updated_at: string;
}

export interface VisitsTable {
  id: string;
  application_id: string;
  inmate_id: string;
  /** The prison (ward) room. */
  room_id: string;
  /** The bureau/office room, or the other prison's room (R7.1). */
  remote_room_id: string;
  date: string;
  /** 'HH:MM', China Standard Time. */
  start_time: string;
  minutes: number;
  status: VisitStatus;
  /** R18.1: the interrupted visit this one replaces with priority. */
  priority_reschedule_of: string | null;
  /** nextChangeSeq() (areas/sync/change-seq.ts) on every change: the terminals' pull cursor. */
  updated_seq: number;
  created_at: string;
  updated_at: string;
}

export interface Database {
  applications: ApplicationsTable;
  applicants: ApplicantsTable;
  review_steps: ReviewStepsTable;
  warden_exceptions: WardenExceptionsTable;
  calendar_years: CalendarYearsTable;
  calendar_days: CalendarDaysTable;
  visits: VisitsTable;
}

export type Application = Selectable<ApplicationsTable>;
export type ReviewStepRow = Selectable<ReviewStepsTable>;
export type VisitRow = Selectable<VisitsTable>;

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

export interface Database {
  recordings_received: RecordingsReceivedTable;
}

// ── Visit outcomes' reasons (migration 0007): why a visit was
// interrupted (R18.1) or terminated (R16.1, R17.1 code, or 'other'), for the overview.
export interface VisitsTable {
  outcome_code: string | null;
  outcome_reason: string | null;
}

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

export interface Database {
  suspension_proposals: SuspensionProposalsTable;
  alarms: AlarmsTable;
  staff_audit: StaffAuditTable;
}

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

export interface Database {
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

export interface Database {
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

export interface Database {
  terminal_heartbeats_latest: TerminalHeartbeatsLatestTable;
  terminal_heartbeat_history: TerminalHeartbeatHistoryTable;
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

export interface Database {
  recording_access_audit: RecordingAccessAuditTable;
  recording_legal_holds: RecordingLegalHoldsTable;
  recording_manifests: RecordingManifestsTable;
}

/** The relatives' status page's queries (migration 0016): its audit and its rate limits' count. */
export interface StatusLookupsTable {
  id: string;
  at: string;
  ip: string;
  application_number: string;
  outcome: 'answered' | 'neutral' | 'limited';
}

export interface Database {
  status_lookups: StatusLookupsTable;
}

// ── Recordings past retention (migration 0017), written by recordings/records.ts only.
export interface RecordingsReceivedTable {
  /** When the stored bytes were removed after the retention period (R13.1); null while kept. */
  purged_at: string | null;
}

// ── Visit languages, prisons' arrangements, withdrawal (migration 0018; issue 25 items 1 and 5).
export interface ApplicationsTable {
  /** JSON list of the visit's languages (R23.1); Mandarin by default. */
  languages: Generated<string>;
  /** Why the applicant withdrew; null otherwise. */
  withdrawn_reason: string | null;
}

/** A prison's own limits (never above R14.2's) and visiting hours and days (R14.3). */
export interface PrisonArrangementsTable {
  prison_id: string;
  visits_per_month: number;
  max_minutes: number;
  max_visitors: number;
  juvenile_visits_per_month: number;
  juvenile_max_minutes: number;
  juvenile_max_visitors: number;
  /** JSON [{start, end}] */
  visiting_hours: string;
  /** JSON [0..6], 0 = Sunday */
  visiting_days: string;
  updated_by: string;
  updated_at: string;
}

/** A room's own hours and days (falls back to its prison's). */
export interface RoomArrangementsTable {
  room_id: string;
  prison_id: string;
  visiting_hours: string;
  visiting_days: string;
  updated_by: string;
  updated_at: string;
}

export interface Database {
  prison_arrangements: PrisonArrangementsTable;
  room_arrangements: RoomArrangementsTable;
}

// ── Proof scans (migration 0019; issue 25 item 2, R8.1, R35.1), written by areas/proofs/proof-scans.ts only.
export interface ProofScansTable {
  id: string;
  application_id: string;
  kind: string;
  /** Sanitized (src-shared/proofs/scan-file.ts). */
  file_name: string;
  media_type: 'image/jpeg' | 'image/png' | 'application/pdf';
  size: number;
  sha256: string;
  uploaded_by: string;
  organisation_id: string;
  uploaded_at: string;
  /** The bytes, base64; null once purged after the retention period. */
  content: string | null;
  purged_at: string | null;
}

export interface Database {
  proof_scans: ProofScansTable;
}

// ── Cluster state (migration 0020; issue #20 items 3 and 4). Times are epoch ms (bigint: a string from pg).
/** Written by cluster/leader-lease.ts only. */
export interface ClusterLeasesTable {
  name: string;
  holder: string;
  expires_at_ms: number | string;
}

/** Written by cluster/job-runs.ts only. */
export interface ScheduledJobRunsTable {
  name: string;
  last_run_ms: number | string;
  last_node: string;
  runs: number;
}

/** Written by signaling/live-registry.ts only. */
export interface StoreNodesTable {
  id: string;
  seen_at_ms: number | string;
}

/** Written by signaling/live-registry.ts only. */
export interface RelayMembersTable {
  node_id: string;
  visit_id: string;
  member: string;
}

/** Written by signaling/live-registry.ts only. */
export interface LiveVisitFactsTable {
  visit_id: string;
  started_at_ms: number | string | null;
  warnings: number;
  relayed_inmate: Generated<number>;
  relayed_visitor: Generated<number>;
  touched_at_ms: number | string;
}

export interface Database {
  cluster_leases: ClusterLeasesTable;
  scheduled_job_runs: ScheduledJobRunsTable;
  store_nodes: StoreNodesTable;
  relay_members: RelayMembersTable;
  live_visit_facts: LiveVisitFactsTable;
}

// ── Notifications to the family (migration 0021; issue 25 item 8, R8.4, R9.2), written by areas/notifications/outbox.ts only.
/** cancelled: still queued when the applicant withdrew (never sent). */
export type NotificationStatus = 'queued' | 'sending' | 'submitted' | 'delivered' | 'failed' | 'expired' | 'cancelled';

export interface NotificationsTable {
  id: string;
  application_id: string;
  /** The review step whose deadline the message answers to (R8.4, R9.2: 2 working days). */
  step_id: string;
  cause: 'approved' | 'refused' | 'arranged' | 'rescheduled';
  /** China mobile, 11 digits. */
  phone: string;
  body: string;
  part_count: number;
  status: NotificationStatus;
  attempts: number;
  next_attempt_at: string;
  /** The sending node's claim: only the holder of the token records the outcome. */
  claim_token: string | null;
  claim_expires_at: string | null;
  last_error: string | null;
  /** The gateway protocol it went out by ('smpp'). */
  protocol: string | null;
  due_on: string;
  submitted_at: string | null;
  /** Delivered, failed or expired at (from the delivery receipt, or when the store gave up). */
  final_at: string | null;
  created_by: string | null;
  created_at: string;
}

export interface NotificationPartsTable {
  notification_id: string;
  seq: number;
  provider_message_id: string;
  status: 'submitted' | 'delivered' | 'failed' | 'expired';
  error: string | null;
  updated_at: string;
}

export interface Database {
  notifications: NotificationsTable;
  notification_parts: NotificationPartsTable;
}
