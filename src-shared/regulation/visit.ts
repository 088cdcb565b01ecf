import { z } from 'zod';
import { clockTimeSchema, isoDateSchema } from '../calendar/iso-date-schema';
import { identityDocumentSchema, visitorSchema } from './visitor';

/** R23.1: anything but Mandarin needs an interpreter present. */
export const languageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mandarin') }),
  z.object({ kind: z.literal('minority'), name: z.string().trim().min(1) }), // 民族语言, e.g. 彝语
  z.object({ kind: z.literal('foreign'), name: z.string().trim().min(1) }),
  z.object({ kind: z.literal('sign') }), // 手语
]);

const languageName = z
  .string('请填写语言名称')
  .trim()
  .min(1, '请填写语言名称')
  .max(20, '语言名称不能超过 20 个字')
  .regex(/^[\p{L}\p{M} ·-]+$/u, '语言名称只能含文字');

/**
 * The languages recorded on an application (Forms 1 and 2, R23.1): the same kinds,
 * names bounded for the store and the desk; at most 4, no language twice.
 */
export const visitLanguagesSchema = z
  .array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('mandarin') }).strict(),
      z.object({ kind: z.literal('minority'), name: languageName }).strict(),
      z.object({ kind: z.literal('foreign'), name: languageName }).strict(),
      z.object({ kind: z.literal('sign') }).strict(),
    ]),
  )
  .min(1, '至少一种语言')
  .max(4, '最多四种语言')
  .refine((ls) => new Set(ls.map((l) => languageLabel(l))).size === ls.length, { message: '同一语言不能填两次' });

/** 普通话, 手语, or the language's own name (彝语). */
export const languageLabel = (l: { kind: string; name?: string }): string =>
  l.kind === 'mandarin' ? '普通话' : l.kind === 'sign' ? '手语' : (l.name ?? '');

/** R23.1: anything but Mandarin needs an interpreter present. */
export const needsInterpreter = (languages: readonly { kind: string }[]): boolean => languages.some((l) => l.kind !== 'mandarin');

export const interpreterSchema = z.object({
  name: z.string().trim().min(1),
  document: identityDocumentSchema,
  languages: z.array(z.string().trim().min(1)).min(1),
});

export const proposedVisitSchema = z.object({
  id: z.string().min(1),
  inmateId: z.string().min(1),
  date: isoDateSchema,
  start: clockTimeSchema,
  minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60),
  roomId: z.string().min(1),
  /** Up to 6 as on Forms 1 and 2; R14.2's limit of 3 is a rule, not a shape. */
  visitors: z.array(visitorSchema).min(1).max(6),
  languages: z
    .array(languageSchema)
    .min(1)
    .default([{ kind: 'mandarin' }]),
  /** Not a visitor: does not count against R14.2's visitor limit. */
  interpreter: interpreterSchema.nullable().default(null),
  /**
   * R23.1 is met on the visit day: while the application is reviewed and scheduled
   * ('application') an interpreter not named yet is a condition to note, not a refusal;
   * at check-in ('check-in') it must be there.
   */
  stage: z.enum(['application', 'check-in']).default('check-in'),
  /** R18.1: the interrupted visit this one replaces, with priority and on top of the quota. */
  reschedulesVisitId: z.string().min(1).nullable().default(null),
  /** R11.1 at check-in: the visitor ids the approval named; null while still an application. */
  approvedVisitorIds: z.array(z.string().min(1)).nullable().default(null),
});

export const VISIT_OUTCOMES = {
  scheduled: '已安排', // approved, not yet held: counts, so two approvals cannot share one month
  completed: '已完成',
  forfeited: '视为放弃', // R10.1: does not count
  interrupted: '中断', // R18.1: does not count
  terminated: '中止或取消', // R16.1/R17.1: it took place, so it counts
} as const;
export type VisitOutcome = keyof typeof VISIT_OUTCOMES;
const VISIT_OUTCOME_CODES = Object.keys(VISIT_OUTCOMES) as [VisitOutcome, ...VisitOutcome[]];

export const visitRecordSchema = z.object({
  id: z.string().min(1),
  date: isoDateSchema,
  outcome: z.enum(VISIT_OUTCOME_CODES),
  category: z.enum(['family', 'special']),
  reschedulesVisitId: z.string().min(1).nullable().default(null),
});

export const visitHistorySchema = z.array(visitRecordSchema);

export type Language = z.infer<typeof languageSchema>;
export type Interpreter = z.infer<typeof interpreterSchema>;
export type ProposedVisit = z.infer<typeof proposedVisitSchema>;
export type ProposedVisitInput = z.input<typeof proposedVisitSchema>;
export type VisitRecord = z.infer<typeof visitRecordSchema>;
export type VisitRecordInput = z.input<typeof visitRecordSchema>;
export type VisitCategory = VisitRecord['category'];
