// The overview for prisons and the province (R29.1): visits per
// day and per site, outcomes with their reason codes, overdue review steps,
// and each terminal's last contact with the central store.
import { z } from 'zod';
import { isoDateSchema } from '../calendar/iso-date-schema';

/** At most a year at a time: the overview is for looking at, not a data dump. */
export const OVERVIEW_MAX_DAYS = 366;

export const overviewQuerySchema = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((q) => q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((q) => (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 < OVERVIEW_MAX_DAYS, {
    message: `一次最多查看 ${OVERVIEW_MAX_DAYS} 天`,
    path: ['to'],
  });
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

export const outcomeCountsSchema = z.object({
  scheduled: z.number().int(),
  completed: z.number().int(),
  forfeited: z.number().int(),
  interrupted: z.number().int(),
  terminated: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});
export type OutcomeCounts = z.infer<typeof outcomeCountsSchema>;

export const overviewSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    /** The caller's organisation: the province sees all, a prison or a bureau its own. */
    scope: z.object({ organisationId: z.string(), name: z.string(), kind: z.string() }),
    generatedAt: z.string(),
    totals: outcomeCountsSchema,
    /** One row per day and site (the site of the room where the visit is held or received). */
    perDay: z.array(z.object({ date: z.string(), siteId: z.string(), siteName: z.string(), visits: z.number().int() })),
    perSite: z.array(z.object({ siteId: z.string(), siteName: z.string(), siteKind: z.string(), counts: outcomeCountsSchema })),
    /** Interrupted and terminated visits by reason code (R16.1, R17.1, R18.1, or 'other'; 'unrecorded' when none was given). */
    reasons: z.array(
      z.object({ status: z.enum(['interrupted', 'terminated']), code: z.string(), label: z.string(), count: z.number().int() }),
    ),
    /** Open review steps past their due date (R14.1), most overdue first. */
    overdueSteps: z.array(
      z.object({
        applicationId: z.string(),
        stepKind: z.string(),
        label: z.string(),
        requirement: z.string(),
        organisationId: z.string(),
        organisationName: z.string(),
        inmateName: z.string(),
        receivedOn: z.string(),
        dueOn: z.string(),
      }),
    ),
    /** Each terminal in scope: what the store has received from it (it cannot see what is still queued at the terminal). */
    terminals: z.array(
      z.object({
        terminalId: z.string(),
        name: z.string(),
        roomName: z.string(),
        siteId: z.string(),
        siteName: z.string(),
        revoked: z.boolean(),
        /** The newest audit event received, and when. */
        lastEventAt: z.string().nullable(),
        lastEventReceivedAt: z.string().nullable(),
        eventsReceived: z.number().int(),
        /** Last schedule pull and event push (the sync cursor table). */
        lastPullAt: z.string().nullable(),
        lastPushAt: z.string().nullable(),
        /** Last recording upload settled. */
        lastUploadAt: z.string().nullable(),
        /** Recording uploads started but not yet confirmed. */
        uploadsPending: z.number().int(),
        /** Past visits in this terminal's room still "scheduled": outcomes not yet reported. */
        visitsAwaitingOutcome: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'Overview' });
export type Overview = z.infer<typeof overviewSchema>;
