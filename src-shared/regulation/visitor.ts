import { z } from 'zod';
import { parseIdNumber } from '../id-number/parse-id-number';
import { documentNumber, plainText } from '../text/plain-text';
import type { IdNumberKind } from '../id-number/parse-id-number';
import { RELATIONSHIP_CODES, RELATIONSHIP_PROOF_CODES } from './relationships';
import { OFFICIAL_LETTER_KIND_CODES, SPECIAL_VISITOR_KINDS } from './special-visitors';

export const DOCUMENT_KINDS = {
  'resident-id': '居民身份证',
  'household-register': '户口簿（未成年人）',
  'hmt-residence-permit': '港澳台居民居住证',
  'foreign-permanent-resident-id': '外国人永久居留身份证',
  'mainland-travel-permit-hk-macao': '港澳居民来往内地通行证',
  'mainland-travel-permit-taiwan': '台湾居民来往大陆通行证',
  passport: '护照',
} as const;
export type DocumentKind = keyof typeof DOCUMENT_KINDS;
const DOCUMENT_KIND_CODES = Object.keys(DOCUMENT_KINDS) as [DocumentKind, ...DocumentKind[]];

// Documents whose number is an ID number we can check, and the kinds it may be.
const CHECKED_NUMBERS: Partial<Record<DocumentKind, readonly IdNumberKind[]>> = {
  'resident-id': ['resident-id'],
  'household-register': ['resident-id'],
  'hmt-residence-permit': ['hk-residence-permit', 'macao-residence-permit', 'taiwan-residence-permit'],
  'foreign-permanent-resident-id': ['foreign-permanent-resident-id'],
};

export const identityDocumentSchema = z
  .object({ kind: z.enum(DOCUMENT_KIND_CODES), number: documentNumber('证件号码') })
  .superRefine((doc, ctx) => {
    const allowed = CHECKED_NUMBERS[doc.kind];
    if (allowed === undefined) return;
    const parsed = parseIdNumber(doc.number);
    if (!parsed.ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: parsed.message,
        params: { reason: 'invalid-id-number', problem: parsed.problem },
      });
    } else if (!allowed.includes(parsed.value.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['number'],
        message: `号码不是${DOCUMENT_KINDS[doc.kind]}号码`,
        params: { reason: 'invalid-id-number', problem: 'kind-mismatch' },
      });
    }
  });

/** R36.1 relative or R37.1 guardian, with R35.1 proofs of the relationship. */
export const familyRoleSchema = z.object({
  kind: z.literal('family'),
  relationship: z.enum(RELATIONSHIP_CODES),
  proofs: z.array(z.enum(RELATIONSHIP_PROOF_CODES)).default([]),
});

/** R34.1 special visitor: letter and credential may be missing (a refusal, not bad input). */
export const specialRoleSchema = z.object({
  kind: z.literal('special'),
  specialKind: z.enum(SPECIAL_VISITOR_KINDS),
  organisation: plainText('所在单位', 100),
  letter: z.object({ kind: z.enum(OFFICIAL_LETTER_KIND_CODES), reference: plainText('公函编号', 64) }).nullable(),
  /** 律师执业证、工作证 etc. */
  credentialNumber: plainText('证件编号', 64).nullable(),
});

export const visitorRoleSchema = z.discriminatedUnion('kind', [familyRoleSchema, specialRoleSchema]);

export const visitorSchema = z.object({
  /** The person's id in the store; approvals list these (R11.1). */
  id: z.string().min(1),
  name: z.string().trim().min(1),
  document: identityDocumentSchema,
  role: visitorRoleSchema,
});

export type IdentityDocument = z.infer<typeof identityDocumentSchema>;
export type FamilyRole = z.infer<typeof familyRoleSchema>;
export type SpecialRole = z.infer<typeof specialRoleSchema>;
export type Visitor = z.infer<typeof visitorSchema>;
export type VisitorInput = z.input<typeof visitorSchema>;
