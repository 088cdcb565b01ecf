// The central store's typed error answer, declared once: the store builds it
// (src-server/http/api-error.ts) and the terminal reads it.
import { z } from 'zod';

export const errorCodeSchema = z.enum([
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'ACCOUNT_LOCKED',
  'UNSUPPORTED_MEDIA_TYPE',
  'PAYLOAD_TOO_LARGE',
  /** The relatives' status page: too many queries from one address or for one number (429). */
  'RATE_LIMITED',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const issueSchema = z.object({
  /** Dotted location of the bad value: 'body.username', 'query.limit', 'rows.3.id_number'. */
  path: z.string(),
  message: z.string(),
  /** CSV import only: the line of the file (the header is line 1) and the column. */
  row: z.number().int().optional(),
  field: z.string().optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/** Every error response: { error: { code, message (zh-CN), issues: [{ path, message }] } }. */
export const errorBodySchema = z
  .object({ error: z.object({ code: errorCodeSchema, message: z.string(), issues: z.array(issueSchema) }) })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** What a reader can rely on in an error answer; a proxy or an older store may send less. */
export interface StoreErrorParts {
  /** The store's code (usually an ErrorCode), null when absent. */
  readonly code: string | null;
  /** The zh-CN message, null when absent. */
  readonly message: string | null;
  /** The issues that have both a path and a message. */
  readonly issues: { path: string; message: string }[];
}

/** The parts of an error answer that are there, whatever else `body` holds. */
export function storeErrorOf(body: unknown): StoreErrorParts {
  const error: unknown = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error !== 'object' || error === null) return { code: null, message: null, issues: [] };
  const e = error as { code?: unknown; message?: unknown; issues?: unknown };
  const issues = Array.isArray(e.issues)
    ? e.issues.filter(
        (i): i is { path: string; message: string } =>
          typeof i === 'object' &&
          i !== null &&
          typeof (i as { path?: unknown }).path === 'string' &&
          typeof (i as { message?: unknown }).message === 'string',
      )
    : [];
  return {
    code: typeof e.code === 'string' ? e.code : null,
    message: typeof e.message === 'string' ? e.message : null,
    issues: issues.map((i) => ({ path: i.path, message: i.message })),
  };
}
