import { z } from 'zod';
import { clockTimeSchema } from '../calendar/iso-date-schema';

const limitsSchema = z.object({
  visitsPerMonth: z.number().int().positive(),
  maxMinutes: z.number().int().positive(),
  maxVisitors: z.number().int().positive().max(6),
});

/**
 * Per-prison limits. R14.2 sets the normal ones (1 a month, 30 minutes, 3
 * people) and lets each prison relax them for juveniles, never tighten.
 */
export const prisonPolicySchema = z
  .object({
    prisonId: z.string().min(1),
    adult: limitsSchema,
    juvenile: limitsSchema,
    /** 规定会见时间: windows a visit must fit in; empty = any time (R14.3 lifts it). */
    visitingHours: z.array(z.object({ start: clockTimeSchema, end: clockTimeSchema })).default([]),
  })
  .superRefine((p, ctx) => {
    for (const key of ['visitsPerMonth', 'maxMinutes', 'maxVisitors'] as const) {
      if (p.juvenile[key] < p.adult[key])
        ctx.addIssue({ code: 'custom', path: ['juvenile', key], message: '未成年罪犯的限额只能放宽，不能收紧（R14.2）' });
    }
  });

export type Limits = z.infer<typeof limitsSchema>;
export type PrisonPolicy = z.infer<typeof prisonPolicySchema>;
export type PrisonPolicyInput = z.input<typeof prisonPolicySchema>;

export const NORMAL_LIMITS: Limits = { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 };

/** R14.2 as written; the juvenile limits equal the adult ones until a prison relaxes them. */
export function defaultPrisonPolicy(prisonId: string): PrisonPolicy {
  return { prisonId, adult: { ...NORMAL_LIMITS }, juvenile: { ...NORMAL_LIMITS }, visitingHours: [] };
}
