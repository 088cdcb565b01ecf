import { z } from 'zod';
import { DOCUMENT_KINDS, RELATIONSHIP_CODES, RELATIONSHIP_PROOF_CODES } from '../../../src-shared/regulation';
import type { DocumentKind, RelationshipCode, RelationshipProof } from '../../../src-shared/regulation';
import type { Kysely } from 'kysely';
import type { Database, Visitor } from '../../db/schema';

const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

export const relationshipRecordSchema = z
  .object({
    id: z.string(),
    inmateId: z.string(),
    relationship: z.enum(RELATIONSHIP_CODES),
    proofs: z.array(z.enum(RELATIONSHIP_PROOF_CODES)),
    createdAt: z.string(),
  })
  .meta({ id: 'VisitorRelationship' });

export const visitorRecordSchema = z
  .object({
    id: z.string(),
    organisationId: z.string(),
    name: z.string(),
    document: z.object({ kind: z.enum(DOCUMENT_KIND_CODES), number: z.string() }),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    createdAt: z.string(),
    relationships: z.array(relationshipRecordSchema),
  })
  .meta({ id: 'Visitor' });
export type VisitorRecord = z.infer<typeof visitorRecordSchema>;

/** Visitors with their relationships, in the order given. */
export async function toVisitorRecords(db: Kysely<Database>, rows: Visitor[]): Promise<VisitorRecord[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('visitor_relationships')
    .selectAll()
    .where('visitor_id', 'in', rows.map((r) => r.id))
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
