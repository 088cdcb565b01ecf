// Working-day questions (R14.1) and the override table the province keeps: the State
// Council publishes next year's schedule in late autumn, and an administrator of the
// province enters a whole year (and, rarely, a single day). Reads: any staff.
import { z } from 'zod';
import { REVIEW_STEP_IDS } from '../../calendar/review-steps';
import { dayInfoSchema, dueDateSchema } from '../../desk/records';
import { isoDate, text } from '../common';
import type { StoreEndpoint } from '../endpoint';

export const overridesSchema = z
  .object({
    coveredYears: z.array(z.number()),
    years: z.array(
      z.object({ year: z.number(), holidays: z.array(z.string()), workdays: z.array(z.string()), source: z.string() }),
    ),
    days: z.array(z.object({ date: z.string(), working: z.boolean(), note: z.string() })),
  })
  .meta({ id: 'CalendarOverrides' });

export const yearBody = z.object({
  /** Statutory days off (放假), weekdays or weekends. */
  holidays: z.array(isoDate).max(366),
  /** Adjusted working weekends (调休上班). */
  workdays: z.array(isoDate).max(366),
  /** The State Council notice, e.g. 国办发明电〔2026〕X号. */
  source: text(200, '来源'),
});

export const calendarEndpoints = {
  day: { method: 'GET', path: '/api/calendar/days/:date', params: z.object({ date: isoDate }), response: dayInfoSchema },
  dueDate: {
    method: 'GET',
    path: '/api/calendar/due-date',
    query: z.object({ step: z.enum(REVIEW_STEP_IDS as [string, ...string[]]), receivedOn: isoDate }),
    response: dueDateSchema,
  },
  overrides: { method: 'GET', path: '/api/calendar/overrides', response: overridesSchema },
  putYear: {
    method: 'PUT',
    path: '/api/calendar/years/:year',
    params: z.object({ year: z.coerce.number().int().min(2000).max(2999) }),
    body: yearBody,
    response: overridesSchema,
  },
  /** A single day; it cannot make a year count as covered on its own. */
  putDay: {
    method: 'PUT',
    path: '/api/calendar/days/:date',
    params: z.object({ date: isoDate }),
    body: z.object({ working: z.boolean(), note: text(200, '备注') }),
    response: overridesSchema,
  },
} as const satisfies Record<string, StoreEndpoint>;
