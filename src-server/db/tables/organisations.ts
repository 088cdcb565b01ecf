// Organisations, rooms, staff and sessions, terminals, inmates and visitors (migrations 0001–0003).
// Row types, one interface per table; conventions in ../schema.ts.
import type { Insertable, Selectable } from 'kysely';
import type { OrganisationKind } from '../../../src-shared/organisations/kinds';

export type { OrganisationKind } from '../../../src-shared/organisations/kinds';
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

export interface OrganisationTables {
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
