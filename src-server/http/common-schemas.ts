// Small zod schemas shared by several areas' routes.
import { z } from 'zod';
import { isoDateSchema } from '../../src-shared/calendar';
import { plainText } from '../../src-shared/text/plain-text';

export { documentNumber, personName, plainText } from '../../src-shared/text/plain-text';

export const idParamsSchema = z.object({ id: z.uuid('须为 UUID') });

export const isoDate = isoDateSchema;
export const timestampSchema = z.string().describe('ISO-8601 UTC 时间');

/** Trimmed non-empty one-line text of at most `max` characters, without control or bidi-override characters. */
export const text = (max: number, label = '此项') => plainText(label, max);

/** The same, where newline and tab are text (reasons, notes). */
export const note = (max: number, label: string) => plainText(label, max, { multiline: true });

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
