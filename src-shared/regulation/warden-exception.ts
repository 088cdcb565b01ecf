import { z } from 'zod';
import { isoDateSchema } from '../calendar/iso-date-schema';

// R14.3: a longer visit, or one outside the normal schedule, needs the
// warden's approval, recorded with who, when and why. An exception names one
// limit and lifts exactly that one, for one inmate on one date (R27.1(3)).

export const EXCEPTION_LIMITS = {
  'monthly-quota': '会见次数（每月）',
  duration: '会见时长',
  'visitor-count': '会见人数',
  'visiting-hours': '规定会见时间',
} as const;
export type ExceptionLimit = keyof typeof EXCEPTION_LIMITS;

const approverSchema = z.object({
  staffId: z.string().min(1),
  name: z.string().trim().min(1),
  /** Only 'warden' (监狱长) can approve (R14.3); others are recorded but lift nothing. */
  role: z.enum(['warden', 'deputy-warden', 'ward-chief', 'administrator']),
});

const common = {
  id: z.string().min(1),
  inmateId: z.string().min(1),
  visitDate: isoDateSchema,
  approvedBy: approverSchema,
  approvedOn: isoDateSchema,
  reason: z.string().trim().min(1),
};

export const wardenExceptionSchema = z.discriminatedUnion('lifts', [
  z.object({ lifts: z.literal('monthly-quota'), ...common }),
  z.object({
    lifts: z.literal('duration'),
    maxMinutes: z
      .number()
      .int()
      .positive()
      .max(24 * 60),
    ...common,
  }),
  z.object({ lifts: z.literal('visitor-count'), maxVisitors: z.number().int().positive().max(6), ...common }),
  z.object({ lifts: z.literal('visiting-hours'), ...common }),
]);

export type WardenException = z.infer<typeof wardenExceptionSchema>;
export type WardenExceptionInput = z.input<typeof wardenExceptionSchema>;
