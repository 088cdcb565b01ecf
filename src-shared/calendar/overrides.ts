import { z } from 'zod';
import { isoDateSchema } from './iso-date-schema';

// The override table the central store maintains (R14.1). The State Council
// publishes next year's schedule in late autumn and chinese-days' data is
// machine-generated, so entries here always win over the package.

/** A year's full official schedule; makes that year covered. */
export const yearScheduleSchema = z
  .object({
    year: z.number().int().min(1900).max(2999),
    /** Statutory days off that fall on weekdays or weekends (放假). */
    holidays: z.array(isoDateSchema),
    /** Adjusted working days that fall on weekends (调休上班). */
    workdays: z.array(isoDateSchema),
    /** Where it comes from, e.g. the State Council notice number. */
    source: z.string().min(1),
  })
  .superRefine((s, ctx) => {
    for (const [key, list] of [
      ['holidays', s.holidays],
      ['workdays', s.workdays],
    ] as const) {
      list.forEach((d, i) => {
        if (!d.startsWith(`${s.year}-`))
          ctx.addIssue({
            code: 'custom',
            path: [key, i],
            message: `日期不属于 ${s.year} 年`,
            params: { reason: 'date-outside-year' },
          });
      });
    }
  });

/** A single-day correction; wins over everything, but covers no year by itself. */
export const dayOverrideSchema = z.object({
  date: isoDateSchema,
  working: z.boolean(),
  note: z.string().min(1),
});

export const calendarOverridesSchema = z.object({
  years: z.array(yearScheduleSchema).default([]),
  days: z.array(dayOverrideSchema).default([]),
});

export type YearSchedule = z.infer<typeof yearScheduleSchema>;
export type DayOverride = z.infer<typeof dayOverrideSchema>;
export type CalendarOverrides = z.input<typeof calendarOverridesSchema>;
