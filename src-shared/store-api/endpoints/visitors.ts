// Visitors (relatives and guardians) with their identity document and their relationship
// to inmates (R36.1, R37.1; proofs R35.1). A bureau or office registers and sees its own
// visitors; a prison sees those related to its inmates.
import { z } from 'zod';
import { RELATIONSHIP_CODES, RELATIONSHIP_PROOF_CODES } from '../../regulation/relationships';
import { DOCUMENT_KINDS, familyRoleSchema, identityDocumentSchema } from '../../regulation/visitor';
import type { DocumentKind } from '../../regulation/visitor';
import { idParamsSchema, listQuerySchema, personName, text } from '../common';
import type { StoreEndpoint } from '../endpoint';

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

export const createVisitorBody = z.object({
  /** Where the visitor is registered; defaults to the caller's organisation. */
  organisationId: z.uuid('须为 UUID').optional(),
  name: personName('会见人姓名'),
  document: identityDocumentSchema,
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不对')
    .optional(),
  address: text(200, '住址').optional(),
});

export const relationshipBody = z.object({
  inmateId: z.uuid('须为 UUID'),
  relationship: familyRoleSchema.shape.relationship,
  proofs: familyRoleSchema.shape.proofs,
});

export const visitorEndpoints = {
  list: {
    method: 'GET',
    path: '/api/visitors',
    query: listQuerySchema.extend({ documentNumber: z.string().max(32).optional(), name: z.string().max(50).optional() }),
    response: z.array(visitorRecordSchema),
  },
  get: { method: 'GET', path: '/api/visitors/:id', params: idParamsSchema, response: visitorRecordSchema },
  create: { method: 'POST', path: '/api/visitors', body: createVisitorBody, status: 201, response: visitorRecordSchema },
  addRelationship: {
    method: 'POST',
    path: '/api/visitors/:id/relationships',
    params: idParamsSchema,
    body: relationshipBody,
    status: 201,
    response: visitorRecordSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;
