// The day's snapshot for one room, as the central store hands it out (the sync worker's
// GET /api/sync/visits) and as tests and the demo seed it: today's visits with their
// approved visitors, and this site's staff with argon2id hashes for offline login (R25.1).
import { z } from 'zod';
import { isoDateSchema, clockTimeSchema } from '../../src-shared/calendar/iso-date-schema';
import { languageSchema } from '../../src-shared/regulation/visit';
import { RELATIONSHIP_CODES } from '../../src-shared/regulation/relationships';
import { OFFICIAL_LETTER_KIND_CODES, SPECIAL_VISITOR_KINDS } from '../../src-shared/regulation/special-visitors';

const safeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, '编号只能由字母、数字、点、下划线和连字符组成');
const personName = z.string().trim().min(1, '姓名不能为空').max(50, '姓名过长');
const documentNumber = z
  .string()
  .trim()
  .min(6, '证件号码过短')
  .max(32, '证件号码过长')
  .transform((s) => s.toUpperCase());

export const familyVisitorSchema = z
  .object({
    visitorId: safeId,
    name: personName,
    documentNumber,
    /** R36.1/R37.1: a code of the closed list, never free text. */
    relationship: z.enum(RELATIONSHIP_CODES),
  })
  .strict();

const reference = z.string().trim().min(1, '编号不能为空').max(64, '编号过长');

/** R34.1: a lawyer, notary, court, procuratorate, police or commission officer, with the
 *  official letter and credential the approval recorded (null: not on file, refused at check-in). */
export const specialVisitorSchema = z
  .object({
    visitorId: safeId,
    name: personName,
    documentNumber,
    special: z
      .object({
        kind: z.enum(SPECIAL_VISITOR_KINDS),
        organisation: z.string().trim().min(1, '单位不能为空').max(100, '单位名称过长'),
        letter: z
          .object({ kind: z.enum(OFFICIAL_LETTER_KIND_CODES), reference })
          .strict()
          .nullable(),
        credentialNumber: reference.nullable(),
      })
      .strict(),
  })
  .strict();

export const approvedVisitorSchema = z.union([familyVisitorSchema, specialVisitorSchema]);

export const snapshotVisitSchema = z
  .object({
    visitId: safeId,
    roomId: safeId,
    date: isoDateSchema,
    /** China Standard Time, HH:MM. */
    startTime: clockTimeSchema,
    minutes: z.number().int().positive().max(240),
    inmate: z.object({ inmateId: safeId, name: personName }).strict(),
    /** Up to 6 named on Forms 1 and 2; at most maxVisitors of them may check in (R14.2). */
    visitors: z.array(approvedVisitorSchema).min(1).max(6),
    /** R23.1: anything but Mandarin needs an interpreter. */
    languages: z
      .array(languageSchema)
      .min(1)
      .default([{ kind: 'mandarin' }]),
    /** R14.2: 3, unless the warden approved more (R14.3) or the inmate is a juvenile. */
    maxVisitors: z.number().int().min(1).max(6).default(3),
    /** The store cancelled it: marked cancelled here (a visit missing from the day's list is too). */
    // forfeited: the other terminal of the visit decided R10.1 (the store's feed says so).
    status: z.enum(['scheduled', 'cancelled', 'forfeited']).default('scheduled'),
  })
  .strict();

export const staffSnapshotSchema = z
  .object({
    staffId: safeId,
    siteId: safeId,
    username: z.string().trim().min(1).max(64),
    name: personName,
    passwordHash: z.string().startsWith('$argon2id$', '只接受 argon2id 口令哈希'),
    active: z.boolean().default(true),
  })
  .strict();

export const daySnapshotSchema = z
  .object({
    siteId: safeId,
    roomId: safeId,
    date: isoDateSchema,
    generatedAt: z.iso.datetime({ offset: true }),
    /** R10.1: visitors arrive 30 minutes before the start; the site may set another figure. */
    checkinOpensMinutesBefore: z.number().int().min(0).max(240).default(30),
    visits: z.array(snapshotVisitSchema).max(200),
    staff: z.array(staffSnapshotSchema).max(500),
  })
  .strict();

export type DaySnapshot = z.output<typeof daySnapshotSchema>;
export type DaySnapshotInput = z.input<typeof daySnapshotSchema>;
export type SnapshotVisit = DaySnapshot['visits'][number];
export type SnapshotVisitor = SnapshotVisit['visitors'][number];
export const isSpecialVisitor = (v: SnapshotVisitor): v is z.output<typeof specialVisitorSchema> => 'special' in v;
