// GET /api/sync/config: what the central store decides for every
// terminal: retention, limits, STUN/TURN servers, the working-day calendar's
// overrides. The cursor is the digest of the content: a terminal that sends the
// cursor it holds gets `changed: false` and no body while nothing changed.
import { z } from 'zod';
import { calendarOverridesSchema } from '../calendar/overrides';
import { iceConfigSchema } from '../signaling/protocol';

export const syncedConfigSchema = z
  .object({
    /** R13.1: days recordings are kept; a terminal never goes below MIN_RETENTION_DAYS. */
    retentionDays: z.number().int().positive(),
    limits: z.object({
      /** R14.2 normal limits (per-prison policies are not kept by the store yet). */
      visitsPerMonth: z.number().int().positive(),
      maxMinutes: z.number().int().positive(),
      maxVisitors: z.number().int().positive(),
      /** Audit events the store takes in one batch. */
      maxEventsPerBatch: z.number().int().positive(),
    }),
    ice: iceConfigSchema,
    calendar: calendarOverridesSchema,
  })
  .meta({ id: 'SyncedConfig' });
export type SyncedConfig = z.infer<typeof syncedConfigSchema>;

export const configPullQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^[0-9a-f]{64}$/, '须为上次拉取返回的 cursor')
    .optional()
    .describe('上次拉取返回的 cursor；首次不填'),
});

export const configPageSchema = z.union([
  z.object({ changed: z.literal(true), cursor: z.string(), config: syncedConfigSchema }),
  z.object({ changed: z.literal(false), cursor: z.string() }),
]);
export type ConfigPage = z.infer<typeof configPageSchema>;
