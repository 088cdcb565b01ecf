// Typed API errors. Every error response has the body
// { error: { code, message (zh-CN), issues: [{ path, message }] } }, declared in
// src-shared/store-api/error-body.ts because the terminal reads it too.
import { errorBodySchema, type ErrorBody, type ErrorCode, type Issue } from '../../src-shared/store-api/error-body';

export {
  errorBodySchema,
  errorCodeSchema,
  issueSchema,
  type ErrorBody,
  type ErrorCode,
  type Issue,
} from '../../src-shared/store-api/error-body';

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
export const invalidField = (path: string, message: string) =>
  new ApiError(400, 'VALIDATION_FAILED', message, [{ path, message }]);
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
