// Turns every thrown error into the one error body (./api-error). Validation
// failures name the field; anything unexpected is logged and answered 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ApiError } from './api-error';
import type { ErrorCode } from './api-error';

function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || !('code' in err)) return false;
  const code = (err as { code: unknown }).code;
  // SQLite (better-sqlite3) and PostgreSQL (23505 unique_violation).
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

const FASTIFY_CLIENT_ERRORS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求格式错误' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的内容类型' },
};

function toApiError(err: FastifyError): ApiError {
  if (err instanceof ApiError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const issues = err.validation.map((v) => {
      const rest = v.instancePath.split('/').filter((p) => p !== '');
      return { path: [where, ...rest].join('.'), message: v.message ?? '无效的值' };
    });
    return new ApiError(400, 'VALIDATION_FAILED', `请求数据有误：${issues.map((i) => i.path).join('、')}`, issues);
  }
  if (isUniqueViolation(err)) return new ApiError(409, 'CONFLICT', '记录已存在');
  const known =
    err.statusCode !== undefined && !isResponseSerializationError(err) ? FASTIFY_CLIENT_ERRORS[err.statusCode] : undefined;
  if (known) return new ApiError(err.statusCode ?? 400, known.code, `${known.message}：${err.message}`);
  return new ApiError(500, 'INTERNAL', '服务器内部错误');
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const apiError = toApiError(err);
    if (apiError.statusCode >= 500) request.log.error({ err }, 'request failed');
    return reply.code(apiError.statusCode).send(apiError.toBody());
  });
  app.setNotFoundHandler((request, reply) => {
    const body = new ApiError(404, 'NOT_FOUND', `接口不存在：${request.method} ${request.url.split('?')[0] ?? ''}`).toBody();
    return reply.code(404).send(body);
  });
}
