// Small zod schemas several areas' endpoints share.
import { z } from 'zod';
import { isoDateSchema } from '../calendar/iso-date-schema';
import { plainText } from '../text/plain-text';

export { documentNumber, personName } from '../text/plain-text';

export const idParamsSchema = z.object({ id: z.uuid('须为 UUID') });

export const isoDate = isoDateSchema;

/** Trimmed non-empty one-line text of at most `max` characters, without control or bidi-override characters. */
export const text = (max: number, label = '此项') => plainText(label, max);

/** The same, where newline and tab are text (reasons, notes). */
export const note = (max: number, label: string) => plainText(label, max, { multiline: true });

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
