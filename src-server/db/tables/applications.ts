// Applications, the review chain, the calendar and visits (0004), visit outcomes' reasons (0007),
// visit languages, prisons' arrangements and withdrawal (0018), proof scans (0019).
// Row types, one interface per table; conventions in ../schema.ts.
import type { Generated, Selectable } from 'kysely';

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

export interface ApplicationTables {
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

// ── Visit outcomes' reasons (migration 0007): why a visit was
// interrupted (R18.1) or terminated (R16.1, R17.1 code, or 'other'), for the overview.
export interface VisitsTable {
  outcome_code: string | null;
  outcome_reason: string | null;
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

export interface ApplicationTables {
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

export interface ApplicationTables {
  proof_scans: ProofScansTable;
}
