// A prison's own arrangements (issue 25 item 5): its limits under R14.2's ceiling (stricter
// for adults; more visits and time for juveniles), its visiting hours and days, and its
// rooms' own (R14.3: outside them only with the warden's approval). Read by any clerk whose
// scope holds the prison (the slot picker, the forms); set by the prison's administrators
// or the province's.
import { z } from 'zod';
import {
  NORMAL_LIMITS,
  prisonPolicySchema,
  roomArrangementSchema,
  visitingDaysSchema,
  visitingWindowSchema,
} from '../../regulation/prison-policy';
import { idParamsSchema } from '../common';
import type { StoreEndpoint } from '../endpoint';

const limitsBody = z.object({
  visitsPerMonth: z.number('请填写每月会见次数').int('须为整数').min(1, '至少 1 次').max(31, '不能超过 31 次'),
  maxMinutes: z.number('请填写每次会见时长').int('须为整数').min(5, '至少 5 分钟').max(240, '不能超过 240 分钟'),
  maxVisitors: z.number('请填写每次会见人数').int('须为整数').min(1, '至少 1 人').max(6, '不能超过 6 人'),
});

/** What the prison sets; the store checks it against R14.2 with prisonPolicySchema. */
export const arrangementsBody = z
  .object({
    adult: limitsBody,
    juvenile: limitsBody,
    visitingHours: z.array(visitingWindowSchema).max(8, '最多 8 个会见时段'),
    visitingDays: visitingDaysSchema,
    rooms: z
      .array(
        roomArrangementSchema.extend({
          roomId: z.uuid('会见室编号格式不正确'),
          visitingHours: z.array(visitingWindowSchema).max(8, '最多 8 个会见时段'),
          visitingDays: visitingDaysSchema,
        }),
      )
      .max(50),
  })
  .superRefine((b, ctx) => {
    const checked = prisonPolicySchema.safeParse({ prisonId: 'check', ...b });
    if (!checked.success)
      for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type ArrangementsBody = z.infer<typeof arrangementsBody>;

export const arrangementsSchema = z
  .object({
    prisonId: z.string(),
    prisonName: z.string(),
    adult: limitsBody,
    juvenile: limitsBody,
    visitingHours: z.array(z.object({ start: z.string(), end: z.string() })),
    visitingDays: z.array(z.number()),
    rooms: z.array(
      z.object({
        roomId: z.string(),
        name: z.string(),
        visitingHours: z.array(z.object({ start: z.string(), end: z.string() })),
        visitingDays: z.array(z.number()),
      }),
    ),
    /** R14.2's limits: the ceiling for adults. */
    ceiling: limitsBody,
    /** Null: never set, R14.2 as written applies. */
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .meta({ id: 'PrisonArrangements' });
export type ArrangementsRecord = z.infer<typeof arrangementsSchema>;

export const ARRANGEMENT_CEILING = NORMAL_LIMITS;

export const arrangementEndpoints = {
  get: { method: 'GET', path: '/api/prisons/:id/arrangements', params: idParamsSchema, response: arrangementsSchema },
  set: {
    method: 'PUT',
    path: '/api/prisons/:id/arrangements',
    params: idParamsSchema,
    body: arrangementsBody,
    response: arrangementsSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;
