// What the family sees: the status page's lookups (0016) and the notifications sent to them (0021).
// Row types, one interface per table; conventions in ../schema.ts.

/** The relatives' status page's queries (migration 0016): its audit and its rate limits' count. */
export interface StatusLookupsTable {
  id: string;
  at: string;
  ip: string;
  application_number: string;
  outcome: 'answered' | 'neutral' | 'limited';
}

export interface FamilyTables {
  status_lookups: StatusLookupsTable;
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

export interface FamilyTables {
  notifications: NotificationsTable;
  notification_parts: NotificationPartsTable;
}
