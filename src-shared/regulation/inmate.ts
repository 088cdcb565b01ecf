import { z } from 'zod';
import { addDays, addMonths } from '../calendar/iso-date';
import { isoDateSchema } from '../calendar/iso-date-schema';
import { plainText } from '../text/plain-text';
import { SUSPENSION_REASON_CODES } from './reason-codes';

/** R3.1: only Chinese nationals are in scope; HK/Macao/Taiwan residents are Chinese. */
export const citizenshipSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chinese') }),
  z.object({ kind: z.literal('foreign'), country: plainText('国籍', 64, { min: 2 }) }),
  z.object({ kind: z.literal('stateless') }),
]);

const periodFields = {
  start: isoDateSchema,
  /** Inclusive; null while it lasts. */
  end: isoDateSchema.nullable(),
};

/** Periods during which R15.1 forbids arranging a visit. */
export const statusPeriodSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('criminal-proceedings'), ...periodFields }), // R15.1(1) 立案侦查、起诉、审判
    z.object({ kind: z.literal('confinement'), ...periodFields }), // R15.1(2) 禁闭
    z.object({ kind: z.literal('entry-training'), ...periodFields }), // R15.1(3) 入监集训
    z.object({ kind: z.literal('strict-training'), ...periodFields }), // R15.1(3) 严管集训
    z.object({ kind: z.literal('serious-violation-investigation'), ...periodFields }), // R15.1(5)
    z.object({ kind: z.literal('other-restriction'), ...periodFields, reason: plainText('原因', 500, { multiline: true }) }), // R15.1(6)
  ])
  .refine((p) => p.end === null || p.end >= p.start, { message: '结束日期早于开始日期', path: ['end'] });

export const STATUS_PERIOD_LABELS = {
  'criminal-proceedings': '被立案侦查、起诉、审判',
  'confinement': '禁闭',
  'entry-training': '入监集训',
  'strict-training': '严管集训',
  'serious-violation-investigation': '因严重违纪被调查处理',
  'other-restriction': '其他影响监狱安全或有碍改造的情形',
} as const;

/** R15.1(4): the date is the day the penalty was decided (处分决定之日). */
export const penaltySchema = z.object({
  kind: z.enum(['warning', 'demerit', 'confinement']),
  date: isoDateSchema,
});

/**
 * R17.2: 1 to 3 months, start and end inclusive. One month from 03-10 ends at
 * the earliest on 04-09; three months end at the latest on 06-10 (the
 * corresponding day, 民法典 第二百零二条).
 */
export const suspensionSchema = z
  .object({
    start: isoDateSchema,
    end: isoDateSchema,
    reason: z.enum(SUSPENSION_REASON_CODES),
    decidedBy: plainText('决定人', 100),
  })
  .superRefine((s, ctx) => {
    if (s.end < addDays(addMonths(s.start, 1), -1)) ctx.addIssue({ code: 'custom', path: ['end'], message: '暂停会见不得少于一个月（R17.2）' });
    if (s.end > addMonths(s.start, 3)) ctx.addIssue({ code: 'custom', path: ['end'], message: '暂停会见不得超过三个月（R17.2）' });
  });

export const inmateSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1),
  prisonId: z.string().min(1),
  wardId: z.string().min(1),
  citizenship: citizenshipSchema,
  birthDate: isoDateSchema,
  /** R37.1: an adult inmate declared without or with limited civil capacity may have a guardian. */
  limitedCivilCapacity: z.boolean().default(false),
  statusPeriods: z.array(statusPeriodSchema).default([]),
  penalties: z.array(penaltySchema).default([]),
  suspensions: z.array(suspensionSchema).default([]),
});

export type Citizenship = z.infer<typeof citizenshipSchema>;
export type StatusPeriod = z.infer<typeof statusPeriodSchema>;
export type StatusPeriodKind = StatusPeriod['kind'];
export type Penalty = z.infer<typeof penaltySchema>;
export type Suspension = z.infer<typeof suspensionSchema>;
export type Inmate = z.infer<typeof inmateSchema>;
export type InmateInput = z.input<typeof inmateSchema>;
