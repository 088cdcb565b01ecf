// Visitors as the API shows them (the shape: src-shared/store-api/endpoints/visitors.ts).
import type { DocumentKind, RelationshipCode, RelationshipProof } from '../../../src-shared/regulation';
import type { Kysely } from 'kysely';
import type { Database, Visitor } from '../../db/schema';
import type { VisitorRecord } from '../../../src-shared/store-api/endpoints/visitors';

/** Visitors with their relationships, in the order given. */
export async function toVisitorRecords(db: Kysely<Database>, rows: Visitor[]): Promise<VisitorRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('visitor_relationships')
    .selectAll()
    .where(
      'visitor_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((v) => ({
    id: v.id,
    organisationId: v.organisation_id,
    name: v.name,
    document: { kind: v.document_kind as DocumentKind, number: v.document_number },
    phone: v.phone,
    address: v.address,
    createdAt: v.created_at,
    relationships: links
      .filter((l) => l.visitor_id === v.id)
      .map((l) => ({
        id: l.id,
        inmateId: l.inmate_id,
        relationship: l.relationship as RelationshipCode,
        proofs: JSON.parse(l.proofs) as RelationshipProof[],
        createdAt: l.created_at,
      })),
  }));
}
