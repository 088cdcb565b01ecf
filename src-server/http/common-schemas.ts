// Small zod schemas shared by several areas' routes.
import { z } from 'zod';
import { isoDateSchema } from '../../src-shared/calendar';

export const idParamsSchema = z.object({ id: z.uuid('须为 UUID') });

export const isoDate = isoDateSchema;
export const timestampSchema = z.string().describe('ISO-8601 UTC 时间');

/** Trimmed non-empty text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
