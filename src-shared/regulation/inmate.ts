import { z } from 'zod';
import { addDays, addMonths, type IsoDate } from '../calendar/iso-date';
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
  confinement: '禁闭',
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

/** R17.2 (第十七条: 暂停罪犯一至三个月以内会见): the shortest and longest suspension. */
export const SUSPENSION_MONTHS = { min: 1, max: 3 } as const;

/**
 * R17.2: the last day of a suspension of `months` months whose first day is `start`. One
 * rule for both ends of 一至三个月: the start day is the first day without visits, so N
 * months end the day before the start's day of the month N months later (03-10: one month
 * ends 04-09, three months 06-09); when that month has no such day, on its last day
 * (民法典 第二百零二条: 没有对应日的，月末日为期间的最后一日; 01-31: one month ends 02-28).
 */
export function suspensionLastDay(start: IsoDate, months: number): IsoDate {
  const corresponding = addMonths(start, months);
  return corresponding.slice(8) === start.slice(8) ? addDays(corresponding, -1) : corresponding;
}

/** R17.2: 1 to 3 months, start and end inclusive, both ends counted by suspensionLastDay. */
export const suspensionSchema = z
  .object({
    start: isoDateSchema,
    end: isoDateSchema,
    reason: z.enum(SUSPENSION_REASON_CODES),
    decidedBy: plainText('决定人', 100),
  })
  .superRefine((s, ctx) => {
    if (s.end < suspensionLastDay(s.start, SUSPENSION_MONTHS.min))
      ctx.addIssue({ code: 'custom', path: ['end'], message: '暂停会见不得少于一个月（R17.2）' });
    if (s.end > suspensionLastDay(s.start, SUSPENSION_MONTHS.max))
      ctx.addIssue({ code: 'custom', path: ['end'], message: '暂停会见不得超过三个月（R17.2）' });
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
