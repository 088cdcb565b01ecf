// What a terminal's check-in needs beyond the visit row (R11.1, R23.1): the
// inmate, and the visitors the approved application named (its applicants, in order).
// One query per table for a whole page of visits, never one per visit.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { SyncedVisitor } from '../../../src-shared/sync/schemas';
import type { Language } from '../../../src-shared/regulation/visit';
import { languagesOf } from '../applications/application-languages';

export interface VisitDetails {
  inmate: { id: string; name: string };
  visitors: SyncedVisitor[];
  languages: Language[];
  interpreterRequired: boolean;
  /** R14.2/R14.3: the approval's visitor limit (the prison's own, or the warden's); absent: R14.2's 3. */
  maxVisitors?: number;
}

/** The visitor limit the stored decision approved with, when it is one a terminal can use. */
function approvedMaxVisitors(decisionJson: string): number | undefined {
  try {
    const n = (JSON.parse(decisionJson) as { limits?: { maxVisitors?: unknown } }).limits?.maxVisitors;
    return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 6 ? n : undefined;
  } catch {
    return undefined;
  }
}

interface RoleJson {
  kind?: string;
  relationship?: string;
  specialKind?: string;
}

function parseRole(json: string): RoleJson {
  try {
    const role = JSON.parse(json) as unknown;
    return typeof role === 'object' && role !== null ? (role as RoleJson) : {};
  } catch {
    return {};
  }
}

/** Details of the given visits, keyed by visit id (a visit without an inmate row is left out). */
export async function loadVisitDetails(db: Kysely<Database>, visitIds: readonly string[]): Promise<Map<string, VisitDetails>> {
  const result = new Map<string, VisitDetails>();
  if (visitIds.length === 0) return result;
  const rows = await db
    .selectFrom('visits')
    .innerJoin('inmates', 'inmates.id', 'visits.inmate_id')
    .innerJoin('applications', 'applications.id', 'visits.application_id')
    .select([
      'applications.languages as languages',
      'applications.decision as decision',
      'visits.id as visitId',
      'visits.application_id as applicationId',
      'inmates.id as inmateId',
      'inmates.name as inmateName',
    ])
    .where('visits.id', 'in', [...visitIds])
    .execute();
  const applicationIds = [...new Set(rows.map((r) => r.applicationId))];
  const applicants =
    applicationIds.length === 0
      ? []
      : await db
          .selectFrom('applicants')
          .select(['id', 'application_id', 'position', 'name', 'role', 'document_kind', 'document_number', 'visitor_id'])
          .where('application_id', 'in', applicationIds)
          .orderBy('application_id')
          .orderBy('position')
          .execute();
  for (const r of rows) {
    const visitors = applicants
      .filter((a) => a.application_id === r.applicationId)
      .map((a): SyncedVisitor => {
        const role = parseRole(a.role);
        return {
          id: a.visitor_id ?? a.id,
          name: a.name,
          documentKind: a.document_kind,
          documentNumber: a.document_number,
          relationship: role.kind === 'family' ? (role.relationship ?? null) : null,
          specialKind: role.kind === 'special' ? (role.specialKind ?? null) : null,
        };
      });
    // R23.1: the languages recorded on the application (Forms 1 and 2); the terminal's
    // check-in asks for the interpreter when any is not Mandarin.
    const maxVisitors = approvedMaxVisitors(r.decision);
    result.set(r.visitId, {
      inmate: { id: r.inmateId, name: r.inmateName },
      visitors,
      ...languagesOf(r.languages),
      ...(maxVisitors !== undefined ? { maxVisitors } : {}),
    });
  }
  return result;
}
