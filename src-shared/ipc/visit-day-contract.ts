// The terminal's IPC contract, part: the visit day (R10.1, R11.1, R12.1, R19.1, R23.1, R25.1, R27.1):
// visit statuses, refusals, check-in, deposits, equipment and readiness. contract.ts assembles and re-exports it.
import { z } from 'zod';

/** 'cancelled': the central store cancelled the visit. */
export const visitStatusSchema = z.enum([
  'scheduled',
  'checking-in',
  'in-progress',
  'completed',
  'forfeited',
  'interrupted',
  'terminated',
  'cancelled',
]);

/** Why something was refused: the requirement applied (null for a technical reason) and a zh-CN sentence. */
export const refusalSchema = z.object({ requirement: z.string().nullable(), code: z.string(), message: z.string() });

export const visitIdArgsSchema = z.object({ visitId: z.string().min(1).max(64) }).strict();
export const documentNumberArg = z.string().trim().min(1).max(32);
export const depositItemSchema = z.enum(['phone', 'recorder', 'camera', 'other']);
export const equipmentNameSchema = z.enum(['camera', 'microphone', 'speaker', 'network', 'disk', 'recorder']);

export const rosterSchema = z.object({
  visitId: z.string(),
  date: z.string(),
  startTime: z.string(),
  minutes: z.number().int().positive(),
  inmateName: z.string(),
  status: visitStatusSchema,
  /** False for a visit without an imported roster: nobody can check in. */
  planned: z.boolean(),
  opensAt: z.string(),
  startsAt: z.string(),
  maxVisitors: z.number().int().positive(),
  languages: z.array(z.string()),
  interpreterRequired: z.boolean(),
  visitors: z.array(
    z.object({
      visitorId: z.string(),
      name: z.string(),
      documentNumber: z.string(),
      relationship: z.string(),
      relationshipLabel: z.string(),
      checkedInAt: z.string().nullable(),
      source: z.string().nullable(),
      noticeAcknowledgedAt: z.string().nullable(),
      depositDeclaredAt: z.string().nullable(),
      depositRefusedAt: z.string().nullable(),
      items: z.array(
        z.object({
          itemId: z.number().int(),
          item: depositItemSchema,
          description: z.string(),
          depositedAt: z.string().nullable(),
          returnedAt: z.string().nullable(),
        }),
      ),
      /** R34.1: a special visitor's papers as approved; null for a relative. */
      special: z
        .object({
          kind: z.string(),
          kindLabel: z.string(),
          organisation: z.string(),
          letter: z.object({ kind: z.string(), label: z.string(), reference: z.string() }).nullable(),
          credentialNumber: z.string().nullable(),
        })
        .nullable(),
      documentsCheckedAt: z.string().nullable(),
    }),
  ),
  interpreter: z
    .object({ name: z.string(), documentNumber: z.string(), languages: z.array(z.string()), checkedInAt: z.string() })
    .nullable(),
  equipment: z.array(z.object({ name: equipmentNameSchema, ok: z.boolean(), detail: z.string(), checkedAt: z.string() })),
  /** R34.1: only special visitors (outside the family quota). */
  category: z.enum(['family', 'special']),
  /** R11.2: the prison confirmed the inmate in position (by whom, when). */
  inmateInPosition: z.object({ at: z.string(), by: z.string() }).nullable(),
});

/** R19.1: a deposited item not yet handed back. */
export const outstandingReturnSchema = z.object({
  visitId: z.string(),
  date: z.string(),
  startTime: z.string(),
  inmateName: z.string(),
  visitStatus: visitStatusSchema,
  visitOver: z.boolean(),
  itemId: z.number().int(),
  item: depositItemSchema,
  itemLabel: z.string(),
  description: z.string(),
  owner: z.string(),
  documentTail: z.string(),
  depositedAt: z.string(),
});

/** The answer of every visit-day step: done (with the new roster) or refused (with the reason). */
export const stepOutcomeSchema = z.discriminatedUnion('accepted', [
  z.object({ accepted: z.literal(true), roster: rosterSchema }),
  z.object({ accepted: z.literal(false), refusal: refusalSchema, roster: rosterSchema }),
]);

/** A check-in also says whom the card (or the typed entry) named. */
export const checkinOutcomeSchema = z.discriminatedUnion('accepted', [
  z.object({
    accepted: z.literal(true),
    roster: rosterSchema,
    person: z.object({ name: z.string(), documentNumber: z.string() }).nullable(),
  }),
  z.object({
    accepted: z.literal(false),
    refusal: refusalSchema,
    roster: rosterSchema,
    person: z.object({ name: z.string(), documentNumber: z.string() }).nullable(),
  }),
]);

const isoDateArg = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const manualCheckinArgsSchema = z
  .object({
    visitId: z.string().min(1).max(64),
    entry: z
      .object({
        document: z.enum(['resident-id', 'household-register', 'hk-macao-taiwan-residence-permit', 'foreign-permanent-resident']),
        name: z.string().max(60),
        idNumber: z.string().max(32),
        sex: z.enum(['male', 'female']).optional(),
        birthDate: isoDateArg.optional(),
        validFrom: isoDateArg.optional(),
        validTo: z.string().max(10).optional(),
      })
      .strict(),
  })
  .strict();

export const interpreterArgsSchema = z
  .object({
    visitId: z.string().min(1).max(64),
    name: z.string().max(60),
    documentNumber: z.string().max(32),
    languages: z.array(z.string().max(30)).max(5),
  })
  .strict();

export const deviceResultSchema = z.object({ ok: z.boolean(), detail: z.string().max(300) }).strict();

export const readinessSchema = z.object({
  visitId: z.string(),
  status: visitStatusSchema,
  startsAt: z.string(),
  ready: z.boolean(),
  blockers: z.array(refusalSchema),
});
