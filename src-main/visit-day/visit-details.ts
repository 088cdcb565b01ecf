// What the terminal records about a visit beyond its row and the visit-day tables, kept in
// the visits.details JSON column (migration 1) so no new local migration is needed:
// R11.2 the inmate in position, R34.1 special visitors' documents, and a cancellation.
import type { Database } from 'better-sqlite3';
import type { OfficialLetterKind, SpecialVisitorKind } from '../../src-shared/regulation/special-visitors';
import { OPEN_VISIT_STATUSES, readVisitDetailsJson, writeVisitDetailsJson, type StoredVisitStatus } from './visit-store';

/** R34.1: what the approval says the special visitor presents. */
export interface SpecialDeclared {
  kind: SpecialVisitorKind;
  organisation: string;
  letter: { kind: OfficialLetterKind; reference: string } | null;
  credentialNumber: string | null;
}

export interface VisitDetails {
  /** R11.2: prison police brought the inmate to the room; by whom (name) and when. */
  inmateInPosition?: { at: string; staffId: string; by: string };
  /** R34.1: keyed by document number. */
  special?: Record<string, SpecialDeclared>;
  /** R34.1: documents checked at the terminal, keyed by document number. */
  documentsChecked?: Record<string, { at: string; staffId: string }>;
  /** The store cancelled the visit (or dropped it from today's list). */
  cancelled?: { at: string; reason: string };
}

export function readDetails(db: Database, visitId: string): VisitDetails {
  const json = readVisitDetailsJson(db, visitId);
  if (json === undefined) return {};
  const parsed = JSON.parse(json) as unknown;
  return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as VisitDetails) : {};
}

/** The status as shown: cancelled only while nothing happened yet here (a started visit is history). */
export const shownStatus = (details: VisitDetails, status: StoredVisitStatus): StoredVisitStatus | 'cancelled' =>
  details.cancelled && (OPEN_VISIT_STATUSES as readonly StoredVisitStatus[]).includes(status) ? 'cancelled' : status;

/** Replaces one top-level key (undefined removes it); call inside the step's transaction. */
export function setDetail<K extends keyof VisitDetails>(
  db: Database,
  visitId: string,
  key: K,
  value: VisitDetails[K] | undefined,
  at: string,
): void {
  const next = Object.fromEntries(
    Object.entries({ ...readDetails(db, visitId), [key]: value }).filter(([, v]) => v !== undefined),
  );
  writeVisitDetailsJson(db, visitId, JSON.stringify(next), at);
}
