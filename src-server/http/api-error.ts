// Typed API errors. Every error response has the body
// { error: { code, message (zh-CN), issues: [{ path, message }] } }.
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

export const errorBodySchema = z
  .object({ error: z.object({ code: errorCodeSchema, message: z.string(), issues: z.array(issueSchema) }) })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, issues: this.issues } };
  }
}

export const badRequest = (message: string, issues: Issue[] = []) => new ApiError(400, 'VALIDATION_FAILED', message, issues);
/** A 400 for one named field. */
export const invalidField = (path: string, message: string) => new ApiError(400, 'VALIDATION_FAILED', message, [{ path, message }]);
export const unauthenticated = (message = '未登录或登录已过期') => new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message = '无权执行此操作') => new ApiError(403, 'FORBIDDEN', message);
export const notFound = (message = '记录不存在') => new ApiError(404, 'NOT_FOUND', message);
export const conflict = (message: string, issues: Issue[] = []) => new ApiError(409, 'CONFLICT', message, issues);

/** Response schemas for the error statuses a route can answer, for OpenAPI. */
export const errorResponses = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  409: errorBodySchema,
} as const;
