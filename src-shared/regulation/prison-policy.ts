import { z } from 'zod';
import { clockTimeSchema, minutesOfDay } from '../calendar/iso-date-schema';

const limitsSchema = z.object({
  visitsPerMonth: z.number().int().positive(),
  maxMinutes: z.number().int().positive().max(240),
  maxVisitors: z.number().int().positive().max(6),
});

export type Limits = z.infer<typeof limitsSchema>;
export const NORMAL_LIMITS: Limits = { visitsPerMonth: 1, maxMinutes: 30, maxVisitors: 3 };

/** 规定会见时间: one window a visit must fit in, start before end. */
export const visitingWindowSchema = z
  .object({ start: clockTimeSchema, end: clockTimeSchema })
  .refine((w) => minutesOfDay(w.start) < minutesOfDay(w.end), { message: '会见时段的开始须早于结束', path: ['end'] });

/** Days of the week visits are held, 0 = Sunday … 6 = Saturday (calendar/iso-date weekday()). */
export const visitingDaysSchema = z
  .array(z.number().int().min(0).max(6))
  .max(7)
  .refine((d) => new Set(d).size === d.length, { message: '会见日不能重复' });

/** A room's own hours and days; empty lists fall back to the prison's. */
export const roomArrangementSchema = z.object({
  roomId: z.string().min(1),
  visitingHours: z.array(visitingWindowSchema).max(8).default([]),
  visitingDays: visitingDaysSchema.default([]),
});

/**
 * Per-prison limits and arrangements. R14.2 sets the normal limits (1 a month, 30 minutes,
 * 3 people) as the ceiling: a prison may be stricter for adults, never looser. For
 * juveniles R14.2 lets it grant more visits and more time (never fewer than the adults',
 * never more visitors than R14.2's 3). Anything beyond is a warden's exception (R14.3).
 */
export const prisonPolicySchema = z
  .object({
    prisonId: z.string().min(1),
    adult: limitsSchema,
    juvenile: limitsSchema,
    /** 规定会见时间: windows a visit must fit in; empty = any time (R14.3 lifts it). */
    visitingHours: z.array(visitingWindowSchema).max(8).default([]),
    /** Days of the week visits are held; empty = every day (R14.3 lifts it). */
    visitingDays: visitingDaysSchema.default([]),
    /** Rooms with their own hours or days (a ward's room, say). */
    rooms: z.array(roomArrangementSchema).max(50).default([]),
  })
  .superRefine((p, ctx) => {
    for (const key of ['visitsPerMonth', 'maxMinutes', 'maxVisitors'] as const) {
      if (p.adult[key] > NORMAL_LIMITS[key])
        ctx.addIssue({
          code: 'custom',
          path: ['adult', key],
          message: `不能超过《办法》第十四条规定的上限 ${NORMAL_LIMITS[key]}（R14.2）；超出须经监狱长批准（R14.3）`,
        });
      if (p.juvenile[key] < p.adult[key])
        ctx.addIssue({ code: 'custom', path: ['juvenile', key], message: '未成年罪犯的限额只能放宽，不能收紧（R14.2）' });
    }
    if (p.juvenile.maxVisitors > NORMAL_LIMITS.maxVisitors)
      ctx.addIssue({
        code: 'custom',
        path: ['juvenile', 'maxVisitors'],
        message: `未成年罪犯可增加会见次数和时间，会见人数仍不超过 ${NORMAL_LIMITS.maxVisitors} 人（R14.2）`,
      });
    const rooms = p.rooms.map((r) => r.roomId);
    if (new Set(rooms).size !== rooms.length)
      ctx.addIssue({ code: 'custom', path: ['rooms'], message: '同一会见室只能有一条安排' });
  });

export type PrisonPolicy = z.infer<typeof prisonPolicySchema>;
export type PrisonPolicyInput = z.input<typeof prisonPolicySchema>;
export type VisitingWindow = z.infer<typeof visitingWindowSchema>;

/** R14.2 as written; the juvenile limits equal the adult ones until a prison relaxes them. */
export function defaultPrisonPolicy(prisonId: string): PrisonPolicy {
  return {
    prisonId,
    adult: { ...NORMAL_LIMITS },
    juvenile: { ...NORMAL_LIMITS },
    visitingHours: [],
    visitingDays: [],
    rooms: [],
  };
}

/** The hours and days that hold in one room: the room's own where it has them, else the prison's. */
export function arrangementFor(
  policy: PrisonPolicy,
  roomId: string,
): { visitingHours: VisitingWindow[]; visitingDays: number[]; source: 'room' | 'prison' } {
  const room = policy.rooms.find((r) => r.roomId === roomId);
  const hours = room && room.visitingHours.length > 0 ? room.visitingHours : policy.visitingHours;
  const days = room && room.visitingDays.length > 0 ? room.visitingDays : policy.visitingDays;
  const own = room !== undefined && (room.visitingHours.length > 0 || room.visitingDays.length > 0);
  return { visitingHours: hours, visitingDays: days, source: own ? 'room' : 'prison' };
}

export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;
